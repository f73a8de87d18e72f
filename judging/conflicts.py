"""Declared juror conflicts, and the entries each juror must therefore never judge.

A conflict is an Instagram account (the juror's own, a relative's, a colleague's) or a whole town
(where the juror lives or works). Conflicts without a contest hold for every contest.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest, Entry, JurorConflict, Participant, User
from judging.errors import NotFound

CONFLICT_KINDS = ("account", "town")


def normalise_conflict(kind: str, value: str) -> str:
    if kind not in CONFLICT_KINDS:
        raise UserFacingError(
            f"Unknown conflict kind {kind!r}.", "Use account (an Instagram username) or town."
        )
    value = value.strip()
    if kind == "account":
        value = value.removeprefix("@").lower()
    if not value:
        raise UserFacingError("A conflict needs the account or the town it is about.")
    return value


def conflicts_of(
    session: Session, contest_id: int, juror_ids: Collection[int]
) -> list[JurorConflict]:
    return list(
        session.scalars(
            select(JurorConflict).where(
                JurorConflict.user_id.in_(list(juror_ids)),
                or_(JurorConflict.contest_id == contest_id, JurorConflict.contest_id.is_(None)),
            )
        )
    )


def forbidden_entries(
    session: Session, contest_id: int, juror_ids: Collection[int], entry_ids: Collection[int]
) -> dict[int, set[int]]:
    """Juror -> the entries (of `entry_ids`) they are conflicted with."""
    conflicts = conflicts_of(session, contest_id, juror_ids)
    if not conflicts or not entry_ids:
        return {}
    rows = session.execute(
        select(Entry.id, Participant.username, Entry.town)
        .join(Participant, Entry.participant_id == Participant.id)
        .where(Entry.id.in_(list(entry_ids)))
    ).all()
    forbidden: dict[int, set[int]] = {}
    for conflict in conflicts:
        if conflict.kind == "account":
            hits = {row.id for row in rows if row.username.lower() == conflict.value.lower()}
        else:
            town = conflict.value.casefold()
            hits = {row.id for row in rows if row.town and row.town.casefold() == town}
        if hits:
            forbidden.setdefault(conflict.user_id, set()).update(hits)
    return forbidden


def declare_conflict(
    session: Session,
    contest: Contest | None,
    juror: User,
    *,
    kind: str,
    value: str,
    note: str | None,
    actor: str,
) -> JurorConflict:
    """Record a conflict (audited); callers redistribute running rounds afterwards."""
    conflict = JurorConflict(
        user_id=juror.id,
        contest_id=contest.id if contest else None,
        kind=kind,
        value=normalise_conflict(kind, value),
        note=note,
    )
    session.add(conflict)
    session.flush()
    log_action(
        session,
        "juror.conflict.declared",
        actor=actor,
        contest_id=conflict.contest_id,
        subject_type="user",
        subject_id=juror.id,
        juror=juror.username,
        kind=conflict.kind,
        value=conflict.value,
        note=note,
    )
    return conflict


def withdraw_conflict(session: Session, conflict_id: int, *, actor: str) -> JurorConflict:
    conflict = session.get(JurorConflict, conflict_id)
    if conflict is None:
        raise NotFound(f"No declared conflict with id {conflict_id}.")
    log_action(
        session,
        "juror.conflict.withdrawn",
        actor=actor,
        contest_id=conflict.contest_id,
        subject_type="user",
        subject_id=conflict.user_id,
        kind=conflict.kind,
        value=conflict.value,
    )
    session.delete(conflict)
    session.flush()
    return conflict
