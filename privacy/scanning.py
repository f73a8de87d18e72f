"""Sweeping every participant-data table for mentions of an account or its posts.

Used twice: the access report lists where else a person is named, and erasure and retention
blank those places. The sweep reads each table once, in batches, and writes only changed rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, MetaData, String, Table, select, update
from sqlalchemy.orm import Session

from privacy.mentions import MentionPattern, excerpts, scrub_value
from privacy.tables import NOT_PARTICIPANT_DATA, single_primary_key, text_columns

BATCH = 2000


@dataclass(frozen=True)
class Mention:
    table: str
    column: str
    row_id: Any
    excerpts: list[str]


def _scanned_tables(metadata: MetaData) -> Iterator[Table]:
    for table in metadata.sorted_tables:
        if table.name in NOT_PARTICIPANT_DATA or single_primary_key(table) is None:
            continue
        if text_columns(table):
            yield table


def find_mentions(session: Session, metadata: MetaData, pattern: MentionPattern) -> list[Mention]:
    """Every (table, column, row) whose text or JSON names the account or one of its posts."""
    found: list[Mention] = []
    if not pattern:
        return found
    for table in _scanned_tables(metadata):
        key = single_primary_key(table)
        columns = text_columns(table)
        rows = session.execute(
            select(key, *columns).order_by(key).execution_options(yield_per=BATCH)
        )
        for row in rows:
            for column in columns:
                value = row._mapping[column]
                if value is None:
                    continue
                passages = excerpts(value, pattern)
                if passages:
                    found.append(Mention(table.name, column.name, row._mapping[key], passages))
    return found


def scrub_mentions(session: Session, metadata: MetaData, pattern: MentionPattern) -> Counter[str]:
    """Blank every mention in place; returns how many rows changed per table."""
    changed: Counter[str] = Counter()
    if not pattern:
        return changed
    for table in _scanned_tables(metadata):
        key = single_primary_key(table)
        columns = text_columns(table)
        updates: list[tuple[Any, dict[str, Any]]] = []
        rows = session.execute(
            select(key, *columns).order_by(key).execution_options(yield_per=BATCH)
        )
        for row in rows:
            values: dict[str, Any] = {}
            for column in columns:
                value = row._mapping[column]
                if value is None:
                    continue
                scrubbed = scrub_value(value, pattern)
                if scrubbed != value:
                    values[column.name] = _fit(column.type, scrubbed)
            if values:
                updates.append((row._mapping[key], values))
        for row_id, values in updates:
            session.execute(update(table).where(key == row_id).values(**values))
        if updates:
            changed[table.name] += len(updates)
    return changed


def _fit(column_type: Any, value: Any) -> Any:
    """Keep a blanked string within its column's length (PostgreSQL enforces VARCHAR(n))."""
    if isinstance(column_type, String) and not isinstance(column_type, JSON):
        length = column_type.length
        if length and isinstance(value, str) and len(value) > length:
            return value[:length]
    return value
