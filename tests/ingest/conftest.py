"""Fixtures for ingestion: a committing session factory that still rolls back, and a contest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from contest.models import Contest
from contest.services import upsert_contest
from contest.settings import Settings
from tests.paths import PRESET


@pytest.fixture
def sessions(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions that commit (per post, as the job does) inside one transaction rolled back after."""
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield factory
    finally:
        outer.rollback()
        connection.close()


@pytest.fixture
def db(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session to look at what the job stored."""
    session = sessions()
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def contest(sessions: sessionmaker[Session]) -> Contest:
    with sessions() as session:
        record, _created = upsert_contest(
            session,
            slug="downtown-snaps-2025",
            name="Downtown Snaps 2025",
            rules_toml=PRESET.read_text(encoding="utf-8"),
            source=str(PRESET),
            actor="test",
        )
        session.commit()
    return record


@pytest.fixture
def media(settings: Settings) -> Path:
    return settings.data_dir
