"""Dependencies of the public routers: the contest on show and the request's language."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from contest.errors import UserFacingError
from contest.models import Contest
from contest.services import resolve_contest
from web.deps import SessionDep, SettingsDep
from web.i18n import I18n, i18n_for
from web.site import remember_contest

log = logging.getLogger(__name__)


def get_contest(request: Request, session: SessionDep, settings: SettingsDep) -> Contest:
    """The only contest in the database, or the one `DOWNTOWN_SNAP_CONTEST` names.

    Without one, visitors get the "not available yet" page (503); the operator's fix is in the
    server log, not shown to the public.
    """
    try:
        contest = resolve_contest(session, settings.contest)
    except UserFacingError as error:
        log.warning("public page without a contest: %s", error)
        raise HTTPException(status_code=503) from error
    remember_contest(request, contest)
    return contest


def get_i18n(request: Request) -> I18n:
    return i18n_for(request)


ContestDep = Annotated[Contest, Depends(get_contest)]
I18nDep = Annotated[I18n, Depends(get_i18n)]
