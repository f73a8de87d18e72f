"""Assignments in the database: the first assignment of a round and every redistribution.

The decisions come from the pure planner (`judging.assignment`); this module loads the round's
state, applies the plan to `Assignment` rows and writes the audit trail: one summary event for
the first assignment, one event per task moved, added or withdrawn afterwards.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.models import Assignment, Entry, Round, RoundEntry, RoundJuror, User
from judging.assignment import OPEN, WITHDRAWN, AssignmentPlan, Task, plan_assignments
from judging.assignment import task_sort_key as sort_key_for
from judging.conflicts import forbidden_entries


def round_entry_ids(session: Session, round_: Round) -> list[int]:
    return list(
        session.scalars(
            select(RoundEntry.entry_id)
            .where(RoundEntry.round_id == round_.id)
            .order_by(RoundEntry.id)
        )
    )


def round_juror_ids(session: Session, round_: Round) -> list[int]:
    return list(
        session.scalars(
            select(RoundJuror.user_id)
            .where(RoundJuror.round_id == round_.id)
            .order_by(RoundJuror.id)
        )
    )


def round_tasks(session: Session, round_: Round) -> list[Assignment]:
    return list(session.scalars(select(Assignment).where(Assignment.round_id == round_.id)))


def _seed(round_: Round) -> str:
    return str(round_.config.get("seed", round_.id))


def plan_for(session: Session, round_: Round) -> AssignmentPlan:
    """What the planner would change in this round now (nothing is written)."""
    entries = round_entry_ids(session, round_)
    jurors = round_juror_ids(session, round_)
    tasks = [Task(a.entry_id, a.user_id, a.status) for a in round_tasks(session, round_)]
    forbidden = forbidden_entries(session, round_.contest_id, jurors, entries)
    return plan_assignments(
        entries, jurors, round_.quorum, forbidden=forbidden, existing=tasks, seed=_seed(round_)
    )


def _apply(session: Session, round_: Round, plan: AssignmentPlan) -> None:
    rows = {(a.entry_id, a.user_id): a for a in round_tasks(session, round_)}
    for pair in plan.withdraw:
        rows[pair].status = WITHDRAWN
    for entry_id, juror_id in plan.add:
        row = rows.get((entry_id, juror_id))
        if row is None:
            session.add(
                Assignment(
                    round_id=round_.id,
                    entry_id=entry_id,
                    user_id=juror_id,
                    status=OPEN,
                    sort_key=sort_key_for(_seed(round_), juror_id, entry_id),
                )
            )
        else:
            row.status = OPEN
    session.flush()


def usernames_of(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(session.execute(select(User.id, User.username).where(User.id.in_(user_ids))).all())


def shortcodes_of(session: Session, entry_ids: set[int]) -> dict[int, str]:
    if not entry_ids:
        return {}
    return dict(
        session.execute(select(Entry.id, Entry.shortcode).where(Entry.id.in_(entry_ids))).all()
    )


def assign_round(session: Session, round_: Round, *, actor: str) -> AssignmentPlan:
    """The first assignment, at activation; audited as one `round.assigned` event."""
    plan = plan_for(session, round_)
    _apply(session, round_, plan)
    per_juror = Counter(juror_id for _entry, juror_id in plan.add)
    names = usernames_of(session, set(per_juror))
    shortcodes = shortcodes_of(session, set(plan.short))
    log_action(
        session,
        "round.assigned",
        actor=actor,
        contest_id=round_.contest_id,
        subject_type="round",
        subject_id=round_.id,
        tasks=len(plan.add),
        per_juror={names[juror_id]: count for juror_id, count in sorted(per_juror.items())},
        quorum=round_.quorum,
        seed=_seed(round_),
        short={shortcodes[entry_id]: missing for entry_id, missing in plan.short.items()},
    )
    return plan


def redistribute(session: Session, round_: Round, *, actor: str, reason: str) -> AssignmentPlan:
    """Bring a running round back to its quorum and even workloads; audits every change."""
    plan = plan_for(session, round_)
    if not plan.add and not plan.withdraw:
        return plan
    _apply(session, round_, plan)
    moves = plan.moves
    moved_out = {(entry_id, source) for entry_id, source, _target in moves}
    moved_in = {(entry_id, target) for entry_id, _source, target in moves}
    users = {juror for _e, juror in plan.add} | {juror for _e, juror in plan.withdraw}
    names = usernames_of(session, users)
    shortcodes = shortcodes_of(
        session, {entry for entry, _j in plan.add} | {entry for entry, _j in plan.withdraw}
    )
    common = {
        "actor": actor,
        "contest_id": round_.contest_id,
        "subject_type": "round",
        "subject_id": round_.id,
        "reason": reason,
    }
    for entry_id, source, target in moves:
        log_action(
            session,
            "assignment.reassigned",
            entry=shortcodes[entry_id],
            before=names[source],
            after=names[target],
            **common,
        )
    for entry_id, juror_id in plan.withdraw:
        if (entry_id, juror_id) not in moved_out:
            log_action(
                session,
                "assignment.withdrawn",
                entry=shortcodes[entry_id],
                juror=names[juror_id],
                **common,
            )
    for entry_id, juror_id in plan.add:
        if (entry_id, juror_id) not in moved_in:
            log_action(
                session,
                "assignment.added",
                entry=shortcodes[entry_id],
                juror=names[juror_id],
                **common,
            )
    return plan
