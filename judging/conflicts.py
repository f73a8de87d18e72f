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
from contest.models import (
    Assignment,
    Contest,
    Entry,
    JurorConflict,
    Participant,
    Round,
    RoundEntry,
    User,
    Vote,
)
from judging.assignment import DONE, RECUSED
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
    """Record a conflict (audited); callers redistribute running rounds afterwards.

    Declaring the same conflict again changes nothing and returns the recorded one.
    """
    if juror.role != "juror":
        raise UserFacingError(
            f"{juror.username} is an {juror.role}, not a juror.",
            "Conflicts are declared for jurors.",
        )
    value = normalise_conflict(kind, value)
    contest_id = contest.id if contest else None
    existing = session.scalar(
        select(JurorConflict).where(
            JurorConflict.user_id == juror.id,
            JurorConflict.kind == kind,
            JurorConflict.value == value,
            JurorConflict.contest_id.is_(None)
            if contest_id is None
            else JurorConflict.contest_id == contest_id,
        )
    )
    if existing is not None:
        return existing
    note = (note or "").strip() or None
    conflict = JurorConflict(
        user_id=juror.id, contest_id=contest_id, kind=kind, value=value, note=note
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


def recuse_conflicted_votes(
    session: Session, round_: Round, juror: User, conflict: JurorConflict, *, actor: str
) -> int:
    """A conflict found after voting: the juror's votes on those entries in this round go
    (audited as recusals, with the removed vote); returns how many. Callers redistribute."""
    entries = list(
        session.scalars(select(RoundEntry.entry_id).where(RoundEntry.round_id == round_.id))
    )
    forbidden = forbidden_entries(session, round_.contest_id, [juror.id], entries)
    removed_count = 0
    for entry_id in sorted(forbidden.get(juror.id, ())):
        task = session.scalar(
            select(Assignment).where(
                Assignment.round_id == round_.id,
                Assignment.entry_id == entry_id,
                Assignment.user_id == juror.id,
                Assignment.status == DONE,
            )
        )
        if task is None:
            continue
        vote = session.scalar(
            select(Vote).where(
                Vote.round_id == round_.id, Vote.entry_id == entry_id, Vote.user_id == juror.id
            )
        )
        removed = dict(vote.value) if vote else None
        if vote is not None:
            session.delete(vote)
        task.status = RECUSED
        task.recusal_reason = f"conflict declared: {conflict.kind} {conflict.value}"
        session.flush()
        removed_count += 1
        log_action(
            session,
            "assignment.recused",
            actor=actor,
            contest_id=round_.contest_id,
            subject_type="assignment",
            subject_id=task.id,
            round=round_.id,
            juror=juror.username,
            reason=task.recusal_reason,
            before=DONE,
            removed_vote=removed,
        )
    return removed_count
