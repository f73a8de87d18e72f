"""`/admin/exports`: the entries export for the organisers' own records and spreadsheets.

The CSV is the same file `downtown-snap entries --format csv` writes (`ingest.entry_export`):
UTF-8 with a byte-order mark, and cells a spreadsheet would run as a formula prefixed with `'`.
The results CSV and the jury protocol are in `web.admin.judging_exports`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from contest.audit import log_action
from ingest.entry_export import entry_rows, rows_to_csv
from web.admin.common import ContestDep, render_console
from web.admin.downloads import attachment
from web.admin.stats import STATUSES
from web.auth.deps import OrganiserDep
from web.deps import SessionDep

router = APIRouter(prefix="/admin")


@router.get("/exports", response_class=HTMLResponse)
def exports(request: Request, contest: ContestDep) -> HTMLResponse:
    return render_console(
        request, "admin/exports.html", contest, section="exports", statuses=STATUSES
    )


@router.get("/exports/entries.csv", response_model=None)
def export_entries(
    session: SessionDep, contest: ContestDep, organiser: OrganiserDep, status: str = ""
) -> Response:
    status = status if status in STATUSES else ""
    rows = entry_rows(session, contest, status or None)
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
    return attachment(rows_to_csv(rows), name, "text/csv; charset=utf-8")
