"""Downloads of judging's outcome: the results CSV and the printable jury protocol.

The CSV's columns are judging's (`results_as_csv`, the same as `downtown-snap results --format
csv`); here each cell is made spreadsheet-safe and the file gets a byte-order mark. Jurors
appear as A, B, C unless the organiser asks for names. The protocol is judging's German HTML
with its own print styles; it is sent with a Content-Security-Policy that allows exactly its
inline style block (by hash) and, with `?print=1`, our print script, which opens the print
dialog at once (print, or save as PDF). Both downloads are audited: they hold usernames.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from contest.audit import log_action
from contest.errors import UserFacingError
from judging.results import results_as_csv
from web.admin.common import render_console
from web.admin.downloads import attachment, safe_csv
from web.admin.judging_access import JudgingDep, refused
from web.admin.stats import STATUSES
from web.auth.deps import OrganiserDep
from web.deps import SessionDep

router = APIRouter(prefix="/admin")
STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)
PRINT_SCRIPT = '<script src="/static/print.js" defer></script>'


def protocol_policy(html: str) -> str:
    """A Content-Security-Policy for the protocol: its own style blocks and our scripts only."""
    sources = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in STYLE_BLOCK.findall(html)
    )
    styles = sources or "'none'"
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {styles}",
            "script-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


@router.get("/exports/results.csv", response_model=None)
def export_results(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    organiser: OrganiserDep,
    named: str = "",
) -> Response:
    named_jurors = named == "1"
    try:
        results = org.results(named_jurors=named_jurors)
    except UserFacingError as error:
        refusal = refused(session, error)
        return render_console(
            request,
            "admin/exports.html",
            org.contest,
            section="exports",
            statuses=STATUSES,
            notice=refusal.notice,
            status_code=refusal.status_code,
        )
    rows = list(csv.reader(io.StringIO(results_as_csv(results))))
    log_action(
        session,
        "export.results.downloaded",
        actor=organiser.actor,
        contest_id=org.contest.id,
        named_jurors=named_jurors,
        rows=len(rows) - 1,
    )
    name = f"{org.contest.slug}-results{'-named' if named_jurors else ''}.csv"
    return attachment(safe_csv(rows), name, "text/csv; charset=utf-8")


@router.get("/exports/protocol.html", response_class=HTMLResponse)
def protocol(
    session: SessionDep,
    org: JudgingDep,
    organiser: OrganiserDep,
    named: str = "",
    print_dialog: Annotated[str, Query(alias="print")] = "",
) -> HTMLResponse:
    named_jurors = named == "1"
    html = org.protocol_html(named_jurors=named_jurors)
    if print_dialog == "1":
        html = html.replace("</head>", PRINT_SCRIPT + "\n</head>", 1)
    log_action(
        session,
        "export.protocol.viewed",
        actor=organiser.actor,
        contest_id=org.contest.id,
        named_jurors=named_jurors,
    )
    return HTMLResponse(
        html,
        headers={"Content-Security-Policy": protocol_policy(html), "Cache-Control": "no-store"},
    )
