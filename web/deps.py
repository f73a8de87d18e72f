"""Dependencies shared by the routers: settings and one database session per request."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from contest.db import SQLITE_BEGIN
from contest.settings import Settings


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    """The request owns the transaction: commit when the handler returns, roll back on error.

    Scoped to the handler (see `SessionDep`), so the commit happens before the response leaves:
    a browser following a redirect never reads the state from before its own form post.
    """
    session: Session = request.app.state.sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def begin_for_writing(request: Request, session: SessionDep) -> AsyncIterator[None]:
    """Put first in a router's dependencies, so a form post's transaction starts ready to write.

    SQLite has one writer at a time. A transaction that reads first and writes later fails at
    once ("database is locked") when another writer committed in between, so a post begins
    IMMEDIATE, taking the write lock up front. Posts of this process queue for it in order on
    an asyncio lock (prompt hand-over, and no worker threads held while waiting) and commit
    before letting the next one in; other processes wait in SQLite's busy timeout. PostgreSQL
    needs none of this.
    """
    if (
        request.method in ("GET", "HEAD", "OPTIONS")
        or session.in_transaction()
        or session.get_bind().dialect.name != "sqlite"
    ):
        yield
        return
    state = request.app.state
    writers = getattr(state, "sqlite_writers", None)
    if writers is None:
        writers = state.sqlite_writers = asyncio.Lock()
    async with writers:
        await run_in_threadpool(session.connection, execution_options={SQLITE_BEGIN: "IMMEDIATE"})
        try:
            yield
        except BaseException:
            await run_in_threadpool(session.rollback)
            raise
        await run_in_threadpool(session.commit)


WriteTransaction = Depends(begin_for_writing, scope="function")
