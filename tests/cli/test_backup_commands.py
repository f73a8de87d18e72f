"""`downtown-snap backup` and `restore`: one archive, checked before anything is replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from cli.main import app
from contest.db import make_engine
from contest.models import Entry
from contest.settings import Settings, get_settings
from tests.cli.privacy_setup import database_session, populate, runner
from tests.privacy.residue import file_hashes


def test_backup_then_restore_round_trips(app_env: Settings, tmp_path: Path) -> None:
    populate(app_env)
    files_before = file_hashes(app_env.data_dir)
    archive = tmp_path / "nightly.tar"
    made = runner.invoke(app, ["backup", str(archive)])
    assert made.exit_code == 0, made.output
    assert "3 entries" in made.output and archive.is_file()

    with database_session(app_env) as session:
        for entry in session.scalars(select(Entry)):
            session.delete(entry)
    for path in app_env.data_dir.rglob("*.webp"):
        path.unlink()

    restored = runner.invoke(app, ["restore", str(archive), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert "Restored the backup" in restored.output
    with database_session(app_env) as session:
        assert len(session.scalars(select(Entry)).all()) == 3
    assert file_hashes(app_env.data_dir).keys() == files_before.keys()


def test_restore_without_yes_only_checks(app_env: Settings, tmp_path: Path) -> None:
    populate(app_env)
    archive = tmp_path / "b.tar"
    assert runner.invoke(app, ["backup", str(archive)]).exit_code == 0
    with database_session(app_env) as session:
        session.delete(session.scalars(select(Entry)).first())
    result = runner.invoke(app, ["restore", str(archive)])
    assert result.exit_code == 2
    assert "is intact" in result.output and "Nothing was restored" in result.output
    with database_session(app_env) as session:
        assert len(session.scalars(select(Entry)).all()) == 2


def test_backup_into_a_folder_names_the_file_by_time(app_env: Settings, tmp_path: Path) -> None:
    populate(app_env)
    folder = tmp_path / "backups"
    folder.mkdir()
    result = runner.invoke(app, ["backup", str(folder)])
    assert result.exit_code == 0, result.output
    (made,) = folder.iterdir()
    assert made.name.startswith("downtown-snap-") and made.suffix == ".tar"


def test_restore_of_a_damaged_file_is_one_clear_line(app_env: Settings, tmp_path: Path) -> None:
    populate(app_env)
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"\x00" * 10 + b"definitely not a tar archive" * 40)
    result = runner.invoke(app, ["restore", str(junk), "--yes"])
    assert result.exit_code == 2
    assert "Cannot restore" in result.output
    assert "Traceback" not in result.output


def test_restore_on_a_new_machine(
    app_env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty database (no tables at all) and an empty data directory."""
    populate(app_env)
    archive = tmp_path / "b.tar"
    assert runner.invoke(app, ["backup", str(archive)]).exit_code == 0
    engine = make_engine(app_env.database_url)
    reflected = MetaData()
    with engine.begin() as connection:
        reflected.reflect(connection)
        reflected.drop_all(connection)
    engine.dispose()
    new_data_dir = tmp_path / "new-machine-media"
    monkeypatch.setenv("DOWNTOWN_SNAP_DATA_DIR", str(new_data_dir))
    get_settings.cache_clear()
    result = runner.invoke(app, ["restore", str(archive), "--yes"])
    assert result.exit_code == 0, result.output
    assert file_hashes(new_data_dir).keys() == file_hashes(app_env.data_dir).keys()
    with database_session(app_env) as session:
        assert len(session.scalars(select(Entry)).all()) == 3
