"""Builders for stored contests and entries, for tests of services and commands on the database.

They write rows directly (as the ingestion job would), so verdict tests need no ingestion.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Contest, Entry, Participant, Photo
from tests.paths import PRESET

BERLIN = ZoneInfo("Europe/Berlin")
GOOD_CAPTION = "Der Hauptmarkt in #Gotha #ThüringenDownTown @downtownsnaps_th"


def make_contest(session: Session, *, slug: str = "downtown-snaps-2025", toml: str | None = None):
    """The 2025 preset as a stored contest (or another contest file's text)."""
    contest = Contest(
        slug=slug,
        name="Downtown Snaps 2025",
        rules_toml=toml if toml is not None else PRESET.read_text(encoding="utf-8"),
        rules_source=str(PRESET),
    )
    session.add(contest)
    session.flush()
    return contest


def add_entry(
    session: Session,
    contest: Contest,
    shortcode: str,
    *,
    username: str = "anna.foto",
    posted: tuple[int, ...] = (2025, 5, 20, 18, 30),
    photo: dict[str, Any] | None = None,
    **columns: Any,
) -> Entry:
    """An entry the preset accepts unless `columns` or `photo` say otherwise."""
    participant = session.scalar(
        select(Participant).where(
            Participant.contest_id == contest.id, Participant.username == username
        )
    )
    if participant is None:
        participant = Participant(contest_id=contest.id, username=username)
        session.add(participant)
        session.flush()
    values: dict[str, Any] = {
        "caption": GOOD_CAPTION,
        "hashtags": ["gotha", "thüringendowntown"],
        "mentions": ["downtownsnaps_th"],
        "likes": 10,
        "source": "directory",
    }
    values.update(columns)
    entry = Entry(
        contest_id=contest.id,
        participant_id=participant.id,
        shortcode=shortcode,
        posted_at=datetime(*posted, tzinfo=BERLIN),  # type: ignore[misc]
        **values,
    )
    entry.photos.append(Photo(position=0, **{"width": 1080, "height": 1350, **(photo or {})}))
    session.add(entry)
    session.flush()
    return entry
