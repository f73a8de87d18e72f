"""Adding a missed post by hand: validated, audited, refused when erased or already there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import AuditEvent, Contest, Tombstone
from contest.settings import Settings
from contest.tombstones import keyed_hash
from ingest.manual import add_manual_post, parse_shortcode
from tests.ingest.factories import photo

POSTED = datetime(2025, 5, 20, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "shortcode"),
    [
        ("DAbc123xyz_", "DAbc123xyz_"),
        ("https://www.instagram.com/p/DAbc123xyz_/", "DAbc123xyz_"),
        ("instagram.com/reel/DAbc-12/?igsh=MTc4", "DAbc-12"),
        ("https://www.instagram.com/anna.m/p/DAbc123xyz_/", "DAbc123xyz_"),
        ("  DAbc123xyz_ ", "DAbc123xyz_"),
    ],
)
def test_links_and_shortcodes_are_understood(text: str, shortcode: str) -> None:
    assert parse_shortcode(text) == shortcode


@pytest.mark.parametrize("text", ["", "abc", "https://example.com/p/DAbc123/", "DA bc123", "ü" * 8])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(UserFacingError):
        parse_shortcode(text)


def add(db: Session, settings: Settings, contest: Contest, **fields: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "shortcode": "https://www.instagram.com/p/DMan0001/",
        "username": "@Anna.M",
        "posted_at": POSTED,
        "caption": "Postgasse #ThüringenDownTown @downtownsnaps_th",
        "image_bytes": photo(11),
        "location_name": "Meiningen",
        "likes": 25,
        "actor": "organiser:eva",
    }
    values.update(fields)
    return add_manual_post(db, settings, contest, **values)  # type: ignore[arg-type]


def test_a_missed_post_becomes_an_entry_with_its_photo_and_audit(
    db: Session, settings: Settings, contest: Contest
) -> None:
    entry = add(db, settings, contest)
    assert (entry.shortcode, entry.participant.username, entry.source) == (
        "DMan0001",
        "anna.m",
        "manual",
    )
    assert entry.hashtags == ["thüringendowntown"] and entry.location_name == "Meiningen"
    assert entry.likes == 25 and entry.photos[0].derivatives_ready
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "entry.added_manually"))
    assert event.actor == "organiser:eva" and event.subject_id == str(entry.id)


def test_the_same_post_twice_is_refused(db: Session, settings: Settings, contest: Contest) -> None:
    add(db, settings, contest)
    with pytest.raises(UserFacingError, match="already an entry"):
        add(db, settings, contest, shortcode="DMan0001")


def test_an_unreadable_upload_is_refused(db: Session, settings: Settings, contest: Contest) -> None:
    with pytest.raises(UserFacingError, match="cannot be used as the photo"):
        add(db, settings, contest, image_bytes=b"%PDF-1.4")


def test_an_erased_account_cannot_be_added_again(
    db: Session, settings: Settings, contest: Contest
) -> None:
    key = settings.secret_key.get_secret_value()
    db.add(Tombstone(contest_id=contest.id, username_hash=keyed_hash("anna.m", key), by="test"))
    db.flush()
    with pytest.raises(UserFacingError, match="erased on request"):
        add(db, settings, contest)
