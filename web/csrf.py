"""CSRF tokens: signed, one per session, checked on every state-changing request.

The token is the session id signed with the secret key (a different salt than the cookie), so it
cannot be made without the key and is worthless with any other session. Forms send it as the
field `csrf_token`; scripts send the `X-CSRF-Token` header. SameSite=Lax cookies already stop most
cross-site posts; the token closes the rest.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeSerializer

from contest.settings import Settings
from web.auth import cookies

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_SALT = "downtown-snap.csrf"


class CsrfFailed(Exception):
    """The form carried no valid token for this session (expired page, cookies off, forgery)."""


def _serializer(settings: Settings) -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key.get_secret_value(), salt=_SALT)


def token_for_session(sid: str, settings: Settings) -> str:
    return _serializer(settings).dumps(sid)


def token_matches(token: str, sid: str, settings: Settings) -> bool:
    try:
        signed_sid = _serializer(settings).loads(token)
    except BadSignature:
        return False
    return isinstance(signed_sid, str) and hmac.compare_digest(signed_sid, sid)


def csrf_token(request: Request) -> str:
    """The token for the request's session; starts an anonymous session when there is none."""
    return token_for_session(cookies.ensure(request).sid, request.app.state.settings)


async def verify_csrf(request: Request) -> None:
    """Dependency for routers: lets safe methods through, demands a valid token otherwise."""
    if request.method in SAFE_METHODS:
        return
    token = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if not token and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    session = cookies.read(request)
    if not token or session is None:
        raise CsrfFailed
    if not token_matches(token, session.sid, request.app.state.settings):
        raise CsrfFailed


CsrfDep = Depends(verify_csrf)
