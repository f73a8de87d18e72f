"""SQLite: copy with the online backup API, so a running app may keep writing meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from contest.backup.snapshot import schema_revision, table_counts
from contest.errors import ConfigurationError


def database_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ConfigurationError(
            "An in-memory SQLite database cannot be backed up or restored.",
            "Point DOWNTOWN_SNAP_DATABASE_URL at a database file.",
        )
    return Path(database)


def copy_database(source: Path, target: Path) -> None:
    """A consistent page-by-page copy of `source` into `target` (which it replaces)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def dump(url: str, target: Path) -> tuple[str | None, dict[str, int]]:
    """Back up the database to `target`; returns the copy's schema revision and row counts."""
    source = database_path(url)
    if not source.is_file():
        raise ConfigurationError(
            f"The database file {source} does not exist.", "Check DOWNTOWN_SNAP_DATABASE_URL."
        )
    copy_database(source, target)
    return describe(target)


def describe(path: Path) -> tuple[str | None, dict[str, int]]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return schema_revision(connection), table_counts(connection)
    finally:
        engine.dispose()


def restore(dump_file: Path, url: str) -> None:
    """Replace the database at `url` by the backed-up copy, page by page."""
    copy_database(dump_file, database_path(url))
