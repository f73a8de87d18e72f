"""`/admin/jurors`: invite jurors, declare their conflicts, reset passwords, deactivate.

Conflicts go through judging's organiser service: declaring one mid-round removes the juror's
votes on the affected entries and redistributes open tasks, exactly as `downtown-snap conflict`.

Invitations and resets create a one-time password that is shown exactly once, on the page that
answers the form (never in a URL or a log); the juror must choose their own at first log-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from contest.accounts import (
    USERNAME_PATTERN,
    create_user,
    generate_one_time_password,
    log_out_everywhere,
    normalise_username,
    reset_password,
    set_active,
)
from contest.errors import UserFacingError
from contest.models import AuditEvent, Contest, JurorConflict, User
from judging.conflicts import CONFLICT_KINDS
from web.admin.common import ContestDep, render_console, with_notice
from web.admin.entry_queries import towns_in_contest
from web.admin.judging_access import JudgingDep
from web.auth.deps import OrganiserDep
from web.auth.pages import N_, Notice, redirect
from web.deps import SessionDep

router = APIRouter(prefix="/admin")

NOTICES = {
    "deactivated": Notice(N_("The account is deactivated and logged out everywhere.")),
    "reactivated": Notice(N_("The account is active again.")),
    "logged-out": Notice(N_("The juror is logged out on every device.")),
    "conflict-added": Notice(N_("The conflict is recorded.")),
    "conflict-removed": Notice(N_("The conflict is removed.")),
}


@dataclass(frozen=True, slots=True)
class JurorRow:
    user: User
    conflicts: list[JurorConflict]
    last_login: datetime | None


@dataclass(frozen=True, slots=True)
class OneTimePassword:
    """Shown once, right after an invitation or a reset."""

    username: str
    password: str
    invited: bool


@dataclass(frozen=True, slots=True)
class JurorsPage:
    jurors: list[JurorRow]
    towns: list[str]
    one_time: OneTimePassword | None = None
    invite_values: dict[str, str] | None = None
    conflict_kinds: tuple[str, ...] = CONFLICT_KINDS


def _juror_rows(session: Session, contest: Contest) -> list[JurorRow]:
    jurors = session.scalars(
        select(User)
        .where(User.role == "juror")
        .options(selectinload(User.conflicts))
        .order_by(User.active.desc(), User.username)
    ).all()
    last_logins = dict(
        session.execute(
            select(AuditEvent.subject_id, func.max(AuditEvent.at))
            .where(AuditEvent.action == "user.logged_in", AuditEvent.subject_type == "user")
            .group_by(AuditEvent.subject_id)
        ).all()
    )
    return [
        JurorRow(
            user=juror,
            conflicts=[
                conflict
                for conflict in juror.conflicts
                if conflict.contest_id in (None, contest.id)
            ],
            last_login=last_logins.get(str(juror.id)),
        )
        for juror in jurors
    ]


def _page(
    request: Request,
    session: Session,
    contest: Contest,
    *,
    notice: Notice | None = None,
    one_time: OneTimePassword | None = None,
    invite_values: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    page = JurorsPage(
        jurors=_juror_rows(session, contest),
        towns=towns_in_contest(session, contest),
        one_time=one_time,
        invite_values=invite_values,
    )
    return render_console(
        request,
        "admin/jurors.html",
        contest,
        section="jurors",
        notice=notice,
        page=page,
        status_code=status_code,
    )


def _juror(session: Session, user_id: int) -> User:
    """Only juror accounts are managed here; organisers use the command line."""
    user = session.get(User, user_id)
    if user is None or user.role != "juror":
        raise HTTPException(status_code=404)
    return user


def _invite_problem(session: Session, username: str) -> Notice | None:
    """The usual mistakes, in words the template can translate (the service re-checks)."""
    name = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(name):
        return Notice(
            N_("Usernames have 2 to 80 letters, digits, dots, dashes or @ (no spaces)."),
            kind="error",
        )
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        return Notice(N_("This username is taken. Please choose another."), kind="error")
    return None


@router.get("/jurors", response_class=HTMLResponse)
def jurors(
    request: Request, session: SessionDep, contest: ContestDep, notice: str = ""
) -> HTMLResponse:
    return _page(request, session, contest, notice=NOTICES.get(notice))


@router.post("/jurors", response_class=HTMLResponse)
def invite_juror(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    organiser: OrganiserDep,
    username: Annotated[str, Form(max_length=80)] = "",
    display_name: Annotated[str, Form(max_length=120)] = "",
    email: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    values = {"username": username, "display_name": display_name, "email": email}
    problem = _invite_problem(session, username)
    if problem is not None:
        return _page(
            request, session, contest, notice=problem, invite_values=values, status_code=400
        )
    password = generate_one_time_password()
    try:
        user = create_user(
            session,
            username=username,
            password=password,
            role="juror",
            actor=organiser.actor,
            display_name=display_name,
            email=email.strip() or None,
            password_change_required=True,
        )
    except UserFacingError as error:
        session.rollback()
        return _page(
            request,
            session,
            contest,
            notice=Notice.untranslated(error.message),
            invite_values=values,
            status_code=400,
        )
    return _page(
        request,
        session,
        contest,
        notice=Notice(N_("The juror account is created.")),
        one_time=OneTimePassword(user.username, password, invited=True),
    )


@router.post("/jurors/{user_id}/password", response_class=HTMLResponse)
def reset_juror_password(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    organiser: OrganiserDep,
    user_id: int,
) -> HTMLResponse:
    user = _juror(session, user_id)
    password = generate_one_time_password()
    reset_password(session, user, password=password, actor=organiser.actor, one_time=True)
    return _page(
        request,
        session,
        contest,
        notice=Notice(N_("The password is reset; the juror is logged out everywhere.")),
        one_time=OneTimePassword(user.username, password, invited=False),
    )


@router.post("/jurors/{user_id}/active")
def change_active(
    request: Request,
    session: SessionDep,
    organiser: OrganiserDep,
    user_id: int,
    active: Annotated[str, Form(max_length=5)] = "",
) -> RedirectResponse:
    user = _juror(session, user_id)
    wanted = active == "1"
    set_active(session, user, active=wanted, actor=organiser.actor)
    return redirect(
        request, with_notice("/admin/jurors", "reactivated" if wanted else "deactivated")
    )


@router.post("/jurors/{user_id}/logout")
def logout_juror(
    request: Request, session: SessionDep, organiser: OrganiserDep, user_id: int
) -> RedirectResponse:
    log_out_everywhere(session, _juror(session, user_id), actor=organiser.actor)
    return redirect(request, with_notice("/admin/jurors", "logged-out"))


@router.post("/jurors/{user_id}/conflicts", response_model=None)
def add_juror_conflict(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    org: JudgingDep,
    user_id: int,
    kind: Annotated[str, Form(max_length=20)] = "",
    value: Annotated[str, Form(max_length=120)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse | RedirectResponse:
    user = _juror(session, user_id)
    try:
        org.declare_conflict(user.username, kind=kind, value=value, note=note)
    except UserFacingError as error:
        session.rollback()
        return _page(
            request, session, contest, notice=Notice.untranslated(error.message), status_code=400
        )
    return redirect(request, with_notice("/admin/jurors", "conflict-added"))


@router.post("/jurors/{user_id}/conflicts/{conflict_id}/delete")
def remove_juror_conflict(
    request: Request, session: SessionDep, org: JudgingDep, user_id: int, conflict_id: int
) -> RedirectResponse:
    user = _juror(session, user_id)
    if not any(conflict.id == conflict_id for conflict in user.conflicts):
        raise HTTPException(status_code=404)
    org.withdraw_conflict(conflict_id)
    return redirect(request, with_notice("/admin/jurors", "conflict-removed"))
