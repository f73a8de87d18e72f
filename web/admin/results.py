"""`/admin/results`: the final places, and publishing them on `/winners` (or taking them down).

Publishing and unpublishing each have a confirmation step that lists what the public will see
(or stop seeing), so one slip of the mouse cannot change the public page. Unpublishing asks
for a reason. Judging's service refuses while a tie touches the prize places and audits both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contest.errors import UserFacingError
from contest.models import Contest, Entry
from judging.errors import NotAllowedNow
from judging.organiser import OrganiserJudging
from judging.results import FinalResults, ResultRow, final_round
from web.admin.common import render_console
from web.admin.entry_views import EntryView, entry_view
from web.admin.judging_access import JudgingDep, Refusal, refused
from web.auth.pages import N_, Notice, language, redirect
from web.deps import SessionDep

router = APIRouter(prefix="/admin")

NOTICES = {
    "published": Notice(N_("The winners are published on the public winners page.")),
    "unpublished": Notice(N_("The results are no longer public.")),
}


@dataclass(frozen=True, slots=True)
class ResultLine:
    row: ResultRow
    view: EntryView


@dataclass(frozen=True, slots=True)
class ResultsPage:
    results: FinalResults | None  # the final ranking, or the last round's provisional one
    lines: list[ResultLine]
    not_final: str | None  # why there is no final ranking yet (the service's words)
    round_id: int | None  # the round the ranking comes from

    @property
    def published(self) -> bool:
        return self.results is not None and self.results.published_at is not None

    @property
    def can_publish(self) -> bool:
        return (
            self.results is not None
            and self.results.final
            and not self.published
            and not self.results.standings.open_ties
            and bool(self.results.prize_rows)
        )

    @property
    def prize_lines(self) -> list[ResultLine]:
        return [line for line in self.lines if line.row.prize]


def _lines(
    request: Request, session: Session, contest: Contest, results: FinalResults
) -> list[ResultLine]:
    codes = [row.shortcode for row in results.rows]
    entries = {
        entry.shortcode: entry
        for entry in session.scalars(
            select(Entry)
            .where(Entry.contest_id == contest.id, Entry.shortcode.in_(codes))
            .options(selectinload(Entry.participant), selectinload(Entry.photos))
        )
    }
    lang = language(request)
    return [ResultLine(row, entry_view(entries[row.shortcode], lang)) for row in results.rows]


def results_data(request: Request, session: Session, org: OrganiserJudging) -> ResultsPage:
    not_final = None
    try:
        results: FinalResults | None = org.results()
    except NotAllowedNow as error:
        not_final = error.message
        last = final_round(session, org.contest)
        results = org.results(round_=last) if last is not None else None
    return ResultsPage(
        results=results,
        lines=_lines(request, session, org.contest, results) if results else [],
        not_final=not_final,
        round_id=results.standings.round_id if results else None,
    )


def _render(
    request: Request,
    session: Session,
    org: OrganiserJudging,
    template: str = "admin/results.html",
    *,
    notice: Notice | None = None,
    refusal: Refusal | None = None,
) -> HTMLResponse:
    return render_console(
        request,
        template,
        org.contest,
        section="results",
        notice=refusal.notice if refusal else notice,
        status_code=refusal.status_code if refusal else 200,
        page=results_data(request, session, org),
    )


@router.get("/results", response_class=HTMLResponse)
def results(
    request: Request, session: SessionDep, org: JudgingDep, notice: str = ""
) -> HTMLResponse:
    return _render(request, session, org, notice=NOTICES.get(notice))


@router.get("/results/publish", response_class=HTMLResponse)
def confirm_publish(request: Request, session: SessionDep, org: JudgingDep) -> HTMLResponse:
    return _render(request, session, org, "admin/results_publish.html")


@router.post("/results/publish", response_model=None)
def publish(
    request: Request, session: SessionDep, org: JudgingDep
) -> HTMLResponse | RedirectResponse:
    try:
        org.publish()
    except UserFacingError as error:
        return _render(request, session, org, refusal=refused(session, error))
    return redirect(request, "/admin/results?notice=published")


@router.get("/results/unpublish", response_class=HTMLResponse)
def confirm_unpublish(request: Request, session: SessionDep, org: JudgingDep) -> HTMLResponse:
    return _render(request, session, org, "admin/results_unpublish.html")


@router.post("/results/unpublish", response_model=None)
def unpublish(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse | RedirectResponse:
    if not reason.strip():
        notice = Notice(N_("Please say why the results are taken down."), kind="error")
        return _render(
            request,
            session,
            org,
            "admin/results_unpublish.html",
            refusal=Refusal(notice, 400),
        )
    try:
        org.unpublish(reason.strip())
    except UserFacingError as error:
        return _render(request, session, org, refusal=refused(session, error))
    return redirect(request, "/admin/results?notice=unpublished")
