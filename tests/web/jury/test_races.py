"""A double click sends the same vote twice at once; the loser of the insert tries again."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from contest.models import AuditEvent
from tests.web.jury.support import JuryWorld
from web.jury.common import retry_if_raced


def test_a_raced_vote_is_stored_once(rating: JuryWorld) -> None:
    workspace = rating.workspace("jana")
    task = rating.tasks("jana")[0]
    attempts = []

    def cast() -> None:
        attempts.append(workspace.cast_vote(task.id, {"stars": 4}))
        if len(attempts) == 1:  # as if the other request's insert had won
            raise IntegrityError("INSERT INTO votes", {}, Exception("unique"))

    retry_if_raced(workspace, cast)
    assert len(attempts) == 2
    assert rating.votes("jana") == {task.entry_id: {"stars": 4}}
    actions = rating.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("vote.%"))
    ).all()
    assert actions == ["vote.cast"]  # the first try was rolled back with its savepoint


def test_other_errors_are_not_retried(rating: JuryWorld) -> None:
    workspace = rating.workspace("jana")
    calls = []

    def refuse() -> None:
        calls.append(1)
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        retry_if_raced(workspace, refuse)
    assert calls == [1]
