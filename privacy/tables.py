"""Generic views of the schema that privacy work needs: which columns hold text, which tables
hang off an entry, and how to turn a row into JSON.

Working from `Base.metadata` instead of a hand-kept list means a table another part of the app
adds later (a juror's note on an entry, a new kind of reading) is exported, erased and scrubbed
without anyone remembering to update this package.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, MetaData, String, Table

# Tables whose text is not about participants: staff accounts and their log-ins, the
# organiser's contest file, and the tombstones (keyed hashes only).
NOT_PARTICIPANT_DATA = frozenset({"users", "login_attempts", "contests", "tombstones"})


@dataclass(frozen=True)
class Reference:
    """A foreign key from `column` (in its table) to the primary key of another table."""

    column: Column[Any]
    ondelete: str | None

    @property
    def table(self) -> Table:
        return self.column.table  # type: ignore[return-value]


def text_columns(table: Table) -> list[Column[Any]]:
    """Columns that can hold a name or a shortcode: strings, texts and JSON documents."""
    return [column for column in table.columns if isinstance(column.type, String | JSON)]


def single_primary_key(table: Table) -> Column[Any] | None:
    keys = list(table.primary_key.columns)
    return keys[0] if len(keys) == 1 else None


def references_to(metadata: MetaData, target: Table) -> Iterator[Reference]:
    """Every foreign key in the schema that points at `target`."""
    for table in metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is target:
                yield Reference(column=key.parent, ondelete=(key.ondelete or "").upper() or None)


def jsonable(value: Any) -> Any:
    """A database value as plain JSON: timestamps as ISO 8601, everything else as it is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def row_as_dict(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {column.name: jsonable(mapping[column]) for column in table.columns}
