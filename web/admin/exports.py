"""`/admin/exports`: downloads for the organisers' own records and spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from contest.audit import log_action
from contest.errors import UserFacingError
from web.admin import adapters
from web.admin.common import ContestDep, render_console
from web.admin.stats import STATUSES
from web.auth.deps import OrganiserDep
from web.auth.pages import Notice
from web.deps import SessionDep

router = APIRouter(prefix="/admin")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> str:
    """Text as a spreadsheet shows it, never as a formula: captions come from strangers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        value = " ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_lines(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """UTF-8 with a byte-order mark, so spreadsheet programs read umlauts correctly."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    yield "\ufeff"
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


@router.get("/exports", response_class=HTMLResponse)
def exports(request: Request, contest: ContestDep) -> HTMLResponse:
    return render_console(
        request, "admin/exports.html", contest, section="exports", statuses=STATUSES
    )


@router.get("/exports/entries.csv", response_model=None)
def export_entries(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    organiser: OrganiserDep,
    status: str = "",
) -> Response:
    status = status if status in STATUSES else ""
    try:
        rows = list(adapters.entry_rows(session, contest, status or None))
    except UserFacingError as error:
        return render_console(
            request,
            "admin/exports.html",
            contest,
            section="exports",
            statuses=STATUSES,
            notice=Notice.untranslated(error.message),
            status_code=503,
        )
    # Exports carry personal data (usernames); who took one is on record.
    log_action(
        session,
        "export.entries.downloaded",
        actor=organiser.actor,
        contest_id=contest.id,
        status=status or "all",
        rows=len(rows),
    )
    name = f"{contest.slug}-entries{'-' + status if status else ''}.csv"
    return StreamingResponse(
        csv_lines(rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
