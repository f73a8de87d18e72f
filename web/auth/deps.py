"""Who is asking: the signed-in user, and the role checks routers depend on.

Use `OrganiserDep` / `JurorDep` (or `Depends(require_organiser)` on a whole router). They give a
`CurrentUser`, a plain snapshot rather than the ORM row, so pages cannot change an account by
accident. Anonymous visitors are sent to the log-in page (HTML) or get 401 (anything else);
a signed-in user with the wrong role gets the 403 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from contest.models import User
from web.auth import cookies
from web.deps import SessionDep


class LoginRequired(Exception):
    """No valid session: the handler redirects pages to /login?next=… and answers APIs with 401."""


class RoleForbidden(Exception):
    """Signed in, but this part of the site is for another role."""

    def __init__(self, required: str) -> None:
        super().__init__(required)
        self.required = required


class PasswordChangeRequired(Exception):
    """Signed in with a one-time password: the account holder must choose their own first."""


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: int
    username: str
    display_name: str
    role: str
    password_change_required: bool

    @property
    def is_organiser(self) -> bool:
        return self.role == "organiser"

    @property
    def is_juror(self) -> bool:
        return self.role == "juror"

    @property
    def actor(self) -> str:
        """The name written to the audit log for this person's actions."""
        return self.username


def optional_user(request: Request, session: SessionDep) -> CurrentUser | None:
    """The signed-in user, if the cookie is valid, current and the account active."""
    cached = getattr(request.state, "user", None)
    if cached is not None:
        return cached
    cookie = cookies.read(request)
    if cookie is None or not cookie.signed_in:
        return None
    user = session.get(User, cookie.user_id)
    if user is None or not user.active or user.session_version != cookie.version:
        return None
    current = CurrentUser(
        id=user.id,
        username=user.username,
        display_name=user.display_name or user.username,
        role=user.role,
        password_change_required=user.password_change_required,
    )
    request.state.user = current
    return current


def signed_in_user(
    user: Annotated[CurrentUser | None, Depends(optional_user)],
) -> CurrentUser:
    """Any signed-in user, even one who still has to replace a one-time password."""
    if user is None:
        raise LoginRequired
    return user


def require_user(user: Annotated[CurrentUser, Depends(signed_in_user)]) -> CurrentUser:
    if user.password_change_required:
        raise PasswordChangeRequired
    return user


def require_organiser(user: Annotated[CurrentUser, Depends(require_user)]) -> CurrentUser:
    if not user.is_organiser:
        raise RoleForbidden("organiser")
    return user


def require_juror(user: Annotated[CurrentUser, Depends(require_user)]) -> CurrentUser:
    if not user.is_juror:
        raise RoleForbidden("juror")
    return user


OptionalUserDep = Annotated[CurrentUser | None, Depends(optional_user)]
SignedInDep = Annotated[CurrentUser, Depends(signed_in_user)]
UserDep = Annotated[CurrentUser, Depends(require_user)]
OrganiserDep = Annotated[CurrentUser, Depends(require_organiser)]
JurorDep = Annotated[CurrentUser, Depends(require_juror)]
