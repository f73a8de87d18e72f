"""Dependencies of the public routers: the contest on show and the request's language."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from contest.models import Contest
from contest.services import resolve_contest
from web.deps import SessionDep, SettingsDep
from web.i18n import I18n, i18n_for
from web.site import remember_contest


def get_contest(request: Request, session: SessionDep, settings: SettingsDep) -> Contest:
    """The only contest in the database, or the one `DOWNTOWN_SNAP_CONTEST` names."""
    contest = resolve_contest(session, settings.contest)
    remember_contest(request, contest)
    return contest


def get_i18n(request: Request) -> I18n:
    return i18n_for(request)


ContestDep = Annotated[Contest, Depends(get_contest)]
I18nDep = Annotated[I18n, Depends(get_i18n)]
