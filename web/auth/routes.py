"""Log-in, log-out, and the account page (own password, log out everywhere)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select

from contest.accounts import (
    MIN_PASSWORD_LENGTH,
    change_own_password,
    log_out_everywhere,
    normalise_username,
    password_matches,
    rehash_if_outdated,
    spend_equal_time_on_unknown_user,
)
from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import User, utcnow
from web.auth import cookies, throttle
from web.auth.deps import OptionalUserDep, SignedInDep, UserDep
from web.auth.pages import N_, Notice, redirect, render
from web.auth.redirects import home_for_role, safe_next
from web.csrf import CsrfDep
from web.deps import SessionDep, SettingsDep

router = APIRouter(dependencies=[CsrfDep])

NOTICES = {
    "logged-out": Notice(N_("You are logged out.")),
    "logged-out-everywhere": Notice(N_("You are logged out on every device.")),
    "password-changed": Notice(N_("Your new password is saved. Other devices are logged out.")),
    "choose-password": Notice(
        N_("Please choose your own password before you continue."), kind="error"
    ),
}


def _notice(code: str | None) -> Notice | None:
    return NOTICES.get(code or "")


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login", response_model=None)
def login_form(
    request: Request, user: OptionalUserDep, next: str = "", notice: str = ""
) -> HTMLResponse | RedirectResponse:
    if user is not None:
        if user.password_change_required:
            return redirect(request, "/account?notice=choose-password")
        return redirect(request, safe_next(next, fallback=home_for_role(user.role)))
    return render(request, "login.html", {"next": next, "notice": _notice(notice)})


@router.post("/login", response_model=None)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse | RedirectResponse:
    username = normalise_username(username)
    address = _client_address(request)
    context = {"next": next, "username": username}
    paused_until = throttle.login_paused_until(
        session, username=username, address=address, limit=settings.login_attempts_per_15_min
    )
    if paused_until is not None:
        minutes = max(1, int((paused_until - utcnow()).total_seconds() // 60) + 1)
        error = Notice(
            N_("Too many failed log-ins. Please wait %(minutes)s minutes and try again."),
            kind="error",
            params={"minutes": minutes},
        )
        return render(request, "login.html", {**context, "notice": error}, status_code=429)

    user = session.scalar(select(User).where(User.username == username)) if username else None
    if user is None:
        spend_equal_time_on_unknown_user(password)
        valid = False
    else:
        valid = password_matches(user, password) and user.active
    throttle.record_attempt(session, username=username, address=address, succeeded=valid)
    if not valid or user is None:
        error = Notice(N_("Username or password is wrong."), kind="error")
        return render(request, "login.html", {**context, "notice": error}, status_code=401)

    rehash_if_outdated(user, password)
    log_action(
        session, "user.logged_in", actor=user.username, subject_type="user", subject_id=user.id
    )
    cookies.replace(request, cookies.signed_in_session(user))
    if user.password_change_required:
        return redirect(request, "/account?" + urlencode({"notice": "choose-password"}))
    return redirect(request, safe_next(next, fallback=home_for_role(user.role)))


@router.post("/logout")
def logout(
    request: Request, session: SessionDep, settings: SettingsDep, user: OptionalUserDep
) -> RedirectResponse:
    if user is not None:
        log_action(
            session, "user.logged_out", actor=user.actor, subject_type="user", subject_id=user.id
        )
    response = redirect(request, "/login?notice=logged-out")
    cookies.clear(response, settings)
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, user: SignedInDep, notice: str = "") -> HTMLResponse:
    if user.password_change_required and not notice:
        notice = "choose-password"
    return render(request, "account.html", {"notice": _notice(notice)})


@router.post("/account/password", response_model=None)
def change_password(
    request: Request,
    session: SessionDep,
    user: SignedInDep,
    current_password: Annotated[str, Form(max_length=1000)] = "",
    new_password: Annotated[str, Form(max_length=1000)] = "",
    new_password_again: Annotated[str, Form(max_length=1000)] = "",
) -> HTMLResponse | RedirectResponse:
    record = session.get(User, user.id)
    if record is None:  # pragma: no cover - the account vanished mid-request
        raise UserFacingError("Your account no longer exists.")
    problem = None
    if not password_matches(record, current_password):
        problem = Notice(N_("The current password is wrong."), kind="error")
    elif len(new_password) < MIN_PASSWORD_LENGTH:
        problem = Notice(
            N_("The new password needs at least %(count)s characters."),
            kind="error",
            params={"count": MIN_PASSWORD_LENGTH},
        )
    elif new_password != new_password_again:
        problem = Notice(N_("The two new passwords differ. Please type them again."), "error")
    if problem is not None:
        return render(request, "account.html", {"notice": problem}, status_code=400)
    try:
        change_own_password(session, record, current=current_password, new=new_password)
    except UserFacingError as failure:
        error = Notice.untranslated(failure.message)
        return render(request, "account.html", {"notice": error}, status_code=400)
    # The change ended every session, this one included: continue in a fresh one.
    cookies.replace(request, cookies.signed_in_session(record))
    return redirect(request, "/account?notice=password-changed")


@router.post("/account/logout-everywhere")
def logout_everywhere(
    request: Request, session: SessionDep, settings: SettingsDep, user: UserDep
) -> RedirectResponse:
    record = session.get(User, user.id)
    if record is not None:
        log_out_everywhere(session, record, actor=user.actor)
    response = redirect(request, "/login?notice=logged-out-everywhere")
    cookies.clear(response, settings)
    return response
