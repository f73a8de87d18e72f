"""Deleting entries and participants together with every row that hangs off them.

Dependent tables are found from the schema's foreign keys, so rows another part of the app adds
later (votes, assignments, shortlist places, results, or anything new) go too. A reference
declared `ON DELETE SET NULL` is cleared instead of deleted, as the database itself would do.
The caller gets counts per table for its report and the content hashes of the deleted photos.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import MetaData, Table, delete, select, update
from sqlalchemy.orm import Session

from contest.models import Base, Entry, Participant, Photo
from privacy.tables import references_to, single_primary_key

CHUNK = 500


@dataclass
class Removal:
    rows: Counter[str] = field(default_factory=Counter)
    photo_shas: set[str] = field(default_factory=set)


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def delete_rows(
    session: Session,
    table: Table,
    ids: Iterable[Any],
    counts: Counter[str],
    *,
    metadata: MetaData = Base.metadata,
    _visiting: frozenset[str] = frozenset(),
) -> None:
    """Delete rows of `table` by primary key, dependents first, counting what went."""
    key = single_primary_key(table)
    wanted = sorted(set(ids))
    if key is None or not wanted:
        return
    visiting = _visiting | {table.name}
    for reference in references_to(metadata, table):
        child = reference.table
        for chunk in _chunks(wanted):
            if reference.ondelete == "SET NULL":
                session.execute(
                    update(child)
                    .where(reference.column.in_(chunk))
                    .values({reference.column.name: None})
                )
                continue
            child_key = single_primary_key(child)
            if child_key is None or child.name in visiting:
                result = session.execute(delete(child).where(reference.column.in_(chunk)))
                counts[child.name] += result.rowcount or 0
                continue
            child_ids = list(session.scalars(select(child_key).where(reference.column.in_(chunk))))
            delete_rows(session, child, child_ids, counts, metadata=metadata, _visiting=visiting)
    for chunk in _chunks(wanted):
        result = session.execute(delete(table).where(key.in_(chunk)))
        counts[table.name] += result.rowcount or 0


def remove_entries(session: Session, entry_ids: Iterable[int]) -> Removal:
    """Delete entries with their photos, like readings, votes and every other dependent row."""
    removal = Removal()
    ids = sorted(set(entry_ids))
    for chunk in _chunks(ids):
        removal.photo_shas.update(
            sha
            for sha in session.scalars(select(Photo.sha256).where(Photo.entry_id.in_(chunk)))
            if sha
        )
    session.flush()
    delete_rows(session, Entry.__table__, ids, removal.rows)  # type: ignore[arg-type]
    session.expire_all()
    return removal


def remove_participants(session: Session, participant_ids: Iterable[int]) -> Removal:
    """Delete participants and, through their entries, everything stored about them."""
    ids = sorted(set(participant_ids))
    entry_ids: list[int] = []
    for chunk in _chunks(ids):
        entry_ids += session.scalars(select(Entry.id).where(Entry.participant_id.in_(chunk)))
    removal = remove_entries(session, entry_ids)
    delete_rows(session, Participant.__table__, ids, removal.rows)  # type: ignore[arg-type]
    session.expire_all()
    return removal
