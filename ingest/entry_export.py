"""The entries export: one row per entry of a contest, the same for the CLI and the web console.

This is a contract other tools and our own checks rely on. The keys below are never renamed or
removed; new keys may be added at the end. `posted_at` is ISO 8601 in UTC with a `Z`.
CSV: UTF-8 with a byte-order mark (so Excel detects UTF-8), a header row, comma-separated by
default, reasons joined by `;`.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contest.errors import UserFacingError
from contest.models import Contest, Entry
from rules.facts import Status

# The contract (issue "Rules": export) first, then extras useful to organisers.
COLUMNS = (
    "shortcode",
    "username",
    "posted_at",
    "status",
    "reasons",
    "town",
    "duplicate_of",
    "likes",
    "decided_by",
    "rules_status",
    "town_method",
    "duplicate_distance",
    "geotag",
    "override_note",
    "override_by",
    "override_at",
    "url",
)
CSV_ENCODING = "utf-8-sig"
# Cells a spreadsheet would run as a formula (CSV injection); such text gets a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def entry_rows(session: Session, contest: Contest, status: str | None = None) -> list[dict]:
    """Every entry of the contest (optionally only one effective status), in posting order."""
    query = (
        select(Entry)
        .where(Entry.contest_id == contest.id)
        .options(selectinload(Entry.participant))
        .order_by(Entry.posted_at, Entry.shortcode)
    )
    if status is not None:
        if status not in {s.value for s in Status}:
            raise UserFacingError(
                f"Unknown status {status!r}.", "Use one of: accepted, review, rejected."
            )
        query = query.where(Entry.status == status)
    return [entry_row(entry) for entry in session.scalars(query)]


def entry_row(entry: Entry) -> dict[str, Any]:
    return {
        "shortcode": entry.shortcode,
        "username": entry.participant.username,
        "posted_at": iso_utc(entry.posted_at),
        "status": entry.status,
        "reasons": list(entry.reasons or []),
        "town": entry.town,
        "duplicate_of": entry.duplicate_of,
        "likes": entry.likes,
        "decided_by": entry.decided_by,
        "rules_status": entry.rules_status,
        "town_method": entry.town_method,
        "duplicate_distance": entry.duplicate_distance,
        "geotag": entry.location_name,
        "override_note": entry.override_note,
        "override_by": entry.override_by,
        "override_at": iso_utc(entry.override_at) if entry.override_at else None,
        "url": entry.instagram_url,
    }


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def rows_to_csv(rows: list[dict[str, Any]], *, delimiter: str = ",") -> bytes:
    """The rows as CSV bytes that open cleanly in LibreOffice and Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key)) for key in COLUMNS})
    return buffer.getvalue().encode(CSV_ENCODING)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
