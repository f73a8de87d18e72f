"""A migrated database with the shared contest scenario committed, for command tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from cli.main import app
from contest.db import make_engine, make_session_factory, transaction
from contest.settings import Settings
from tests.privacy.world import World, build_world

runner = CliRunner()


def populate(settings: Settings) -> World:
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    engine = make_engine(settings.database_url)
    with transaction(make_session_factory(engine)) as session:
        world = build_world(session, settings.data_dir)
    engine.dispose()
    return world


@contextmanager
def database_session(settings: Settings) -> Iterator[Session]:
    """A committing session on the command's database (for checks after a command ran)."""
    engine = make_engine(settings.database_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()
