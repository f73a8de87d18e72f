"""`entries`, `review` and `rules` on the command line, against a real (fresh) database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from cli.main import app
from contest.db import make_engine
from contest.models import AuditEvent, Contest, Entry
from contest.settings import Settings
from ingest.verdicts import recompute_verdicts
from tests.paths import PRESET
from tests.stored_entries import add_entry

runner = CliRunner()
LATER, LATEST = (2025, 5, 21, 9, 0), (2025, 5, 22, 9, 0)


@pytest.fixture
def loaded(app_env: Settings):
    """The preset loaded by `init`, with three entries and their verdicts committed."""
    assert runner.invoke(app, ["init", "--contest", str(PRESET)]).exit_code == 0
    engine = make_engine(app_env.database_url)
    with Session(engine) as session:
        contest = session.scalar(select(Contest))
        add_entry(session, contest, "GOOD", likes=7)
        add_entry(session, contest, "SMALL", username="bert", photo={"width": 500}, posted=LATER)
        add_entry(session, contest, "REEL", username="carla", is_video=True, posted=LATEST)
        recompute_verdicts(session, contest, {})
        session.commit()
    yield engine
    engine.dispose()


def test_entries_json(loaded) -> None:
    result = runner.invoke(app, ["entries", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["shortcode"], r["status"], r["reasons"]) for r in rows] == [
        ("GOOD", "accepted", []),
        ("SMALL", "review", ["too_small"]),
        ("REEL", "rejected", ["not_a_photo"]),
    ]
    assert rows[0]["posted_at"] == "2025-05-20T16:30:00Z"
    assert (rows[0]["town"], rows[0]["likes"], rows[0]["decided_by"]) == ("Gotha", 7, "rules")


def test_entries_csv_with_status_filter(loaded) -> None:
    result = runner.invoke(app, ["entries", "--format", "csv", "--status", "review"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert [(r["shortcode"], r["reasons"]) for r in rows] == [("SMALL", "too_small")]


def test_entries_to_a_file(loaded, tmp_path: Path) -> None:
    target = tmp_path / "entries.csv"
    result = runner.invoke(
        app, ["entries", "--format", "csv", "--delimiter", ";", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 3 entries" in result.output
    assert target.read_bytes().decode("utf-8-sig").startswith("shortcode;username;posted_at;")


def test_review_list_shows_the_queue(loaded) -> None:
    result = runner.invoke(app, ["review", "list"])
    assert result.exit_code == 0, result.output
    assert "SMALL" in result.output and "too_small" in result.output
    assert "GOOD" not in result.output


def test_accept_reject_and_clear(loaded) -> None:
    accept = runner.invoke(app, ["review", "accept", "SMALL", "--note", "Print file received"])
    assert accept.exit_code == 0, accept.output
    assert "now accepted" in accept.output
    reject = runner.invoke(
        app, ["review", "reject", "https://www.instagram.com/p/GOOD/", "--note", "Montage"]
    )
    assert reject.exit_code == 0, reject.output
    with Session(loaded) as session:
        statuses = dict(session.execute(select(Entry.shortcode, Entry.status)).all())
        assert statuses == {"GOOD": "rejected", "SMALL": "accepted", "REEL": "rejected"}
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions[-2:] == ["entry.verdict.overridden", "entry.verdict.overridden"]
    rows = json.loads(runner.invoke(app, ["entries", "--status", "accepted"]).stdout)
    assert [(r["shortcode"], r["decided_by"]) for r in rows] == [("SMALL", "organiser")]

    clear = runner.invoke(app, ["review", "clear", "SMALL"])
    assert clear.exit_code == 0, clear.output
    rows = json.loads(runner.invoke(app, ["entries", "--status", "review"]).stdout)
    assert [(r["shortcode"], r["decided_by"]) for r in rows] == [("SMALL", "rules")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "accept", "NOPE", "--note", "x"], "has no entry 'NOPE'"),
        (["review", "accept", "SMALL", "--note", " "], "needs a note"),
        (["review", "clear", "GOOD"], "no organiser decision to clear"),
        (["entries", "--delimiter", "|"], "Unsupported delimiter"),
        (["entries", "--contest", "other"], "No contest with slug 'other'"),
    ],
)
def test_mistakes_are_one_clear_line(loaded, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_accept_needs_a_note(loaded) -> None:
    result = runner.invoke(app, ["review", "accept", "SMALL"])
    assert result.exit_code == 2 and "--note" in result.output


def test_rules_check_summarises_the_preset(app_env: Settings) -> None:
    result = runner.invoke(app, ["rules", "check", str(PRESET), "--towns"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "Contest file OK" in output
    assert "Mon 05.05.2025 00:00:00 CEST – Sun 22.06.2025 23:59:59 CEST" in output
    assert "= 2025-05-04T22:00:00Z – 2025-06-22T21:59:59Z" in output
    assert "69 of 117 eligible (population 5,000–50,000)" in output
    assert "Zeulenroda-Triebes" in output and "Erfurt," not in output


def test_rules_check_names_the_wrong_key(app_env: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[contest]\nslug = "x"\nname = "X"\n[entries]\nper_account = 0\n', "utf-8")
    result = runner.invoke(app, ["rules", "check", str(bad)])
    assert result.exit_code == 2
    assert "bad.toml: entries.per_account must be between 1 and" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("lang", "title"), [("de", "Doppelter Beitrag"), ("en", "Duplicate entry")]
)
def test_rules_reasons_lists_the_catalogue(lang: str, title: str) -> None:
    result = runner.invoke(app, ["rules", "reasons", "--lang", lang])
    assert result.exit_code == 0
    assert "ai_suspected" in result.output and title in result.output
