"""The buttons of `/admin/rounds`: lifecycle, jury and quorum of one round.

Each calls one operation of judging's organiser service, which checks the round's state,
redistributes open tasks where the jury or quorum changes, and writes the audit event. On
success the organiser lands back on the round; on a refusal the rounds page explains it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import Round
from judging.organiser import OrganiserJudging
from web.admin.judging_access import JudgingDep, refused, round_or_404
from web.admin.rounds import rounds_page
from web.auth.pages import N_, Notice, redirect
from web.deps import SessionDep

router = APIRouter(prefix="/admin")


def _act(
    request: Request,
    session: Session,
    org: OrganiserJudging,
    round_id: int,
    action: Callable[[Round], object],
    notice: str,
) -> HTMLResponse | RedirectResponse:
    round_ = round_or_404(org, round_id)
    sequence = round_.sequence
    try:
        changed = action(round_)
    except UserFacingError as error:
        return rounds_page(request, session, org, refusal=refused(session, error))
    if changed is False:
        notice = "unchanged"
    return redirect(request, f"/admin/rounds?notice={notice}#round-{sequence}")


@router.post("/rounds/{round_id}/activate", response_model=None)
def activate(
    request: Request, session: SessionDep, org: JudgingDep, round_id: int
) -> HTMLResponse | RedirectResponse:
    round_ = round_or_404(org, round_id)
    try:
        report = org.activate_round(round_)
    except UserFacingError as error:
        return rounds_page(request, session, org, refusal=refused(session, error))
    if report.short:
        # Some entries lack jurors without a conflict: say which, on the page itself.
        notice = Notice(
            N_(
                "The round is running, but these entries lack jurors without a conflict: "
                "%(entries)s. Add jurors or lower the votes per entry."
            ),
            kind="error",
            params={"entries": ", ".join(sorted(report.short))},
        )
        return rounds_page(request, session, org, notice=notice)
    return redirect(request, f"/admin/rounds?notice=activated#round-{round_.sequence}")


@router.post("/rounds/{round_id}/close", response_model=None)
def close(
    request: Request, session: SessionDep, org: JudgingDep, round_id: int
) -> HTMLResponse | RedirectResponse:
    return _act(request, session, org, round_id, org.close_round, "closed")


@router.post("/rounds/{round_id}/reopen", response_model=None)
def reopen(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    round_id: int,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse | RedirectResponse:
    return _act(request, session, org, round_id, lambda r: org.reopen_round(r, reason), "reopened")


@router.post("/rounds/{round_id}/finalize", response_model=None)
def finalize(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    round_id: int,
    accept_incomplete: Annotated[str, Form(max_length=5)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse | RedirectResponse:
    def finalize_round(round_: Round) -> None:
        org.finalize_round(round_, accept_incomplete=accept_incomplete == "1", note=note or None)

    return _act(request, session, org, round_id, finalize_round, "finalized")


@router.post("/rounds/{round_id}/jurors", response_model=None)
def change_jury(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    round_id: int,
    jurors: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies defaults
) -> HTMLResponse | RedirectResponse:
    def set_jurors(round_: Round) -> bool:
        before = sorted(link.user_id for link in round_.jurors)
        org.set_jurors(round_, [name[:80] for name in jurors])
        session.refresh(round_)
        return before != sorted(link.user_id for link in round_.jurors)

    return _act(request, session, org, round_id, set_jurors, "jury")


@router.post("/rounds/{round_id}/quorum", response_model=None)
def change_quorum(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    round_id: int,
    quorum: Annotated[str, Form(max_length=4)] = "",
) -> HTMLResponse | RedirectResponse:
    if not quorum.strip().isdigit() or int(quorum) < 1:
        notice = Notice(N_("The votes per entry are a whole number from 1."), kind="error")
        return rounds_page(request, session, org, notice=notice, status_code=400)

    def set_quorum(round_: Round) -> bool:
        before = round_.quorum
        org.set_quorum(round_, int(quorum))
        return before != int(quorum)

    return _act(request, session, org, round_id, set_quorum, "quorum")
