"""pg_dump and pg_restore get the connection through the environment, never the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from contest.backup import postgres_db
from contest.backup.postgres_db import (
    conninfo_dbname,
    dump_command,
    libpq_environment,
    restore_command,
)
from contest.errors import UserFacingError
from tests.conftest import ON_POSTGRES

URL = (
    "postgresql://snap:pa ss'w0rd@db.internal:5433/downtown_snap?sslmode=require&connect_timeout=5"
)


def test_connection_details_go_into_the_environment() -> None:
    environment = libpq_environment(URL, base={"PATH": "/usr/bin", "PGPASSWORD": "stale"})
    assert environment == {
        "PATH": "/usr/bin",
        "PGHOST": "db.internal",
        "PGPORT": "5433",
        "PGUSER": "snap",
        "PGPASSWORD": "pa ss'w0rd",
        "PGDATABASE": "downtown_snap",
        "PGSSLMODE": "require",
        "PGCONNECT_TIMEOUT": "5",
    }


def test_a_unix_socket_host_in_the_query_is_honoured() -> None:
    environment = libpq_environment("postgresql:///snap?host=/run/postgresql", base={})
    assert environment == {"PGHOST": "/run/postgresql", "PGDATABASE": "snap"}


def test_the_password_is_on_no_command_line(tmp_path: Path) -> None:
    commands = [
        dump_command("00000003-0000001B-1", tmp_path / "db.pgdump"),
        restore_command("downtown_snap", tmp_path / "db.pgdump"),
    ]
    for command in commands:
        assert not any("pa ss" in part or "db.internal" in part for part in command)
    assert "--clean" in commands[1] and "--if-exists" in commands[1]
    assert "--format=custom" in commands[0]


@pytest.mark.parametrize(
    ("database", "expected"),
    [
        ("downtown_snap", "dbname='downtown_snap'"),
        ("-h evil", "dbname='-h evil'"),
        ("host=evil dbname=x", "dbname='host=evil dbname=x'"),
        ("it's", r"dbname='it\'s'"),
        ("back\\slash", r"dbname='back\\slash'"),
    ],
)
def test_database_names_cannot_become_options(database: str, expected: str) -> None:
    assert conninfo_dbname(database) == expected


def test_missing_client_tools_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(postgres_db.shutil, "which", lambda name: None)
    with pytest.raises(UserFacingError, match="postgresql-client"):
        postgres_db._run(["pg_dump"], {}, "backed up")


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL")
def test_a_wrong_password_is_one_clear_error_without_the_password(
    fresh_database_url: str, tmp_path: Path
) -> None:
    from sqlalchemy.engine import make_url

    wrong = make_url(fresh_database_url).set(password="not-the-password-42")
    with pytest.raises(UserFacingError) as raised:
        postgres_db._run(
            dump_command(None, tmp_path / "x.pgdump"), libpq_environment(wrong), "backed up"
        )
    assert "pg_dump failed" in str(raised.value)
    assert "not-the-password-42" not in str(raised.value)
