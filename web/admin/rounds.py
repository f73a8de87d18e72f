"""`/admin/rounds`: every jury round with its jury's progress, and the form for a new one.

Each round is a panel with what organisers can do in its state: activate a draft, close a
running round, reopen a closed one with a reason or finalize it (accepting missing votes only
with a note), and change the jury or the quorum while it is a draft or running. The buttons
post to `web.admin.round_actions`; a refusal comes back to this page with the service's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import User
from judging.lifecycle import ACTIVE, CLOSED, DRAFT, EDITABLE_JURY, FINALIZED
from judging.organiser import OrganiserJudging, RoundOverview
from web.admin.common import render_console
from web.admin.judging_access import JudgingDep, Refusal, refused
from web.admin.jury_progress import RoundProgress, round_progress
from web.admin.manual_form import FieldError
from web.admin.round_form import CRITERIA_ROWS, parse_round_form
from web.auth.pages import N_, Notice, redirect
from web.deps import SessionDep

router = APIRouter(prefix="/admin")

NOTICES = {
    "created": Notice(N_("The round is created as a draft. Check its jury, then activate it.")),
    "activated": Notice(N_("The round is running: entries taken, tasks assigned to the jurors.")),
    "closed": Notice(N_("The round is closed: jurors can no longer vote.")),
    "reopened": Notice(N_("The round is running again; the reason is in the audit log.")),
    "finalized": Notice(N_("The round is finalized. Its standings are fixed.")),
    "jury": Notice(N_("The jury is changed; open tasks were redistributed.")),
    "quorum": Notice(N_("The votes per entry are changed; open tasks were redistributed.")),
    "unchanged": Notice(N_("Nothing changed.")),
}
DEFAULT_FORM = {"method": "rating", "quorum": "3", "scale": "5", "source": "shortlist"}


@dataclass(frozen=True, slots=True)
class RoundPanel:
    overview: RoundOverview
    progress: RoundProgress
    missing_quorum: list[str]  # closed rounds: entries below the quorum
    open_ties: int  # ties that change an outcome and nobody decided

    @property
    def can_edit_jury(self) -> bool:
        return self.overview.status in EDITABLE_JURY

    @property
    def state(self) -> str:
        return self.overview.status


@dataclass(frozen=True, slots=True)
class RoundsPage:
    rounds: list[RoundPanel]
    jurors: list[User]  # active juror accounts, for the forms
    values: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FORM))
    chosen_jurors: tuple[str, ...] = ()
    errors: list[FieldError] = field(default_factory=list)
    criteria_rows: int = CRITERIA_ROWS
    draft: str = DRAFT
    active: str = ACTIVE
    closed: str = CLOSED

    def errors_for(self, name: str) -> list[FieldError]:
        return [error for error in self.errors if error.field == name]

    @property
    def first_round(self) -> bool:
        return not self.rounds


def active_jurors(session: Session) -> list[User]:
    return list(
        session.scalars(
            select(User).where(User.role == "juror", User.active).order_by(User.username)
        )
    )


def _panel(org: OrganiserJudging, overview: RoundOverview) -> RoundPanel:
    missing: list[str] = []
    open_ties = 0
    if overview.status in (CLOSED, FINALIZED):
        standings = org.standings(org.round(overview.round_id))
        missing = standings.missing_quorum if overview.status == CLOSED else []
        open_ties = len(standings.open_ties)
    return RoundPanel(
        overview=overview,
        progress=round_progress(org, overview.round_id),
        missing_quorum=missing,
        open_ties=open_ties,
    )


def rounds_page(
    request: Request,
    session: Session,
    org: OrganiserJudging,
    *,
    notice: Notice | None = None,
    refusal: Refusal | None = None,
    values: dict[str, str] | None = None,
    chosen_jurors: tuple[str, ...] = (),
    errors: list[FieldError] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The page; after a refusal or a form mistake, with what was typed kept."""
    page = RoundsPage(
        rounds=[_panel(org, overview) for overview in org.rounds()],
        jurors=active_jurors(session),
        values=values or dict(DEFAULT_FORM),
        chosen_jurors=chosen_jurors,
        errors=errors or [],
    )
    return render_console(
        request,
        "admin/rounds.html",
        org.contest,
        section="rounds",
        notice=refusal.notice if refusal else notice,
        status_code=refusal.status_code if refusal else status_code,
        page=page,
    )


@router.get("/rounds", response_class=HTMLResponse)
def rounds(
    request: Request, session: SessionDep, org: JudgingDep, notice: str = ""
) -> HTMLResponse:
    return rounds_page(request, session, org, notice=NOTICES.get(notice))


@router.post("/rounds", response_model=None)
async def create_round(
    request: Request, session: SessionDep, org: JudgingDep
) -> HTMLResponse | RedirectResponse:
    form = await request.form()
    values = {key: str(value)[:200] for key, value in form.items() if key != "jurors"}
    jurors = tuple(str(name)[:80] for name in form.getlist("jurors"))
    spec, errors = parse_round_form(values, jurors)
    if spec is None:
        notice = Notice(N_("The round was not created. Please correct the marked fields."), "error")
        return rounds_page(
            request,
            session,
            org,
            notice=notice,
            values=values,
            chosen_jurors=jurors,
            errors=errors,
            status_code=400,
        )
    try:
        created = org.create_round(
            name=spec.name,
            method=spec.method,
            quorum=spec.quorum,
            source=spec.source,
            jurors=spec.jurors,
        )
    except UserFacingError as error:
        return rounds_page(
            request,
            session,
            org,
            refusal=refused(session, error),
            values=values,
            chosen_jurors=jurors,
        )
    return redirect(request, f"/admin/rounds?notice=created#round-{created.sequence}")
