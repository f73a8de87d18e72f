"""Shared fixtures: a migrated test database (SQLite, or PostgreSQL when
DOWNTOWN_SNAP_TEST_DATABASE_URL says so), per-test rollback, isolated settings, and no network."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from contest.db import make_engine, normalise_database_url
from contest.schema import upgrade_to_head
from contest.settings import Settings, get_settings

TEST_DATABASE_URL = os.environ.get("DOWNTOWN_SNAP_TEST_DATABASE_URL") or ""
ON_POSTGRES = TEST_DATABASE_URL.startswith(("postgres", "postgresql"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach the internet; loopback stays open for in-test servers."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and (
            host in {"localhost", "::1"} or host.startswith("127.") or "/" in host
        ):
            return real_connect(self, address)
        raise OSError(f"network access blocked in tests: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


def _create_database(name: str) -> str:
    """A new, empty database on the configured server (PostgreSQL) or a new file (SQLite)."""
    if not ON_POSTGRES:
        raise AssertionError("only for PostgreSQL")
    url = make_url(normalise_database_url(TEST_DATABASE_URL))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_database(name: str) -> None:
    url = make_url(normalise_database_url(TEST_DATABASE_URL))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The session-wide test database, migrated once."""
    if ON_POSTGRES:
        name = f"dsnap_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        url = _create_database(name)
        yield url
        _drop_database(name)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, even if the code under test commits."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty, unmigrated database of its own, for tests of commands that commit."""
    if ON_POSTGRES:
        name = f"dsnap_f_{uuid.uuid4().hex[:10]}"
        yield _create_database(name)
        _drop_database(name)
    else:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"


@pytest.fixture
def app_env(
    fresh_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Point the environment (as the CLI reads it) at a fresh database and data directory."""
    monkeypatch.setenv("DOWNTOWN_SNAP_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("DOWNTOWN_SNAP_DATA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("DOWNTOWN_SNAP_ENV", "test")
    monkeypatch.setenv("DOWNTOWN_SNAP_SECRET_KEY", "test-secret-" + "x" * 32)
    monkeypatch.delenv("DOWNTOWN_SNAP_CONTEST", raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for in-process use on the shared test database."""
    return Settings(
        database_url=database_url,
        data_dir=tmp_path / "media",
        env="test",
        secret_key="test-secret-" + "x" * 32,
        _env_file=None,
    )
