"""The judging commands, end to end on a database of their own: shortlist to protocol."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from cli.main import app
from contest.db import make_engine
from contest.models import (
    Assignment,
    AuditEvent,
    Contest,
    Entry,
    JurorConflict,
    ResultPlace,
    Round,
    User,
)
from contest.settings import Settings
from judging.workspace import JurorWorkspace
from tests.judging.factories import JudgingFactory
from tests.paths import PRESET

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


@contextmanager
def database(settings: Settings) -> Iterator[Session]:
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        yield session
        session.commit()
    engine.dispose()


@pytest.fixture
def contest_env(app_env: Settings) -> Settings:
    """The preset contest with six accepted entries and three jurors."""
    run("init", "--contest", str(PRESET))
    with database(app_env) as session:
        contest = session.scalar(select(Contest))
        factory = JudgingFactory(session, contest)
        for i in range(6):
            factory.entry(likes=300 - 20 * i, username=f"knipser_{i}")
        # Found after the freeze (the hashtag feed missed it) and accepted then: a wildcard.
        factory.entry(likes=3, username="spaeter_favorit", shortcode="WILD1", status="review")
        factory.jurors("jana", "olaf", "uwe")
    return app_env


def vote(settings: Settings, round_number: int, stars_by_rank: list[int]) -> None:
    """Every juror rates every task: the entry's likes rank decides the stars."""
    with database(settings) as session:
        round_ = session.scalar(select(Round).where(Round.sequence == round_number))
        ranked = list(session.scalars(select(Entry.id).order_by(Entry.likes.desc())))
        for juror in session.scalars(select(User)):
            workspace = JurorWorkspace(session, juror)
            while (task := workspace.next_task(round_.id)) is not None:
                entry_id = session.get(Assignment, task.task_id).entry_id
                workspace.cast_vote(task.task_id, {"stars": stars_by_rank[ranked.index(entry_id)]})


def rank_all(settings: Settings, round_number: int) -> None:
    """Every juror ranks the final by likes (most liked first)."""
    with database(settings) as session:
        round_ = session.scalar(select(Round).where(Round.sequence == round_number))
        for juror in session.scalars(select(User)):
            workspace = JurorWorkspace(session, juror)
            tasks = workspace.tasks(round_.id)
            likes = {t.task_id: session.get(Assignment, t.task_id).entry_id for t in tasks}
            entries = {e.id: e.likes for e in session.scalars(select(Entry))}
            order = sorted(likes, key=lambda task_id: -entries[likes[task_id]])
            workspace.submit_ranking(round_.id, order)


def accept_late_entry(settings: Settings) -> None:
    with database(settings) as session:
        session.scalar(select(Entry).where(Entry.shortcode == "WILD1")).status = "accepted"


def through_first_round(settings: Settings) -> None:
    run("shortlist", "--freeze")
    accept_late_entry(settings)
    run("shortlist", "--wildcard", "WILD1", "--note", "Jury-Joker")
    run(
        "round", "create", "--name", "Vorrunde", "--method", "rating", "--scale", "10",
        "--quorum", "2", "--jurors", "jana,olaf,uwe", "--seed", "cli",
    )  # fmt: skip
    run("round", "activate", "1")
    vote(settings, 1, [9, 8, 7, 6, 5, 4, 3])
    run("round", "close", "1")
    run("round", "finalize", "1")


def through_final(settings: Settings) -> None:
    through_first_round(settings)
    run(
        "round", "create", "--name", "Finale", "--method", "ranking", "--tally", "schulze",
        "--quorum", "3", "--top", "3", "--jurors", "jana,olaf,uwe",
    )  # fmt: skip
    run("round", "activate", "2")
    rank_all(settings, 2)
    run("round", "close", "2")
    run("round", "finalize", "2")


def test_shortlist_json_before_and_after_the_freeze(contest_env: Settings) -> None:
    preview = json.loads(run("shortlist", "--format", "json"))
    assert [row["rank"] for row in preview] == [1, 2, 3, 4, 5, 6]
    assert {k: preview[0][k] for k in ("shortcode", "username", "likes", "town")}.keys() == {
        "shortcode",
        "username",
        "likes",
        "town",
    }
    assert preview[0]["username"] == "knipser_0" and preview[0]["likes"] == 300
    run("shortlist", "--freeze")
    assert "frozen" in run("shortlist")
    second = run("shortlist", "--freeze", code=2)
    assert "frozen already" in second and "Traceback" not in second


def test_a_wildcard_without_a_note_is_one_clear_error(contest_env: Settings) -> None:
    run("shortlist", "--freeze")
    output = run("shortlist", "--wildcard", "C0001x", code=2)
    assert "needs a note" in output


