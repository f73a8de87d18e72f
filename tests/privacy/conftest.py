"""Fixtures for the privacy tests: the shared contest scenario on the test database."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from contest.settings import Settings
from tests.privacy.world import World, build_world


@pytest.fixture
def world(session: Session, settings: Settings) -> World:
    return build_world(session, settings.data_dir)
