"""Migrations: the schema the code expects is exactly what the migrations build."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from contest.db import make_engine
from contest.errors import DatabaseNotReadyError
from contest.models import Base
from contest.schema import current_revision, head_revision, require_current_schema, upgrade_to_head


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models changed without a migration: add one in contest/migrations"


def test_unmigrated_database_is_refused_with_the_fixing_command(fresh_database_url: str) -> None:
    engine = make_engine(fresh_database_url)
    with pytest.raises(DatabaseNotReadyError) as raised:
        require_current_schema(engine)
    assert "downtown-snap init" in str(raised.value)
    engine.dispose()


def test_upgrade_is_idempotent(fresh_database_url: str) -> None:
    engine = make_engine(fresh_database_url)
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    require_current_schema(engine)
    engine.dispose()
