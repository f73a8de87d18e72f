"""What a database snapshot holds, read on one connection: schema revision and row counts."""

from __future__ import annotations

from sqlalchemy import Connection, column, func, inspect, select, table

from contest.models import Base


def schema_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.scalar(select(column("version_num")).select_from(table("alembic_version")))


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows per application table present in the database (tables the code knows)."""
    present = set(inspect(connection).get_table_names())
    return {
        name: int(connection.scalar(select(func.count()).select_from(Base.metadata.tables[name])))
        for name in sorted(present & set(Base.metadata.tables))
    }
