"""Fixtures for the jury pages: worlds with one active round per method."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from judging.ballots import Criterion, RoundMethod
from tests.web.jury.support import JuryWorld, build_world

CRITERIA = (
    Criterion("motif", "Motiv / Innenstadt", 0.4),
    Criterion("composition", "Bildaufbau", 0.3),
    Criterion("originality", "Originalität", 0.3),
)


@pytest.fixture
def rating(session: Session) -> JuryWorld:
    return build_world(session, method=RoundMethod("rating"))


@pytest.fixture
def criteria(session: Session) -> JuryWorld:
    return build_world(session, method=RoundMethod("rating", criteria=CRITERIA))


@pytest.fixture
def yesno(session: Session) -> JuryWorld:
    return build_world(session, method=RoundMethod("yesno"))


@pytest.fixture
def ordering(session: Session) -> JuryWorld:
    return build_world(session, method=RoundMethod("ranking", ballot="order"))


@pytest.fixture
def points(session: Session) -> JuryWorld:
    return build_world(session, method=RoundMethod("ranking", ballot="points"), entries=11)
