"""An installation with committed contest data on a database of its own, and ways to compare
its whole state before and after a round trip."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, select

from contest.db import make_engine, make_session_factory, transaction
from contest.models import Base
from contest.schema import upgrade_to_head
from contest.settings import Settings
from privacy.tables import jsonable
from tests.privacy.residue import file_hashes
from tests.privacy.world import World, build_world


@dataclass
class Installation:
    settings: Settings
    engine: Engine
    world: World

    def session(self) -> Any:
        return transaction(make_session_factory(self.engine))

    def state(self) -> dict[str, Any]:
        """Every row of every table, plus every file's checksum under the data directory."""
        rows: dict[str, list[tuple[Any, ...]]] = {}
        with self.engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                query = select(table).order_by(*table.primary_key.columns)
                if table.name == "audit_events":
                    query = query.where(table.c.action != "backup.restored")
                rows[table.name] = [
                    tuple(jsonable(value) for value in row) for row in connection.execute(query)
                ]
        return {"rows": rows, "files": sorted(file_hashes(self.settings.data_dir))}

    def wipe(self) -> None:
        """Leave an empty database (no tables at all) and no data directory."""
        self.engine.dispose()
        reflected = MetaData()
        with self.engine.begin() as connection:
            reflected.reflect(connection)
            reflected.drop_all(connection)
        shutil.rmtree(self.settings.data_dir, ignore_errors=True)


@pytest.fixture
def installation(fresh_database_url: str, tmp_path: Path) -> Iterator[Installation]:
    settings = Settings(
        database_url=fresh_database_url,
        data_dir=tmp_path / "media",
        env="test",
        secret_key="test-secret-" + "x" * 32,
        _env_file=None,
    )
    engine = make_engine(fresh_database_url)
    upgrade_to_head(engine)
    with transaction(make_session_factory(engine)) as session:
        world = build_world(session, settings.data_dir)
    yield Installation(settings, engine, world)
    engine.dispose()


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder
