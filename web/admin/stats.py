"""Read-only numbers for the dashboard: entries by status and town, runs, like histories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contest.models import Contest, Entry, IngestRun, LikeReading, Participant
from web.admin.charts import Series

STATUSES = ("accepted", "review", "rejected")


@dataclass(frozen=True, slots=True)
class TownRow:
    town: str | None  # None: no town recognised
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def entries_by_status(session: Session, contest: Contest) -> dict[str, int]:
    rows = session.execute(
        select(Entry.status, func.count())
        .where(Entry.contest_id == contest.id)
        .group_by(Entry.status)
    ).all()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


def entries_by_town(session: Session, contest: Contest) -> list[TownRow]:
    """Towns with most entries first; entries without a town form one row at the end."""
    rows = session.execute(
        select(Entry.town, Entry.status, func.count())
        .where(Entry.contest_id == contest.id)
        .group_by(Entry.town, Entry.status)
    ).all()
    by_town: dict[str | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for town, status, count in rows:
        by_town[town][status] = by_town[town].get(status, 0) + count
    towns = [TownRow(town, counts) for town, counts in by_town.items()]
    towns.sort(key=lambda row: (row.town is None, -row.total, row.town or ""))
    return towns


def participant_count(session: Session, contest: Contest) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Participant)
            .where(Participant.contest_id == contest.id)
        )
        or 0
    )


def recent_runs(session: Session, contest: Contest, limit: int = 8) -> list[IngestRun]:
    return list(
        session.scalars(
            select(IngestRun)
            .where(IngestRun.contest_id == contest.id)
            .order_by(IngestRun.started_at.desc(), IngestRun.id.desc())
            .limit(limit)
        )
    )


def top_entries_like_history(
    session: Session, contest: Contest, limit: int = 8
) -> list[tuple[Entry, Series]]:
    """The accepted entries with most likes and every like count read for them."""
    top = list(
        session.scalars(
            select(Entry)
            .where(Entry.contest_id == contest.id, Entry.status == "accepted")
            .order_by(Entry.likes.desc(), Entry.posted_at)
            .limit(limit)
        )
    )
    if not top:
        return []
    readings: dict[int, list[tuple]] = defaultdict(list)
    for entry_id, read_at, likes in session.execute(
        select(LikeReading.entry_id, LikeReading.read_at, LikeReading.likes).where(
            LikeReading.entry_id.in_([entry.id for entry in top])
        )
    ):
        readings[entry_id].append((read_at, likes))
    return [
        (entry, Series(label=f"@{entry.participant.username}", points=readings[entry.id]))
        for entry in top
    ]
