"""`downtown-snap ingest ...` as organisers run it: summaries, exit codes, and surviving kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from cli.main import app
from contest.db import make_engine
from contest.models import Entry, IngestRun, LikeReading, Photo
from contest.settings import Settings
from ingest.runs import ingest_lock
from tests.ingest.factories import photo, post, write_folder
from tests.ingest.fake_instagram import PAGE, LivePost, install, write_session_file
from tests.paths import PRESET, REPO_ROOT

runner = CliRunner()


@pytest.fixture
def ready(app_env: Settings) -> Settings:
    result = runner.invoke(app, ["init", "--contest", str(PRESET)])
    assert result.exit_code == 0, result.output
    return app_env


def counts(settings: Settings) -> tuple[int, int, int]:
    engine = make_engine(settings.database_url)
    with engine.connect() as connection:
        found = tuple(
            connection.scalar(select(func.count(column)))
            for column in (Entry.id, Photo.id, LikeReading.id)
        )
    engine.dispose()
    return found  # type: ignore[return-value]


def test_dir_imports_and_prints_a_summary(ready: Settings, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "#thüringendowntown", [post(n) for n in range(1, 4)])
    (folder / "junk.json").write_text("{}")
    result = runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "Ingestion run #1 (directory): completed" in result.output
    assert "junk.json" in result.output  # the problem is listed with its path
    assert counts(ready) == (3, 3, 3)
    listing = runner.invoke(app, ["ingest", "runs"])
    assert listing.exit_code == 0 and "directory" in listing.output


def test_missing_folder_is_exit_2(ready: Settings, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "dir", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "No such folder" in result.output and "Traceback" not in result.output


def test_a_busy_contest_is_exit_3(ready: Settings, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "tag", [post(1)])
    with ingest_lock(ready.data_dir, 1):
        result = runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress"])
    assert result.exit_code == 3
    assert "still running" in result.output


def test_invalid_post_link_is_exit_2(ready: Settings, tmp_path: Path) -> None:
    session_file = write_session_file(tmp_path)
    result = runner.invoke(
        app, ["ingest", "post", "https://example.com/p/x", "--session-file", str(session_file)]
    )
    assert result.exit_code == 2
    assert "neither an Instagram post URL nor a shortcode" in result.output


def test_hashtag_without_session_is_exit_4(ready: Settings, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", "hashtag", "--session-file", str(tmp_path / "session-nobody")]
    )
    assert result.exit_code == 4
    assert "instaloader --login nobody" in result.output


def test_hashtag_rate_limit_is_exit_5_and_tells_when_to_retry(
    ready: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = install(monkeypatch)
    fake.add_tag(
        "thüringendowntown",
        [[LivePost("Lv1", "anna", "11", post(1).posted_at, photo(1))], []],
    )
    fake.add_tag("thueringendowntown", [[]])
    fake.fail(PAGE, 429, {"status": "fail"}, skip=1)
    session_file = write_session_file(tmp_path)
    args = ["ingest", "hashtag", "--session-file", str(session_file), "--no-request-pauses"]
    result = runner.invoke(app, [*args, "--no-progress"])
    assert result.exit_code == 5, result.output
    assert "429" in result.output and "resumes where it stopped" in result.output
    assert counts(ready)[0] == 1  # what was read before the stop is kept


def test_derivatives_command(ready: Settings, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "tag", [post(1)])
    runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress", "--no-derivatives"])
    result = runner.invoke(app, ["ingest", "derivatives", "--no-progress"])
    assert result.exit_code == 0
    assert "Display images made for 1 photo(s)." in result.output


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_loses_and_doubles_nothing(
    ready: Settings, tmp_path: Path
) -> None:
    total = 150
    folder = write_folder(
        tmp_path / "tag", [post(n, images=[photo(n, (600, 750))]) for n in range(total)]
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [
        sys.executable,
        "-m",
        "cli",
        "ingest",
        "dir",
        str(folder),
        "--no-progress",
        "--no-derivatives",
        "--workers",
        "1",
    ]
    process = subprocess.Popen(
        command,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while counts(ready)[0] < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # kill -9, the process and any child of it
    assert process.wait(timeout=30) == -signal.SIGKILL
    entries_before, photos_before, readings_before = counts(ready)
    assert 20 <= entries_before < total, "the kill must land mid-run"
    assert photos_before == readings_before == entries_before  # committed posts are whole

    result = runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress", "--no-derivatives"])
    assert result.exit_code == 0, result.output
    assert counts(ready) == (total, total, total)
    engine = make_engine(ready.database_url)
    with engine.connect() as connection:
        runs = dict(connection.execute(select(IngestRun.status, IngestRun.new)).all())
    engine.dispose()
    assert runs["interrupted"] is not None
    assert runs["completed"] == total - entries_before
