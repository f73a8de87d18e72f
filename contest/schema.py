"""Alembic migrations, driven from code so `downtown-snap init` needs no alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from contest.errors import DatabaseNotReadyError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade every table; safe to run on an up-to-date database."""
    command.upgrade(alembic_config(engine), "head")


def head_revision() -> str:
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    if len(heads) != 1:  # pragma: no cover - guards against a merge mistake in migrations
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database the code's migrations have not reached."""
    current = current_revision(engine)
    if current != head_revision():
        state = "has no tables yet" if current is None else f"is at migration {current}"
        raise DatabaseNotReadyError(
            f"The database {state}, but this version needs migration {head_revision()}.",
            "Run: downtown-snap init --contest PATH (or downtown-snap migrate).",
        )
