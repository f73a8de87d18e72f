"""Steps many judging tests share: a frozen shortlist, a running round, votes cast."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, AuditEvent, Round, User
from judging.ballots import RoundMethod
from judging.organiser import OrganiserJudging
from judging.rounds import RoundSource
from judging.workspace import JurorWorkspace
from tests.judging.factories import JudgingFactory, organiser


def frozen_contest(
    session: Session, factory: JudgingFactory, *, entries: int = 6, **settings: object
) -> OrganiserJudging:
    factory.entries(entries)
    org = organiser(session, factory, **settings)
    org.freeze_shortlist()
    return org


def running_round(
    org: OrganiserJudging,
    jurors: list[User],
    *,
    method: RoundMethod | None = None,
    quorum: int = 2,
    name: str = "Vorrunde",
    source: RoundSource | None = None,
) -> Round:
    round_ = org.create_round(
        name=name,
        method=method or RoundMethod("rating"),
        quorum=quorum,
        source=source,
        jurors=[juror.username for juror in jurors],
        seed="test",
    )
    org.activate_round(round_)
    return round_


def vote_all(
    session: Session, round_: Round, jurors: list[User], value: Callable[[User, int], dict]
) -> None:
    """Every juror votes on every open task; `value(juror, entry_id)` says how."""
    for juror in jurors:
        workspace = JurorWorkspace(session, juror)
        while (task := workspace.next_task(round_.id)) is not None:
            entry_id = session.scalar(
                select(Assignment.entry_id).where(Assignment.id == task.task_id)
            )
            workspace.cast_vote(task.task_id, value(juror, entry_id))


def tasks_of(session: Session, round_: Round) -> list[Assignment]:
    return list(session.scalars(select(Assignment).where(Assignment.round_id == round_.id)))


def audit(session: Session, prefix: str = "") -> list[AuditEvent]:
    return [
        event
        for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        if event.action.startswith(prefix)
    ]
