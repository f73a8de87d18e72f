"""What every command needs: settings, a migrated database, the contest, and clear errors."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from contest.db import make_engine, make_session_factory, transaction
from contest.errors import UserFacingError
from contest.models import Contest
from contest.schema import require_current_schema
from contest.services import resolve_contest
from contest.settings import Settings, get_settings

console = Console()
error_console = Console(stderr=True, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")

CONTEST_OPTION_HELP = "Contest slug; optional when the database holds exactly one contest."
CLI_ACTOR = "cli"


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        with transaction(self.sessions) as session:
            yield session

    def contest(self, session: Session, slug: str | None) -> Contest:
        return resolve_contest(session, slug or self.settings.contest)


def open_runtime(*, require_schema: bool = True) -> Runtime:
    """Settings plus engine; by default refuses a database that is not migrated."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    if require_schema:
        require_current_schema(engine)
    return Runtime(settings, engine, make_session_factory(engine))


def friendly_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a `UserFacingError` into one red line and its exit code instead of a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except UserFacingError as error:
            # Messages quote file names and values from outside; brackets in them are text.
            error_console.print(f"[bold red]Error:[/] {escape(error.message)}", highlight=False)
            if error.hint:
                error_console.print(f"[yellow]→[/] {escape(error.hint)}", highlight=False)
            raise typer.Exit(error.exit_code) from error

    return wrapper
