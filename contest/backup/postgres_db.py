"""PostgreSQL: `pg_dump -Fc` and `pg_restore`, connected through libpq environment variables.

The connection details never appear on a command line (where `ps` shows them to every user):
host, port, user, password and database go into the child's environment as PGHOST, PGPORT,
PGUSER, PGPASSWORD and PGDATABASE. The dump runs inside an exported snapshot, so the row
counts in the manifest describe exactly the dumped data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from contest.backup.snapshot import schema_revision, table_counts
from contest.db import make_engine, normalise_database_url
from contest.errors import UserFacingError
from contest.models import Base

# libpq query parameters that have an environment variable of their own.
_QUERY_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
# A restore waits at most this long for a lock (a running web app holds some).
LOCK_TIMEOUT_MS = 30_000


def libpq_environment(url: URL | str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for pg_dump/pg_restore: the caller's, minus any PG*, plus the URL's."""
    parsed = make_url(normalise_database_url(url)) if isinstance(url, str) else url
    environment = {
        key: value
        for key, value in (os.environ if base is None else base).items()
        if not key.startswith("PG")
    }
    for name, value in (
        ("PGHOST", parsed.host),
        ("PGPORT", parsed.port),
        ("PGUSER", parsed.username),
        ("PGPASSWORD", parsed.password),
        ("PGDATABASE", parsed.database),
    ):
        if value is not None and value != "":
            environment[name] = str(value)
    for key, value in parsed.query.items():
        variable = _QUERY_ENVIRONMENT.get(key)
        if variable:
            environment[variable] = ",".join(value) if isinstance(value, tuple) else str(value)
    return environment


def conninfo_dbname(database: str) -> str:
    """`dbname='...'` in libpq's quoting, so no database name is read as an option or conninfo."""
    escaped = database.replace("\\", "\\\\").replace("'", "\\'")
    return f"dbname='{escaped}'"


def dump_command(snapshot: str | None, target: Path) -> list[str]:
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    return command


def restore_command(database: str, dump_file: Path) -> list[str]:
    return [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={conninfo_dbname(database)}",
        str(dump_file),
    ]


def _run(command: Sequence[str], environment: dict[str, str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise UserFacingError(
            f"{command[0]} is not installed, so the PostgreSQL database cannot be {what}.",
            "Install the PostgreSQL client tools of the server's major version "
            "(Debian: apt-get install postgresql-client).",
        )
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (
            " ".join(result.stderr.strip().splitlines()[-3:]) or f"exit code {result.returncode}"
        )
        raise UserFacingError(
            f"{command[0]} failed: {detail}",
            "Check DOWNTOWN_SNAP_DATABASE_URL and that the client tools match the server version.",
        )


def dump(url: str, target: Path) -> tuple[str | None, dict[str, int]]:
    """Dump the database to `target`; revision and counts come from the dump's own snapshot."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                snapshot = connection.scalar(text("SELECT pg_export_snapshot()"))
                revision = schema_revision(connection)
                counts = table_counts(connection)
                _run(dump_command(snapshot, target), libpq_environment(engine.url), "backed up")
    finally:
        engine.dispose()
    return revision, counts


def restore(dump_file: Path, url: str, tables_in_backup: set[str]) -> None:
    """Restore the dump into the database at `url` in one transaction (empty or not).

    Application tables the backup does not have (added by a later migration) are dropped
    afterwards, so upgrading the restored schema creates them afresh.
    """
    parsed = make_url(normalise_database_url(url))
    environment = libpq_environment(parsed)
    environment["PGOPTIONS"] = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    _run(restore_command(parsed.database or "", dump_file), environment, "restored")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            present = set(inspect(connection).get_table_names())
            stale = (present & set(Base.metadata.tables)) - tables_in_backup
            for table in reversed(Base.metadata.sorted_tables):
                if table.name in stale:
                    table.drop(connection)
    finally:
        engine.dispose()
