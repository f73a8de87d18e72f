"""The likes shortlist: computed live until the organiser freezes it, then stored and changed
only by organiser actions with a note (jury wildcards, removals), every one audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import AuditEvent, Contest, Entry, ShortlistItem, utcnow
from judging.contest_settings import JudgingSettings
from judging.errors import NotAllowedNow, NotFound
from judging.like_spikes import LikeSpike, find_like_spikes, sparkline, sparkline_svg
from judging.likes import Candidate, FrozenLikes, Reading, likes_at_freeze, pick_shortlist

ACCEPTED = "accepted"


@dataclass(frozen=True)
class ShortlistRow:
    rank: int | None  # None for a wildcard
    entry_id: int
    shortcode: str
    username: str
    town: str | None
    likes: int  # at the freeze
    likes_read_at: datetime | None
    likes_after_freeze: bool
    origin: str  # likes | wildcard
    note: str | None = None
    spikes: tuple[LikeSpike, ...] = ()
    history: tuple[Reading, ...] = ()

    @property
    def history_sparkline(self) -> str:
        """The like history as one line of block characters, for terminals."""
        return sparkline([reading.likes for reading in self.history])

    @property
    def history_svg(self) -> Markup:
        """The like history as a small inline SVG chart, safe to put into a template as is."""
        return Markup(sparkline_svg(self.history))

    def as_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "shortcode": self.shortcode,
            "username": self.username,
            "likes": self.likes,
            "town": self.town,
            "origin": self.origin,
            "note": self.note,
            "likes_read_at": self.likes_read_at.isoformat() if self.likes_read_at else None,
            "like_spike": bool(self.spikes),
        }


@dataclass(frozen=True)
class Shortlist:
    rows: list[ShortlistRow]
    size: int
    freeze_moment: datetime | None
    frozen_at: datetime | None
    tie_at_cut: tuple[str, ...] = ()  # shortcodes sharing the cut's like count
    rows_by_shortcode: dict[str, ShortlistRow] = field(default_factory=dict, repr=False)

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None


def _accepted_entries(session: Session, contest: Contest) -> list[Entry]:
    return list(
        session.scalars(
            select(Entry)
            .where(Entry.contest_id == contest.id, Entry.status == ACCEPTED)
            .options(selectinload(Entry.participant), selectinload(Entry.like_readings))
        )
    )


def _history(entry: Entry) -> tuple[Reading, ...]:
    return tuple(Reading(reading.read_at, reading.likes) for reading in entry.like_readings)


def _spikes_by_entry(entries: list[Entry]) -> dict[int, tuple[LikeSpike, ...]]:
    found: dict[int, list[LikeSpike]] = {}
    for spike in find_like_spikes({entry.id: _history(entry) for entry in entries}):
        found.setdefault(spike.entry_id, []).append(spike)
    return {entry_id: tuple(spikes) for entry_id, spikes in found.items()}


def _row(
    entry: Entry,
    frozen: FrozenLikes,
    *,
    rank: int | None,
    origin: str,
    note: str | None,
    spikes: dict[int, tuple[LikeSpike, ...]],
) -> ShortlistRow:
    return ShortlistRow(
        rank=rank,
        entry_id=entry.id,
        shortcode=entry.shortcode,
        username=entry.participant.username,
        town=entry.town,
        likes=frozen.likes,
        likes_read_at=frozen.read_at,
        likes_after_freeze=frozen.after_freeze,
        origin=origin,
        note=note,
        spikes=spikes.get(entry.id, ()),
        history=_history(entry),
    )


def compute_shortlist(session: Session, contest: Contest, settings: JudgingSettings) -> Shortlist:
    """The likes shortlist as it would be frozen now (stored items are ignored)."""
    entries = _accepted_entries(session, contest)
    frozen = {
        entry.id: likes_at_freeze(_history(entry), settings.likes_freeze_at, entry.likes)
        for entry in entries
    }
    by_id = {entry.id: entry for entry in entries}
    cut = pick_shortlist(
        [Candidate(e.id, e.shortcode, frozen[e.id].likes, e.posted_at) for e in entries],
        settings.shortlist_size,
    )
    spikes = _spikes_by_entry(entries)
    rows = [
        _row(
            by_id[c.entry_id], frozen[c.entry_id], rank=i, origin="likes", note=None, spikes=spikes
        )
        for i, c in enumerate(cut.chosen, start=1)
    ]
    return _shortlist(
        rows, settings, frozen_at=None, tie=tuple(c.shortcode for c in cut.tie_at_cut)
    )


def _shortlist(
    rows: list[ShortlistRow],
    settings: JudgingSettings,
    *,
    frozen_at: datetime | None,
    tie: tuple[str, ...] = (),
) -> Shortlist:
    return Shortlist(
        rows=rows,
        size=settings.shortlist_size,
        freeze_moment=settings.likes_freeze_at,
        frozen_at=frozen_at,
        tie_at_cut=tie,
        rows_by_shortcode={row.shortcode: row for row in rows},
    )


def stored_shortlist(session: Session, contest: Contest, settings: JudgingSettings) -> Shortlist:
    """The frozen shortlist: likes ranks first, then wildcards in the order they were added."""
    items = list(
        session.scalars(select(ShortlistItem).where(ShortlistItem.contest_id == contest.id))
    )
    entries = {
        entry.id: entry
        for entry in session.scalars(
            select(Entry)
            .where(Entry.id.in_([item.entry_id for item in items]))
            .options(selectinload(Entry.participant), selectinload(Entry.like_readings))
        )
    }
    spikes = _spikes_by_entry(_accepted_entries(session, contest))
    items.sort(key=lambda item: (item.origin != "likes", item.rank or 0, item.added_at, item.id))
    rows = []
    for item in items:
        entry = entries[item.entry_id]
        frozen = likes_at_freeze(_history(entry), settings.likes_freeze_at, entry.likes)
        if item.likes_at_freeze is not None:
            frozen = FrozenLikes(item.likes_at_freeze, frozen.read_at, frozen.after_freeze)
        rows.append(
            _row(entry, frozen, rank=item.rank, origin=item.origin, note=item.note, spikes=spikes)
        )
    tie = tuple(frozen_tie_at_cut(session, contest))
    return _shortlist(rows, settings, frozen_at=contest.shortlist_frozen_at, tie=tie)


def frozen_tie_at_cut(session: Session, contest: Contest) -> list[str]:
    """The tie at the cut recorded when the shortlist was frozen (from the audit trail)."""
    event = session.scalar(
        select(AuditEvent)
        .where(AuditEvent.contest_id == contest.id, AuditEvent.action == "shortlist.frozen")
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return list(event.data.get("tie_at_cut", [])) if event else []


def current_shortlist(session: Session, contest: Contest, settings: JudgingSettings) -> Shortlist:
    if contest.shortlist_frozen_at is not None:
        return stored_shortlist(session, contest, settings)
    return compute_shortlist(session, contest, settings)


def freeze_shortlist(
    session: Session,
    contest: Contest,
    settings: JudgingSettings,
    *,
    actor: str,
    now: datetime | None = None,
) -> Shortlist:
    """Store the likes shortlist and stamp the contest; refused twice or before the moment."""
    now = now or utcnow()
    if contest.shortlist_frozen_at is not None:
        raise NotAllowedNow(
            f"The shortlist was frozen already ({contest.shortlist_frozen_at:%Y-%m-%d %H:%M} UTC).",
            "Change it with a wildcard or a removal, each with a note.",
        )
    if settings.likes_freeze_at is not None and now < settings.likes_freeze_at:
        raise NotAllowedNow(
            f"The likes freeze moment ({settings.likes_freeze_at.isoformat()}) has not come yet.",
            "Likes still count until then; freeze the shortlist afterwards.",
        )
    computed = compute_shortlist(session, contest, settings)
    if not computed.rows:
        raise NotAllowedNow(
            "No accepted entry to shortlist.",
            "Ingest entries and review them first; only accepted entries are shortlisted.",
        )
    for row in computed.rows:
        session.add(
            ShortlistItem(
                contest_id=contest.id,
                entry_id=row.entry_id,
                rank=row.rank,
                likes_at_freeze=row.likes,
                origin="likes",
                added_by=actor,
                added_at=now,
            )
        )
    contest.shortlist_frozen_at = now
    session.flush()
    log_action(
        session,
        "shortlist.frozen",
        actor=actor,
        contest_id=contest.id,
        subject_type="contest",
        subject_id=contest.id,
        size=len(computed.rows),
        freeze_moment=settings.likes_freeze_at.isoformat() if settings.likes_freeze_at else None,
        entries=[[row.shortcode, row.likes] for row in computed.rows],
        tie_at_cut=list(computed.tie_at_cut),
        read_after_freeze=[row.shortcode for row in computed.rows if row.likes_after_freeze],
    )
    return stored_shortlist(session, contest, settings)


def require_frozen(contest: Contest) -> None:
    if contest.shortlist_frozen_at is None:
        raise NotAllowedNow(
            "The shortlist is not frozen yet.", "Freeze it first: downtown-snap shortlist --freeze"
        )


def _require_note(note: str | None) -> str:
    if not note or not note.strip():
        raise UserFacingError(
            "Changing a frozen shortlist needs a note.", "Say why, e.g. --note 'Jury-Joker'."
        )
    return note.strip()


def entry_by_shortcode(session: Session, contest: Contest, shortcode: str) -> Entry:
    entry = session.scalar(
        select(Entry).where(Entry.contest_id == contest.id, Entry.shortcode == shortcode.strip())
    )
    if entry is None:
        raise NotFound(f"No entry with shortcode {shortcode!r} in this contest.")
    return entry


def add_wildcard(
    session: Session,
    contest: Contest,
    settings: JudgingSettings,
    shortcode: str,
    *,
    note: str | None,
    actor: str,
) -> ShortlistItem:
    """A jury wildcard: an accepted entry that missed the likes cut joins the shortlist."""
    require_frozen(contest)
    note = _require_note(note)
    entry = entry_by_shortcode(session, contest, shortcode)
    if entry.status != ACCEPTED:
        raise NotAllowedNow(
            f"Entry {entry.shortcode} is {entry.status}, not accepted.",
            "Only accepted entries can be wildcards; review the entry first.",
        )
    if session.scalar(
        select(ShortlistItem).where(
            ShortlistItem.contest_id == contest.id, ShortlistItem.entry_id == entry.id
        )
    ):
        raise NotAllowedNow(f"Entry {entry.shortcode} is on the shortlist already.")
    frozen = likes_at_freeze(_history(entry), settings.likes_freeze_at, entry.likes)
    item = ShortlistItem(
        contest_id=contest.id,
        entry_id=entry.id,
        origin="wildcard",
        likes_at_freeze=frozen.likes,
        note=note,
        added_by=actor,
    )
    session.add(item)
    session.flush()
    log_action(
        session,
        "shortlist.wildcard.added",
        actor=actor,
        contest_id=contest.id,
        subject_type="entry",
        subject_id=entry.shortcode,
        note=note,
        size_before=_count(session, contest) - 1,
        size_after=_count(session, contest),
    )
    return item


def remove_from_shortlist(
    session: Session, contest: Contest, shortcode: str, *, note: str | None, actor: str
) -> None:
    """Take an entry off the frozen shortlist (e.g. disqualified after the freeze)."""
    require_frozen(contest)
    note = _require_note(note)
    entry = entry_by_shortcode(session, contest, shortcode)
    item = session.scalar(
        select(ShortlistItem).where(
            ShortlistItem.contest_id == contest.id, ShortlistItem.entry_id == entry.id
        )
    )
    if item is None:
        raise NotFound(f"Entry {entry.shortcode} is not on the shortlist.")
    before = {"origin": item.origin, "rank": item.rank, "likes": item.likes_at_freeze}
    session.delete(item)
    session.flush()
    log_action(
        session,
        "shortlist.entry.removed",
        actor=actor,
        contest_id=contest.id,
        subject_type="entry",
        subject_id=entry.shortcode,
        note=note,
        before=before,
        size_after=_count(session, contest),
    )


def _count(session: Session, contest: Contest) -> int:
    return int(
        session.scalar(
            select(func.count(ShortlistItem.id)).where(ShortlistItem.contest_id == contest.id)
        )
        or 0
    )


def shortlisted_entry_ids(session: Session, contest: Contest) -> list[int]:
    return list(
        session.scalars(
            select(ShortlistItem.entry_id)
            .where(ShortlistItem.contest_id == contest.id)
            .order_by(ShortlistItem.id)
        )
    )
