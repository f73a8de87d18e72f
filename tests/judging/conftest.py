"""Fixtures for judging's database tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.judging.factories import JudgingFactory


@pytest.fixture
def factory(session: Session) -> JudgingFactory:
    return JudgingFactory(session)
