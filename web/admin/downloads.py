"""Files the console hands out: named attachments that no cache keeps, and safe CSV cells."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi.responses import Response

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")


def attachment(body: bytes | str, filename: str, media_type: str) -> Response:
    """A download named `filename`; personal data must not stay in shared caches."""
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def spreadsheet_safe(value: Any) -> str:
    """Text as a spreadsheet shows it, never as a formula; a plain number stays a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        value = " ".join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows (the first is the header) as UTF-8 CSV with a byte-order mark, every cell safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
