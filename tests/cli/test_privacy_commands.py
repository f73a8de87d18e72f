"""`downtown-snap participant export|forget` and `purge`, as an organiser runs them."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cli.main import app
from contest.models import Participant, Tombstone
from contest.settings import Settings
from tests.cli.privacy_setup import database_session, populate, runner
from tests.privacy.residue import file_hashes, hashes_of, rows_holding
from tests.privacy.world import TARGET, World


@pytest.fixture
def world(app_env: Settings) -> World:
    return populate(app_env)


def test_export_prints_json_to_stdout(app_env: Settings, world: World) -> None:
    result = runner.invoke(app, ["participant", "export", f"@{TARGET}"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["account"]["username"] == TARGET
    entries = document["contests"][0]["participant"]["entries"]
    assert sorted(e["shortcode"] for e in entries) == world.anna_shortcodes


def test_export_to_a_file_is_private_and_never_overwrites(
    app_env: Settings, world: World, tmp_path: Path
) -> None:
    target = tmp_path / "anna.json"
    result = runner.invoke(app, ["participant", "export", TARGET, "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "2 entries" in result.output
    assert json.loads(target.read_text(encoding="utf-8"))["format"].startswith("downtown-snap")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = runner.invoke(app, ["participant", "export", TARGET, "--output", str(target)])
    assert again.exit_code == 2 and "exists already" in again.output


def test_forget_without_yes_changes_nothing(app_env: Settings, world: World) -> None:
    result = runner.invoke(app, ["participant", "forget", TARGET])
    assert result.exit_code == 2
    assert "Would erase 2 entries" in result.output
    assert "--yes" in result.output
    assert all(path.exists() for path in world.anna_files)
    with database_session(app_env) as session:
        assert session.scalar(select(Participant).where(Participant.username == TARGET))
        assert session.scalars(select(Tombstone)).all() == []


def test_forget_with_yes_leaves_no_row_and_no_file(app_env: Settings, world: World) -> None:
    anna_hashes = hashes_of(world.anna_files)
    result = runner.invoke(
        app, ["participant", "forget", TARGET, "--yes", "--note", "DS-2025-17", "--by", "mueller"]
    )
    assert result.exit_code == 0, result.output
    assert "Erased 2 entries" in result.output
    assert anna_hashes & file_hashes(app_env.data_dir).keys() == set()
    with database_session(app_env) as session:
        assert rows_holding(session, [TARGET, *world.anna_shortcodes]) == []
        stone = session.scalars(select(Tombstone)).one()
        assert (stone.by, stone.note) == ("mueller", "DS-2025-17")


def test_forget_of_an_unknown_account_is_one_clear_line(app_env: Settings, world: World) -> None:
    result = runner.invoke(app, ["participant", "forget", "niemand", "--yes"])
    assert result.exit_code == 2
    assert "Nothing is stored about the Instagram account 'niemand'" in result.output
    assert "Traceback" not in result.output


def test_purge_before_the_retention_period_says_when(
    app_env: Settings, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_clock(monkeypatch, datetime(2025, 7, 1, tzinfo=UTC))
    result = runner.invoke(app, ["purge"])
    assert result.exit_code == 0, result.output
    assert "retention runs until" in result.output and "nothing to purge yet" in result.output
    assert all(path.exists() for path in world.anna_files)


def test_purge_dry_run_reports_without_removing(
    app_env: Settings, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_clock(monkeypatch, datetime(2100, 1, 1, tzinfo=UTC))
    result = runner.invoke(app, ["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    files = len(world.files["AnnaPost02y"])
    assert f"would remove 1 entries, 0 participants and {files} image files" in result.output
    assert all(path.exists() for path in world.anna_files)


def test_purge_removes_non_winning_entries(
    app_env: Settings, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_clock(monkeypatch, datetime(2100, 1, 1, tzinfo=UTC))
    result = runner.invoke(app, ["purge"])
    assert result.exit_code == 0, result.output
    assert "removed 1 entries" in result.output
    assert not any(path.exists() for path in world.files["AnnaPost02y"])
    with database_session(app_env) as session:
        assert rows_holding(session, ["AnnaPost02y"]) == []


def _set_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Set the time the command reads (the contest file fixes when retention ends)."""
    import cli.privacy_commands as commands

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return moment

    monkeypatch.setattr(commands, "datetime", Clock)
