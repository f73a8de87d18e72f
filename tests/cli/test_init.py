"""`downtown-snap init`: creates the database, loads the contest, and fails clearly."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from cli.main import app
from contest.db import make_engine
from contest.models import Contest
from contest.schema import current_revision
from contest.settings import Settings
from tests.paths import PRESET

runner = CliRunner()


def test_init_creates_database_and_loads_preset(app_env: Settings) -> None:
    result = runner.invoke(app, ["init", "--contest", str(PRESET)])
    assert result.exit_code == 0, result.output
    assert "downtown-snaps-2025" in result.output
    engine = make_engine(app_env.database_url)
    with engine.connect() as connection:
        slugs = connection.scalars(select(Contest.slug)).all()
    assert slugs == ["downtown-snaps-2025"]
    engine.dispose()


def test_init_twice_keeps_one_contest(app_env: Settings) -> None:
    assert runner.invoke(app, ["init", "--contest", str(PRESET)]).exit_code == 0
    second = runner.invoke(app, ["init", "--contest", str(PRESET)])
    assert second.exit_code == 0
    engine = make_engine(app_env.database_url)
    with engine.connect() as connection:
        assert len(connection.scalars(select(Contest.id)).all()) == 1
    engine.dispose()


def test_missing_contest_file_is_one_clear_error(app_env: Settings, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "--contest", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert "no such contest file" in result.output
    assert "Traceback" not in result.output
    engine = make_engine(app_env.database_url)
    assert current_revision(engine) is None, "nothing may be half-written"
    engine.dispose()


def test_invalid_toml_names_the_file(app_env: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[contest\nslug = 'x'", encoding="utf-8")
    result = runner.invoke(app, ["init", "--contest", str(broken)])
    assert result.exit_code == 2
    assert "broken.toml" in result.output


def test_bad_database_url_is_one_clear_error(app_env: Settings, monkeypatch) -> None:
    monkeypatch.setenv("DOWNTOWN_SNAP_DATABASE_URL", "mysql://nobody@nowhere/db")
    from contest.settings import get_settings

    get_settings.cache_clear()
    result = runner.invoke(app, ["init", "--contest", str(PRESET)])
    assert result.exit_code == 2
    assert "Unsupported database" in result.output


def test_unwritable_data_dir_is_refused_before_any_table(
    app_env: Settings, monkeypatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DOWNTOWN_SNAP_DATA_DIR", str(blocker / "media"))
    from contest.settings import get_settings

    get_settings.cache_clear()
    result = runner.invoke(app, ["init", "--contest", str(PRESET)])
    assert result.exit_code == 2
    assert "not writable" in result.output
    engine = make_engine(app_env.database_url)
    assert current_revision(engine) is None
    engine.dispose()


def test_commands_refuse_an_unmigrated_database(app_env: Settings) -> None:
    result = runner.invoke(app, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "downtown-snap init" in result.output


def test_reloading_the_contest_file_recomputes_verdicts(app_env: Settings, tmp_path: Path) -> None:
    """An organiser narrows the period; entries outside it are rejected without a new ingest."""
    from datetime import UTC, datetime

    from ingest.instaloader_files import FixturePost, write_post
    from tests.ingest.factories import photo

    folder = tmp_path / "tag"
    write_post(
        folder,
        FixturePost(
            shortcode="LATEJUNE1",
            username="anna",
            posted_at=datetime(2025, 6, 20, 10, tzinfo=UTC),
            caption="Gotha, Obere Hauptmarkt #ThüringenDownTown @downtownsnaps_th",
            location={"name": "Gotha", "lat": 50.9487, "lng": 10.7018},
            images=[photo(1, (1080, 1350))],
        ),
    )
    assert runner.invoke(app, ["init", "--contest", str(PRESET)]).exit_code == 0
    ingested = runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress"])
    assert ingested.exit_code == 0, ingested.output

    shorter = tmp_path / "shorter.toml"
    text = PRESET.read_text(encoding="utf-8")
    shorter.write_text(text.replace("2025-06-22", "2025-06-15"), encoding="utf-8")
    result = runner.invoke(app, ["init", "--contest", str(shorter)])
    assert result.exit_code == 0, result.output
    assert "Verdicts recomputed" in result.output

    exported = runner.invoke(app, ["entries", "--format", "json"])
    assert '"outside_period"' in exported.output
