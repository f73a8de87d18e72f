"""Database engine and sessions.

One engine per process, one session per request or job; the caller that opens the session owns
the transaction (services never commit).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from contest.errors import ConfigurationError


def normalise_database_url(url: str) -> str:
    """Accept the URLs people copy from docs: `postgresql://` means psycopg 3 here."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str) -> Engine:
    """Create the engine; for SQLite, create the folder and switch on WAL and foreign keys."""
    url = normalise_database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ConfigurationError(
            f"DOWNTOWN_SNAP_DATABASE_URL is not a database URL: {url!r}.",
            "Use sqlite:///var/downtown-snap.sqlite3 or postgresql://user:pass@host/db.",
        ) from error
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise ConfigurationError(
            f"Unsupported database {backend!r} in DOWNTOWN_SNAP_DATABASE_URL.",
            "Downtown-Snap runs on SQLite (default) or PostgreSQL.",
        )
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).resolve().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ConfigurationError(
                    f"Cannot create the database folder {folder}: {error.strerror}.",
                    "Point DOWNTOWN_SNAP_DATABASE_URL at a writable place.",
                ) from error
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as error:  # pragma: no cover - depends on installation
        raise ConfigurationError(
            f"The PostgreSQL driver is missing: {error}.", "pip install 'psycopg[binary]'"
        ) from error


def _configure_sqlite_connection(dbapi_connection: object, _record: object) -> None:
    # Python's sqlite3 module starts transactions lazily and on its own, which breaks
    # SAVEPOINTs (releasing the first one commits); SQLAlchemy emits BEGIN instead, below.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# Execution option for SQLite: "IMMEDIATE" takes the write lock at BEGIN. A transaction that
# reads first and writes later cannot wait for the lock under WAL once another writer has
# committed (its snapshot is stale: "database is locked" at once, despite the busy timeout);
# one that starts IMMEDIATE waits its turn. Web requests that write set it (web.deps).
SQLITE_BEGIN = "sqlite_begin"


def _begin_sqlite_transaction(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(SQLITE_BEGIN) == "IMMEDIATE"
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
