"""Log-in rate limiting, kept in the database so it holds across every web process.

Failed attempts are counted per account and, separately, per client address within a sliding
window. Either count reaching the limit pauses log-in for that key until the oldest counted
failure leaves the window: guessing one account from many addresses and many accounts from one
address are both slowed down.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from contest.models import LoginAttempt, utcnow

WINDOW = timedelta(minutes=15)


def attempt_keys(username: str, address: str) -> tuple[str, str]:
    return (f"account:{username.strip().lower()[:150]}", f"address:{address[:150]}")


def blocked_until(
    failures: Sequence[datetime], *, limit: int, now: datetime, window: timedelta = WINDOW
) -> datetime | None:
    """When log-in opens again for a key with these failure times, or None if it is open now.

    With `limit` failures inside the window the key is paused until the `limit`-th most recent
    failure is older than the window (then fewer than `limit` remain).
    """
    recent = sorted(at for at in failures if at > now - window)
    if limit < 1 or len(recent) < limit:
        return None
    return recent[-limit] + window


def login_paused_until(
    session: Session, *, username: str, address: str, limit: int, now: datetime | None = None
) -> datetime | None:
    """The latest moment any of this attempt's keys is paused until, or None."""
    now = now or utcnow()
    keys = attempt_keys(username, address)
    rows = session.execute(
        select(LoginAttempt.key, LoginAttempt.at).where(
            LoginAttempt.key.in_(keys),
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.at > now - WINDOW,
        )
    ).all()
    until = [
        blocked_until([at for key, at in rows if key == wanted], limit=limit, now=now)
        for wanted in keys
    ]
    paused = [moment for moment in until if moment is not None]
    return max(paused) if paused else None


def record_attempt(
    session: Session,
    *,
    username: str,
    address: str,
    succeeded: bool,
    now: datetime | None = None,
) -> None:
    """Store the attempt under both keys and forget attempts that can no longer count."""
    now = now or utcnow()
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - WINDOW))
    for key in attempt_keys(username, address):
        session.add(LoginAttempt(key=key, at=now, succeeded=succeeded))
    session.flush()
