"""Where to send people after log-in, without becoming an open redirect."""

from __future__ import annotations

from urllib.parse import urlsplit

ROLE_HOMES = {"organiser": "/admin", "juror": "/jury"}


def safe_next(target: str | None, *, fallback: str) -> str:
    """Only a path on this site: no scheme, no host, no `//` or `\\` tricks, no control chars."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    if any(ord(char) < 32 or char == "\\" for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


def home_for_role(role: str) -> str:
    return ROLE_HOMES.get(role, "/")
