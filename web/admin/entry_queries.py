"""Finding entries for the console's lists: filters as data, one query builder."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from contest.models import AuditEvent, Contest, Entry, Participant

SORTS = {
    "newest": (Entry.posted_at.desc(), Entry.id.desc()),
    "oldest": (Entry.posted_at.asc(), Entry.id.asc()),
    "likes": (Entry.likes.desc(), Entry.posted_at.asc()),
}
NO_TOWN = "-"  # the filter value for entries without a recognised town


@dataclass(frozen=True, slots=True)
class EntryFilters:
    status: str = ""
    town: str = ""
    source: str = ""
    decided_by: str = ""  # rules | organiser
    q: str = ""
    duplicates: str = ""  # "1": only entries with a suspected duplicate
    sort: str = "newest"

    def as_query(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value}


def entries_query(contest: Contest, filters: EntryFilters) -> Select[tuple[Entry]]:
    query = (
        select(Entry)
        .join(Entry.participant)
        .where(Entry.contest_id == contest.id)
        .options(selectinload(Entry.participant), selectinload(Entry.photos))
    )
    if filters.status:
        query = query.where(Entry.status == filters.status)
    if filters.town == NO_TOWN:
        query = query.where(Entry.town.is_(None))
    elif filters.town:
        query = query.where(Entry.town == filters.town)
    if filters.source:
        query = query.where(Entry.source == filters.source)
    if filters.decided_by == "organiser":
        query = query.where(Entry.override_status.is_not(None))
    elif filters.decided_by == "rules":
        query = query.where(Entry.override_status.is_(None))
    if filters.duplicates:
        query = query.where(Entry.duplicate_of.is_not(None))
    needle = filters.q.strip().lstrip("@").lower()
    if needle:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                Participant.username.ilike(pattern, escape="\\"),
                Entry.shortcode.ilike(pattern, escape="\\"),
                Entry.location_name.ilike(pattern, escape="\\"),
            )
        )
    return query.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def towns_in_contest(session: Session, contest: Contest) -> list[str]:
    return list(
        session.scalars(
            select(Entry.town)
            .where(Entry.contest_id == contest.id, Entry.town.is_not(None))
            .distinct()
            .order_by(Entry.town)
        )
    )


def sources_in_contest(session: Session, contest: Contest) -> list[str]:
    return list(
        session.scalars(
            select(Entry.source)
            .where(Entry.contest_id == contest.id)
            .distinct()
            .order_by(Entry.source)
        )
    )


def entry_by_shortcode(session: Session, contest: Contest, shortcode: str) -> Entry | None:
    return session.scalar(
        select(Entry)
        .where(Entry.contest_id == contest.id, Entry.shortcode == shortcode)
        .options(
            selectinload(Entry.participant),
            selectinload(Entry.photos),
            selectinload(Entry.like_readings),
        )
    )


def duplicate_partners(
    session: Session, contest: Contest, entries: list[Entry]
) -> dict[str, Entry]:
    """The entries that the given ones are suspected to duplicate, by shortcode."""
    wanted = {entry.duplicate_of for entry in entries if entry.duplicate_of}
    if not wanted:
        return {}
    partners = session.scalars(
        select(Entry)
        .where(Entry.contest_id == contest.id, Entry.shortcode.in_(wanted))
        .options(selectinload(Entry.participant), selectinload(Entry.photos))
    )
    return {partner.shortcode: partner for partner in partners}


def entry_history(session: Session, entry: Entry, limit: int = 50) -> list[AuditEvent]:
    """Audit events about this entry, whether recorded by its id or by its shortcode."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.subject_type == "entry",
                AuditEvent.subject_id.in_([str(entry.id), entry.shortcode]),
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )
