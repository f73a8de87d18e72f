"""What a juror's workspace returns: plain, blind views of rounds, tasks and progress.

Nothing here carries a username, a shortcode or a like count; `blind_entries` is the one place
that turns entries into what a juror may see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from contest.models import Entry, Photo
from judging.ballots import RoundMethod
from judging.blind import blind_alt_text, mask_caption


@dataclass(frozen=True)
class Progress:
    done: int
    total: int  # tasks the juror still owes or has done (recused ones do not count)
    skipped: int = 0
    recused: int = 0

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    def __str__(self) -> str:
        return f"{self.done} of {self.total}"


@dataclass(frozen=True)
class JurorRound:
    round_id: int
    contest_name: str
    name: str
    sequence: int
    method: RoundMethod
    status: str
    voting_open: bool
    progress: Progress


@dataclass(frozen=True)
class BlindEntry:
    """All a juror sees of an entry."""

    photo_sha256: str | None
    photo_width: int | None
    photo_height: int | None
    town: str | None
    caption: str
    alt_text: str | None


@dataclass(frozen=True)
class TaskView:
    task_id: int
    round_id: int
    position: int  # 1-based, in the juror's shuffled order
    total: int
    status: str  # open | skipped | done | recused
    vote: Mapping[str, Any] | None
    entry: BlindEntry
    previous_task_id: int | None = None
    next_task_id: int | None = None


@dataclass(frozen=True)
class VoteReceipt:
    task_id: int
    value: Mapping[str, Any]
    score: float
    changed: bool  # an earlier vote was replaced


def blind_entries(session: Session, entry_ids: Sequence[int]) -> dict[int, BlindEntry]:
    """Entry id -> its blind view: first photo, town, masked caption and alt text."""
    entries = session.scalars(
        select(Entry).where(Entry.id.in_(list(entry_ids))).options(joinedload(Entry.participant))
    )
    first_photos: dict[int, Photo] = {}
    for photo in session.scalars(
        select(Photo)
        .where(Photo.entry_id.in_(list(entry_ids)))
        .order_by(Photo.entry_id, Photo.position)
    ):
        first_photos.setdefault(photo.entry_id, photo)
    blind = {}
    for entry in entries:
        names = [entry.participant.username, *(entry.mentions or [])]
        photo = first_photos.get(entry.id)
        blind[entry.id] = BlindEntry(
            photo_sha256=photo.sha256 if photo else None,
            photo_width=photo.width if photo else None,
            photo_height=photo.height if photo else None,
            town=entry.town,
            caption=mask_caption(entry.caption or "", names),
            alt_text=blind_alt_text(entry.accessibility_caption, names),
        )
    return blind
