"""The session cookie: signed, carrying a session id, the user id and the user's session version.

Nothing about sessions is kept in process memory or in a table: the cookie is signed with the
secret key, and the `User.session_version` it carries lets "log out everywhere", password resets
and deactivation void every cookie issued before, across all web processes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from contest.models import User
from contest.settings import Settings

COOKIE_NAME = "dsnap_session"
SESSION_LIFETIME = timedelta(hours=12)
_SALT = "downtown-snap.session"
_UNREAD = object()


@dataclass(frozen=True, slots=True)
class SessionCookie:
    """`sid` is random per session (a new one at every log-in, so no fixation is possible)."""

    sid: str
    user_id: int | None = None
    version: int | None = None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


def anonymous_session() -> SessionCookie:
    return SessionCookie(sid=secrets.token_urlsafe(24))


def signed_in_session(user: User) -> SessionCookie:
    return SessionCookie(
        sid=secrets.token_urlsafe(24), user_id=user.id, version=user.session_version
    )


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt=_SALT)


def encode(cookie: SessionCookie, settings: Settings) -> str:
    return _serializer(settings).dumps([cookie.sid, cookie.user_id, cookie.version])


def decode(value: str, settings: Settings) -> SessionCookie | None:
    """The cookie's content, or None when it is forged, expired or malformed."""
    try:
        sid, user_id, version = _serializer(settings).loads(
            value, max_age=int(SESSION_LIFETIME.total_seconds())
        )
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(sid, str) or not sid:
        return None
    if user_id is not None and not (isinstance(user_id, int) and isinstance(version, int)):
        return None
    return SessionCookie(sid=sid, user_id=user_id, version=version)


def read(request: Request) -> SessionCookie | None:
    """The request's session (or the one issued during this request), decoded once."""
    if getattr(request.state, "session_cookie", _UNREAD) is _UNREAD:
        raw = request.cookies.get(COOKIE_NAME)
        settings: Settings = request.app.state.settings
        request.state.session_cookie = decode(raw, settings) if raw else None
    return request.state.session_cookie


def ensure(request: Request) -> SessionCookie:
    """The request's session; issues an anonymous one (for the log-in form's CSRF token)."""
    cookie = read(request)
    if cookie is None:
        cookie = anonymous_session()
        request.state.session_cookie = cookie
        request.state.session_cookie_to_set = cookie
    return cookie


def replace(request: Request, cookie: SessionCookie) -> None:
    """Use a new session from now on in this request and send it with the response."""
    request.state.session_cookie = cookie
    request.state.session_cookie_to_set = cookie


def write(response: Response, cookie: SessionCookie, settings: Settings) -> None:
    response.set_cookie(
        COOKIE_NAME,
        encode(cookie, settings),
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )


def write_pending(request: Request, response: Response) -> None:
    """Attach a cookie issued during this request (anonymous or fresh log-in) to the response."""
    cookie = getattr(request.state, "session_cookie_to_set", None)
    if cookie is not None:
        write(response, cookie, request.app.state.settings)


def clear(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies
    )
