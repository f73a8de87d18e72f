"""Declared conflicts: how values are compared, who may have them, and no double records."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import AuditEvent, JurorConflict
from judging.conflicts import declare_conflict, normalise_conflict
from tests.judging.factories import JudgingFactory


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("account", " @Anna.Foto ", "anna.foto"),
        ("town", " Zeulenroda-Triebes ", "Zeulenroda-Triebes"),
    ],
)
def test_conflict_values_are_normalised(kind: str, value: str, expected: str) -> None:
    assert normalise_conflict(kind, value) == expected


@pytest.mark.parametrize(("kind", "value"), [("relative", "x"), ("account", " @ "), ("town", "")])
def test_bad_conflicts_are_refused(kind: str, value: str) -> None:
    with pytest.raises(UserFacingError):
        normalise_conflict(kind, value)


def test_the_same_conflict_is_recorded_and_audited_once(
    session: Session, factory: JudgingFactory
) -> None:
    contest, (juror,) = factory.contest(), factory.jurors("jana")
    first = declare_conflict(
        session, contest, juror, kind="account", value="@Kid", note="Sohn", actor="t"
    )
    again = declare_conflict(
        session, contest, juror, kind="account", value="kid", note=None, actor="t"
    )
    assert again.id == first.id
    assert len(session.scalars(select(JurorConflict)).all()) == 1
    declared = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "juror.conflict.declared")
    ).all()
    assert len(declared) == 1


def test_only_jurors_have_conflicts(session: Session, factory: JudgingFactory) -> None:
    organiser = factory.user("olga", role="organiser")
    with pytest.raises(UserFacingError, match="not a juror"):
        declare_conflict(
            session, factory.contest(), organiser, kind="town", value="Gotha", note=None, actor="t"
        )
