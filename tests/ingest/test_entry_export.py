"""The entries export contract shared by the CLI and the web console."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from ingest.entry_export import COLUMNS, entry_rows, rows_to_csv
from ingest.verdicts import find_entry, override_verdict, recompute_verdicts
from tests.stored_entries import add_entry, make_contest

CONTRACT = (
    "shortcode", "username", "posted_at", "status", "reasons", "town", "duplicate_of", "likes",
    "decided_by",
)  # fmt: skip


@pytest.fixture
def contest(session: Session):
    contest = make_contest(session)
    add_entry(session, contest, "FIRST", posted=(2025, 5, 5, 0, 0), likes=42)
    add_entry(session, contest, "SMALL", username="bert", photo={"width": 500})
    add_entry(
        session,
        contest,
        "EVIL",
        username="carla",
        posted=(2025, 6, 1, 9, 0),
        location_name='=HYPERLINK("http://x")',
        caption="Markt #ThüringenDownTown #aiart @downtownsnaps_th",
        hashtags=["thüringendowntown", "aiart"],
    )
    recompute_verdicts(session, contest, {})
    return contest


def test_rows_follow_the_contract(session: Session, contest) -> None:
    rows = entry_rows(session, contest)
    assert [row["shortcode"] for row in rows] == ["FIRST", "SMALL", "EVIL"]  # posting order
    assert tuple(rows[0])[: len(CONTRACT)] == CONTRACT
    assert rows[0] == rows[0] | {
        "username": "anna.foto",
        "posted_at": "2025-05-04T22:00:00Z",  # midnight in Berlin, in UTC
        "status": "accepted",
        "reasons": [],
        "town": "Gotha",
        "duplicate_of": None,
        "likes": 42,
        "decided_by": "rules",
        "url": "https://www.instagram.com/p/FIRST/",
    }
    assert rows[2]["reasons"] == ["town_unknown", "ai_suspected"]


def test_status_filter_and_organiser_decisions(session: Session, contest) -> None:
    assert [row["shortcode"] for row in entry_rows(session, contest, "review")] == ["SMALL", "EVIL"]
    override_verdict(
        session, find_entry(session, contest, "SMALL"), status="accepted", note="ok", actor="olga"
    )
    accepted = entry_rows(session, contest, "accepted")
    assert [row["shortcode"] for row in accepted] == ["FIRST", "SMALL"]
    assert (accepted[1]["decided_by"], accepted[1]["rules_status"]) == ("organiser", "review")
    assert accepted[1]["override_note"] == "ok"


def test_unknown_status_is_refused(session: Session, contest) -> None:
    with pytest.raises(UserFacingError, match="Unknown status 'maybe'"):
        entry_rows(session, contest, "maybe")


def test_csv_opens_in_spreadsheets(session: Session, contest) -> None:
    data = rows_to_csv(entry_rows(session, contest))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads UTF-8
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert rows[2]["reasons"] == "town_unknown;ai_suspected"
    assert rows[2]["geotag"].startswith("'=")  # no formula injection from a place name
    assert rows[0]["duplicate_of"] == ""


def test_csv_with_semicolons_for_german_excel(session: Session, contest) -> None:
    text = rows_to_csv(entry_rows(session, contest), delimiter=";").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[2]["reasons"] == "town_unknown;ai_suspected"
