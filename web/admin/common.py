"""What every console page shares: the contest in view, paging, and page rendering."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from contest.models import Contest
from contest.services import resolve_contest
from web.admin.formatting import Formatter
from web.admin.time_zone import contest_time_zone
from web.auth.pages import Notice, language, render
from web.deps import SessionDep, SettingsDep

T = TypeVar("T")
PAGE_SIZE = 50


def current_contest(session: SessionDep, settings: SettingsDep) -> Contest:
    """The contest the console shows: DOWNTOWN_SNAP_CONTEST, or the only one in the database."""
    return resolve_contest(session, settings.contest)


ContestDep = Annotated[Contest, Depends(current_contest)]


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a filtered list; `link(n)` keeps the filters in the URL."""

    items: Sequence[T]
    number: int
    size: int
    total: int
    base_query: Mapping[str, str]

    @property
    def count(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def first_index(self) -> int:
        return 0 if self.total == 0 else (self.number - 1) * self.size + 1

    @property
    def last_index(self) -> int:
        return min(self.total, self.number * self.size)

    def link(self, number: int) -> str:
        query = {key: value for key, value in self.base_query.items() if value}
        if number > 1:
            query["page"] = str(number)
        return "?" + urlencode(query) if query else "?"


def paginate(
    session: Session,
    query: Select[Any],
    *,
    page: int,
    base_query: Mapping[str, str],
    size: int = PAGE_SIZE,
) -> Page[Any]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    count = max(1, math.ceil(total / size))
    number = min(max(1, page), count)
    items = session.scalars(query.limit(size).offset((number - 1) * size)).all()
    return Page(items=items, number=number, size=size, total=total, base_query=base_query)


def render_console(
    request: Request,
    template: str,
    contest: Contest,
    *,
    section: str,
    notice: Notice | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render a console page with the contest, the active section and a locale formatter."""
    formatter = Formatter.for_language(language(request), contest_time_zone(contest))
    return render(
        request,
        template,
        {"contest": contest, "section": section, "fmt": formatter, "notice": notice, **context},
        status_code=status_code,
    )


def with_notice(url: str, code: str) -> str:
    """The URL with `notice=code` in place of any notice it carried already."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "notice"]
    query.append(("notice", code))
    return f"{parts.path}?{urlencode(query)}"
