"""Dependencies shared by the routers: settings and one database session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from contest.db import SQLITE_BEGIN
from contest.settings import Settings


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    """The request owns the transaction: commit when the handler returns, roll back on error."""
    session: Session = request.app.state.sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def begin_for_writing(request: Request, session: SessionDep) -> None:
    """Put first in a router's dependencies: a form post's transaction then starts ready to
    write (SQLite: BEGIN IMMEDIATE), so concurrent posts queue for the lock instead of failing
    with "database is locked" when they write after reading. Other databases ignore it."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and not session.in_transaction():
        session.connection(execution_options={SQLITE_BEGIN: "IMMEDIATE"})


WriteTransaction = Depends(begin_for_writing)