def test_round_commands_walk_the_lifecycle(contest_env: Settings) -> None:
    through_first_round(contest_env)
    listing = json.loads(run("round", "list", "--format", "json"))
    assert listing[0]["status"] == "finalized" and listing[0]["done"] == listing[0]["tasks"] == 14
    assert "jana" in run("round", "jurors", "1")
    with database(contest_env) as session:
        actions = set(session.scalars(select(AuditEvent.action)))
    assert {"round.activated", "round.closed", "round.finalized", "vote.cast"} <= actions


def test_reopen_needs_a_reason_and_quorum_and_jurors_change_a_running_round(
    contest_env: Settings,
) -> None:
    run("shortlist", "--freeze")
    run("round", "create", "--name", "Vorrunde", "--method", "yesno", "--quorum", "1",
        "--jurors", "jana,olaf")  # fmt: skip
    run("round", "activate", "1")
    assert "Redistributed" in run("round", "jurors", "1", "--add", "uwe")
    run("round", "quorum", "1", "2")
    run("round", "close", "1")
    assert "Missing option '--reason'" in run("round", "reopen", "1", code=2)
    run("round", "reopen", "1", "--reason", "Nachzügler")
    assert "No round 9" in run("round", "activate", "9", code=2)


def test_results_publish_and_protocol(contest_env: Settings, tmp_path: Path) -> None:
    through_final(contest_env)
    ranking = json.loads(run("results", "--format", "json"))
    assert [row["place"] for row in ranking] == [1, 2, 3]
    assert ranking[0]["username"] == "knipser_0" and ranking[0]["votes"] == 3
    table = list(csv.reader(io.StringIO(run("results", "--format", "csv"))))
    assert table[0][-3:] == ["juror A", "juror B", "juror C"]
    named = run("results", "--format", "csv", "--named-jurors")
    assert "juror jana" in named.splitlines()[0]
    run("publish")
    with database(contest_env) as session:
        assert len(session.scalars(select(ResultPlace)).all()) == 3
    assert "already" in run("publish", code=2)
    out = tmp_path / "protokoll" / "jury.html"
    run("protocol", str(out))
    html = out.read_text(encoding="utf-8")
    assert "Juryprotokoll" in html and "Schulze-Methode" in html and "jana" not in html
    run("unpublish", "--reason", "Korrektur")
    with database(contest_env) as session:
        assert session.scalars(select(ResultPlace)).all() == []


def test_results_before_the_final_is_finalized(contest_env: Settings) -> None:
    through_first_round(contest_env)
    run("round", "create", "--name", "Finale", "--method", "ranking", "--quorum", "3",
        "--top", "3", "--jurors", "jana,olaf,uwe")  # fmt: skip
    output = run("results", code=2)
    assert "not finalized" in output and "--round 2" in output
    assert "Vorrunde: final" in run("results", "--round", "1")


def test_an_open_tie_at_the_cut_names_the_command_that_decides_it(contest_env: Settings) -> None:
    run("shortlist", "--freeze")
    run("round", "create", "--name", "Vorrunde", "--method", "rating", "--quorum", "3",
        "--jurors", "jana,olaf,uwe")  # fmt: skip
    run("round", "activate", "1")
    vote(contest_env, 1, [5, 4, 4, 3, 2, 1, 1])
    run("round", "close", "1")
    run("round", "finalize", "1")
    run("round", "create", "--name", "Finale", "--method", "ranking", "--quorum", "3",
        "--top", "2", "--jurors", "jana,olaf,uwe")  # fmt: skip
    output = run("round", "activate", "2", code=2)
    assert "round tie 1 --order" in output
    order = output.split("--order ")[1].split()[0]
    run("round", "tie", "1", "--order", order, "--note", "Jury einstimmig")
    run("round", "activate", "2")


def test_conflicts_are_declared_normalised_listed_and_recorded_once(
    contest_env: Settings,
) -> None:
    run("conflict", "add", "jana", "--account", "@Tochter", "--note", "daughter")
    run("conflict", "add", "jana", "--account", "tochter")
    run("conflict", "add", "jana", "--town", "Gotha")
    with database(contest_env) as session:
        conflicts = session.scalars(select(JurorConflict).order_by(JurorConflict.id)).all()
        assert [(c.kind, c.value) for c in conflicts] == [("account", "tochter"), ("town", "Gotha")]
    listed = run("conflict", "list")
    assert "tochter" in listed and "Gotha" in listed and "daughter" in listed


def test_conflicts_are_for_jurors(contest_env: Settings) -> None:
    with database(contest_env) as session:
        JudgingFactory(session, session.scalar(select(Contest))).user("olga", role="organiser")
    assert "not a juror" in run("conflict", "add", "olga", "--town", "Gotha", code=2)


def test_conflict_commands(contest_env: Settings) -> None:
    run("conflict", "add", "jana", "--town", "Gotha", "--note", "wohnt dort")
    assert "Gotha" in run("conflict", "list")
    assert "either --account or --town" in run("conflict", "add", "jana", code=2)
    run("conflict", "remove", "1")
    assert "Gotha" not in run("conflict", "list")
