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
from ingest import verdicts
from tests.paths import PRESET


def verdicts_not_implemented_yet() -> bool:
    """True while `recompute_verdicts` is still the foundation's placeholder."""
    try:
        verdicts.recompute_verdicts(None, None, {})  # type: ignore[arg-type]
    except NotImplementedError:
        return True
    except Exception:
        return False
    return False


@pytest.fixture(autouse=True)
def _verdicts_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    # TEMPORARY, for the lead to remove when merging the rules branch: ingestion calls the real
    # `ingest.verdicts.recompute_verdicts`, which on this branch is still a NotImplementedError
    # placeholder. Only while it raises that, it is replaced by a no-op here.
    if verdicts_not_implemented_yet():
        monkeypatch.setattr(verdicts, "recompute_verdicts", lambda session, contest, similar: {})


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
