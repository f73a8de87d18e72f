"""`downtown-snap demo`: builds the demo contest, is safe to run again, wipes only what it may,
and stays away from databases holding real data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import cli.main
from cli.demo import build as build_module
from cli.demo.folder import hashtag_folder
from cli.demo.plan import plan_posts
from cli.demo.scenario import DEMO_LOGINS
from cli.main import app
from contest.db import make_engine
from contest.models import AuditEvent, Contest, Entry, IngestRun, Participant, User
from contest.settings import Settings, get_settings

runner = CliRunner()

# A handful of planted cases (a carousel, a video, a duplicate pair, a comments file) keeps each
# build to a second or two; the folder tests cover the full scenario.
SMALL_DEMO = {"winner-meiningen", "video", "duplicate-original", "duplicate-again", "no-mention"}
DEMO = ["demo", "--posts", "1"]
BUILD = [*DEMO, "--no-serve"]


@pytest.fixture
def small_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "plan_posts", partial(plan_posts, planted=SMALL_DEMO))


@pytest.fixture
def ingest_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """`ingest.job.ingest_directory` belongs to the ingestion issue and is a placeholder on this
    branch: record how the demo calls it. The lead wires the real job at merge; then
    `test_demo_shows_every_planted_case` below runs the whole pipeline."""
    calls: list[dict[str, object]] = []

    def record(sessions, settings, contest_id, path, *, derivatives, show_progress) -> IngestRun:
        calls.append(
            {
                "contest_id": contest_id,
                "path": path,
                "derivatives": derivatives,
                "show_progress": show_progress,
                "data_dir": settings.data_dir,
            }
        )
        return IngestRun(contest_id=contest_id, source="directory", status="completed")

    monkeypatch.setattr(build_module, "ingest_directory", record)
    return calls


@pytest.fixture
def db(app_env: Settings) -> Iterator[Session]:
    engine = make_engine(app_env.database_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _folder_digest(data_dir: Path) -> dict[str, str]:
    folder = hashtag_folder(data_dir)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _users(session: Session) -> list[tuple[str, str]]:
    session.expire_all()
    return sorted(
        (row.username, row.role) for row in session.execute(select(User.username, User.role))
    )


def test_demo_twice_builds_the_same_data(
    app_env: Settings, small_demo, ingest_calls, db: Session
) -> None:
    first = runner.invoke(app, BUILD)
    assert first.exit_code == 0, first.output
    folder_after_first = _folder_digest(app_env.data_dir)
    users_after_first = _users(db)

    second = runner.invoke(app, BUILD)
    assert second.exit_code == 0, second.output
    assert "unchanged, kept" in second.output
    assert "existed already" in second.output
    assert _folder_digest(app_env.data_dir) == folder_after_first
    assert _users(db) == users_after_first == sorted((x.username, x.role) for x in DEMO_LOGINS)
    created = db.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "user.created")
    )
    assert created == len(DEMO_LOGINS)
    assert db.scalar(select(func.count()).select_from(Contest)) == 1
    assert len(ingest_calls) == 2


def test_demo_prints_the_logins_and_says_they_are_demo_only(
    app_env: Settings, small_demo, ingest_calls
) -> None:
    result = runner.invoke(app, [*BUILD, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    for login in DEMO_LOGINS:
        assert login.username in result.output
        assert login.password in result.output
    assert "Demo only" in result.output


def test_demo_ingests_its_folder_like_real_data(
    app_env: Settings, small_demo, ingest_calls, db: Session
) -> None:
    assert runner.invoke(app, BUILD).exit_code == 0
    contest_id = db.scalar(select(Contest.id).where(Contest.slug == "downtown-snaps-2025"))
    (call,) = ingest_calls
    assert call["contest_id"] == contest_id
    assert call["path"] == hashtag_folder(app_env.data_dir)
    assert call["derivatives"] is True and call["show_progress"] is True


def test_demo_serves_unless_told_not_to(
    app_env: Settings, small_demo, ingest_calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[dict[str, object]] = []
    monkeypatch.setattr(cli.main, "serve", lambda **options: served.append(options))
    result = runner.invoke(app, [*DEMO, "--host", "0.0.0.0", "--port", "8124"])
    assert result.exit_code == 0, result.output
    assert served == [{"host": "0.0.0.0", "port": 8124, "workers": 1, "proxy_headers": True}]


def test_fresh_at_the_default_location_wipes_without_asking(
    app_env: Settings, small_demo, ingest_calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOWNTOWN_SNAP_DATABASE_URL")
    monkeypatch.delenv("DOWNTOWN_SNAP_DATA_DIR")
    get_settings.cache_clear()
    assert runner.invoke(app, BUILD).exit_code == 0
    leftover = Path("var/media/leftover.txt")
    leftover.write_text("from an earlier run")

    result = runner.invoke(app, [*BUILD, "--fresh"])
    assert result.exit_code == 0, result.output
    assert "Delete every table" not in result.output
    assert not leftover.exists()
    assert "existed already" not in result.output  # the users were created anew
    assert hashtag_folder(Path("var/media")).is_dir()


@pytest.mark.parametrize(("answer", "wiped"), [("n\n", False), ("y\n", True)])
def test_fresh_elsewhere_asks_first(
    app_env: Settings, small_demo, ingest_calls, answer: str, wiped: bool
) -> None:
    assert runner.invoke(app, BUILD).exit_code == 0
    leftover = app_env.data_dir / "leftover.txt"
    leftover.write_text("keep me unless told otherwise")

    result = runner.invoke(app, [*BUILD, "--fresh"], input=answer)
    assert "Delete every table" in result.output
    assert result.exit_code == (0 if wiped else 1), result.output
    assert leftover.exists() is not wiped


def test_demo_refuses_a_database_with_real_entries(
    app_env: Settings, small_demo, ingest_calls, db: Session
) -> None:
    assert runner.invoke(app, BUILD).exit_code == 0
    contest = db.scalar(select(Contest))
    participant = Participant(contest_id=contest.id, username="real.person")
    db.add(participant)
    db.flush()
    db.add(
        Entry(
            contest_id=contest.id,
            participant_id=participant.id,
            shortcode="Creal123456",
            posted_at=plan_posts(0)[0].post.posted_at,
            source="directory",
        )
    )
    db.commit()

    result = runner.invoke(app, BUILD)
    assert result.exit_code == 2
    assert "not the demo's (1 entry not from the demo)" in result.output
    assert "Traceback" not in result.output


def test_demo_refuses_a_database_with_another_contest(
    app_env: Settings, small_demo, ingest_calls, db: Session
) -> None:
    assert runner.invoke(app, BUILD).exit_code == 0
    db.add(Contest(slug="stadtradeln-2026", name="Stadtradeln 2026", rules_toml=""))
    db.commit()
    result = runner.invoke(app, BUILD)
    assert result.exit_code == 2
    assert "1 other contest" in result.output
    assert "--fresh" in result.output


def test_demo_refuses_production_settings(
    app_env: Settings, small_demo, ingest_calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOWNTOWN_SNAP_ENV", "production")
    get_settings.cache_clear()
    result = runner.invoke(app, BUILD)
    assert result.exit_code == 2
    assert "production" in result.output
    assert not hashtag_folder(app_env.data_dir).exists()


@pytest.mark.slow
def test_demo_shows_every_planted_case(app_env: Settings, db: Session) -> None:
    """The whole pipeline on the real ingestion job and rules: every planted case gets the
    status, reasons and town the scenario names."""
    from cli.demo.build import build_demo
    from cli.demo.report import summarise_entries

    try:
        demo = build_demo(ordinary_posts=2)
    except NotImplementedError as error:
        pytest.skip(f"needs the ingestion and rules issues: {error}")
    summary = summarise_entries(db, demo.contest.id, demo.posts)
    assert summary.entries == len(demo.posts)
    assert summary.mismatches == ()
