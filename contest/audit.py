"""The audit trail: one row per state change a person (or a scheduled job) makes.

Action names are dotted (`entry.verdict.overridden`, `round.finalized`, `vote.cast`) so
organisers can filter by prefix in the console.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from contest.models import AuditEvent


def log_action(
    session: Session,
    action: str,
    *,
    actor: str,
    contest_id: int | None = None,
    subject_type: str | None = None,
    subject_id: str | int | None = None,
    **data: Any,
) -> AuditEvent:
    """Record an action in the caller's transaction, so it lands if and only if the change does."""
    event = AuditEvent(
        contest_id=contest_id,
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=None if subject_id is None else str(subject_id),
        data=data,
    )
    session.add(event)
    return event
