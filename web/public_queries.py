"""Read-only queries behind the public pages.

Only accepted entries are public, except on the status page, where a participant sees all of their
own posts. Every list is bounded (LIMIT) and loads participants and photos in one extra query each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from contest.models import Contest, Entry, Participant, ResultPlace
from rules.facts import Status

PUBLIC_STATUS = Status.accepted.value


class GallerySort(StrEnum):
    newest = "newest"
    likes = "likes"


@dataclass(frozen=True)
class GalleryQuery:
    """What the visitor asked for: a town (or all), an order and a page (1-based)."""

    town: str | None = None
    sort: GallerySort = GallerySort.newest
    page: int = 1
    per_page: int = 24


@dataclass(frozen=True)
class GalleryStats:
    entries: int
    towns: int
    photographers: int


def _public_entries(contest_id: int) -> Select[tuple[Entry]]:
    return select(Entry).where(Entry.contest_id == contest_id, Entry.status == PUBLIC_STATUS)


def _with_card_data(query: Select[tuple[Entry]]) -> Select[tuple[Entry]]:
    return query.options(selectinload(Entry.participant), selectinload(Entry.photos))


@dataclass(frozen=True)
class GalleryResult:
    entries: Sequence[Entry]
    total: int  # matching entries on all pages
    page: int  # the page shown: the one asked for, kept within 1..last


def gallery_entries(
    session: Session, contest_id: int, query: GalleryQuery, *, total: int | None = None
) -> GalleryResult:
    """One page of accepted entries and how many match the filter in total.

    Pass `total` when it is known already (the cached facets hold it) to skip the count.
    """
    base = _public_entries(contest_id)
    if query.town:
        base = base.where(Entry.town == query.town)
    if total is None:
        total = session.scalar(base.with_only_columns(func.count(Entry.id))) or 0
    last_page = max(1, -(-total // query.per_page))
    page = min(max(query.page, 1), last_page)
    if query.sort is GallerySort.likes:
        ordered = base.order_by(Entry.likes.desc(), Entry.posted_at.desc(), Entry.id.desc())
    else:
        ordered = base.order_by(Entry.posted_at.desc(), Entry.id.desc())
    window = ordered.limit(query.per_page).offset((page - 1) * query.per_page)
    entries = session.scalars(_with_card_data(window)).all() if total else []
    return GalleryResult(entries=entries, total=total, page=page)


def town_counts(session: Session, contest_id: int) -> list[tuple[str, int]]:
    """Accepted entries per recognised town, most entries first."""
    count = func.count(Entry.id)
    rows = session.execute(
        select(Entry.town, count)
        .where(
            Entry.contest_id == contest_id,
            Entry.status == PUBLIC_STATUS,
            Entry.town.is_not(None),
        )
        .group_by(Entry.town)
        .order_by(count.desc(), Entry.town)
    ).all()
    return [(town, number) for town, number in rows if town]


def gallery_stats(session: Session, contest_id: int) -> GalleryStats:
    row = session.execute(
        select(
            func.count(Entry.id),
            func.count(func.distinct(Entry.town)),
            func.count(func.distinct(Entry.participant_id)),
        ).where(Entry.contest_id == contest_id, Entry.status == PUBLIC_STATUS)
    ).one()
    return GalleryStats(entries=row[0], towns=row[1], photographers=row[2])


def public_entry(session: Session, contest_id: int, shortcode: str) -> Entry | None:
    """The entry behind `/entries/{shortcode}`; None when unknown or not public."""
    return session.scalar(
        _with_card_data(_public_entries(contest_id).where(Entry.shortcode == shortcode))
    )


def published_results(session: Session, contest: Contest) -> list[tuple[ResultPlace, Entry]]:
    """The final places, best first; empty until the organisers publish them."""
    if contest.results_published_at is None:
        return []
    rows = session.execute(
        select(ResultPlace, Entry)
        .join(Entry, Entry.id == ResultPlace.entry_id)
        .where(ResultPlace.contest_id == contest.id)
        .options(selectinload(Entry.participant), selectinload(Entry.photos))
        .order_by(ResultPlace.place, Entry.posted_at)
    ).all()
    return [(place, entry) for place, entry in rows]


def participant_entries(session: Session, contest_id: int, username: str) -> list[Entry] | None:
    """All posts of one Instagram account, oldest first; None when the account is unknown."""
    participant = session.scalar(
        select(Participant).where(
            Participant.contest_id == contest_id, func.lower(Participant.username) == username
        )
    )
    if participant is None:
        return None
    return list(
        session.scalars(
            select(Entry)
            .where(Entry.participant_id == participant.id)
            .options(selectinload(Entry.photos), selectinload(Entry.participant))
            .order_by(Entry.posted_at, Entry.id)
        )
    )
