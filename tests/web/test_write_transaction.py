"""`web.deps.begin_for_writing`: on SQLite a form post's transaction begins IMMEDIATE, posts of
one process take turns, and each commits (or rolls back) before the next one begins."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from contest.db import SQLITE_BEGIN, make_engine
from web.deps import begin_for_writing

T = TypeVar("T")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'deps.sqlite3'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE counter (n INTEGER)")
        connection.exec_driver_sql("INSERT INTO counter VALUES (0)")
    yield engine
    engine.dispose()


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine in a loop of its own thread (the browser tests keep one running here)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def request(method: str, app: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(method=method, app=app)


def test_a_get_changes_nothing(engine: Engine) -> None:
    async def check() -> bool:
        with Session(engine) as session:
            steps = begin_for_writing(
                request("GET", SimpleNamespace(state=SimpleNamespace())), session
            )
            await steps.__anext__()
            return session.in_transaction()

    assert run(check()) is False


def test_posts_take_turns_and_commit(engine: Engine) -> None:
    app = SimpleNamespace(state=SimpleNamespace())
    seen: list[str] = []

    async def post(name: str) -> None:
        with Session(engine) as session:
            steps = begin_for_writing(request("POST", app), session)
            await steps.__anext__()
            options = session.connection().get_execution_options()
            assert options[SQLITE_BEGIN] == "IMMEDIATE"
            seen.append(f"{name} in")
            session.execute(text("UPDATE counter SET n = n + 1"))
            await asyncio.sleep(0.01)  # the other post must wait meanwhile
            seen.append(f"{name} out")
            with pytest.raises(StopAsyncIteration):
                await steps.__anext__()

    async def both() -> None:
        await asyncio.gather(post("a"), post("b"))

    run(both())
    assert seen in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT n FROM counter").scalar_one() == 2


def test_a_failed_post_rolls_back(engine: Engine) -> None:
    async def check() -> None:
        with Session(engine) as session:
            steps = begin_for_writing(
                request("POST", SimpleNamespace(state=SimpleNamespace())), session
            )
            await steps.__anext__()
            session.execute(text("UPDATE counter SET n = 99"))
            with pytest.raises(ValueError):
                await steps.athrow(ValueError("the handler failed"))

    run(check())
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT n FROM counter").scalar_one() == 0
