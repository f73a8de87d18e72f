"""What every page shares: the contest's name, the organiser, the navigation, the language switch.

Given to every template by a context processor, so pages of all routers (public, jury, admin)
render the same layout without each handler passing it along.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request

from contest.models import Contest
from web.i18n import LANGUAGE_NAMES, N_, i18n_for, template_callables

SITE_CACHE_SECONDS = 30.0
_STATE_KEY = "site"


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str  # English msgid, translated in the layout


PUBLIC_NAV = (
    NavItem("/", N_("Gallery")),
    NavItem("/towns", N_("Towns")),
    NavItem("/winners", N_("Winners")),
    NavItem("/status", N_("My entries")),
)


@dataclass(frozen=True)
class SiteInfo:
    """The contest and organiser as the header and footer show them."""

    contest_name: str
    organiser_name: str


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str


def remember_contest(request: Request, contest: Contest) -> None:
    """Pages that loaded the contest anyway hand it to the layout (no second query)."""
    request.scope.setdefault("state", {})[_STATE_KEY] = SiteInfo(
        contest_name=contest.name, organiser_name=request.app.state.settings.organiser_name
    )


def site_info(request: Request) -> SiteInfo:
    found = request.scope.get("state", {}).get(_STATE_KEY)
    if isinstance(found, SiteInfo):
        return found
    return _cached_site_info(request)


def _cached_site_info(request: Request) -> SiteInfo:
    """For pages that did not load the contest (errors, admin): a short-lived per-app cache."""
    state = request.app.state
    settings = state.settings
    cached: tuple[float, SiteInfo] | None = getattr(state, "site_cache", None)
    now = time.monotonic()
    if cached and now - cached[0] < SITE_CACHE_SECONDS:
        return cached[1]
    name = "Downtown-Snap"
    try:
        with state.sessions() as session:
            query = select(Contest.name).order_by(Contest.id).limit(1)
            if settings.contest:
                query = query.where(Contest.slug == settings.contest)
            name = session.scalar(query) or name
    except SQLAlchemyError:
        pass
    info = SiteInfo(contest_name=name, organiser_name=settings.organiser_name)
    state.site_cache = (now, info)
    return info


def language_links(request: Request) -> list[LanguageLink]:
    """The current page in each other language (query string kept, page number included)."""
    i18n = i18n_for(request)
    links = []
    for code in i18n.other_languages:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
        params.append(("lang", code))
        url = f"{request.url.path}?{urlencode(params)}"
        links.append(LanguageLink(code, LANGUAGE_NAMES[code], url))
    return links


def chrome(request: Request) -> dict[str, Any]:
    """Context processor: the request's gettext callables and what `layout.html` needs."""
    i18n = i18n_for(request)
    return {
        **template_callables(i18n.language),
        "i18n": i18n,
        "site": site_info(request),
        "nav": PUBLIC_NAV,
        "current_path": request.url.path,
        "language_links": language_links(request),
    }
