"""`/terms`, `/imprint` and `/privacy`: the contest in brief and the organiser's legal pages.

The terms summary is read from the contest file; imprint and privacy texts are filled from the
organiser's settings (`DOWNTOWN_SNAP_ORGANISER_*`, `DOWNTOWN_SNAP_PRIVACY_CONTACT`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.deps import SettingsDep
from web.public_context import ContestDep
from web.rules_bridge import contest_rules
from web.templating import render

router = APIRouter()


@dataclass(frozen=True)
class Organiser:
    name: str
    address_lines: tuple[str, ...]
    email: str
    privacy_contact: str


@dataclass(frozen=True)
class TermsPage:
    contest_name: str
    opens_at: datetime | None
    closes_at: datetime | None
    hashtags: tuple[str, ...]
    required_mentions: tuple[str, ...]
    entries_per_account: int | None
    min_age: int | None
    min_image_side: int | None
    shortlist_size: int | None
    places: int | None
    min_population: int | None
    max_population: int | None
    eligible_towns: tuple[str, ...]  # an explicit list in the contest file replaces the range
    terms_url: str | None
    organiser: Organiser


@dataclass(frozen=True)
class LegalPage:
    contest_name: str
    organiser: Organiser
    retention_days: int | None
    delete_after: datetime | None  # closing time plus the retention period


def organiser_from(settings: Any) -> Organiser:
    lines = tuple(
        line.strip()
        for line in settings.organiser_address.replace(";", "\n").splitlines()
        if line.strip()
    )
    return Organiser(
        name=settings.organiser_name,
        address_lines=lines,
        email=settings.organiser_email.strip(),
        privacy_contact=settings.privacy_contact.strip(),
    )


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value or ())


@router.get("/terms")
def terms(request: Request, contest: ContestDep, settings: SettingsDep) -> Response:
    rules = contest_rules(contest.rules_toml)
    population = getattr(rules, "eligible_population", None) or (None, None)
    page = TermsPage(
        contest_name=contest.name,
        opens_at=getattr(rules, "opens_at", None),
        closes_at=getattr(rules, "closes_at", None),
        hashtags=_tuple(getattr(rules, "hashtags", ())),
        required_mentions=_tuple(getattr(rules, "required_mentions", ())),
        entries_per_account=getattr(rules, "entries_per_account", None),
        min_age=getattr(rules, "min_age", None),
        min_image_side=getattr(rules, "min_image_side", None),
        shortlist_size=getattr(rules, "shortlist_size", None),
        places=getattr(rules, "places", None),
        min_population=population[0],
        max_population=population[1],
        eligible_towns=_tuple(getattr(rules, "eligible_towns", None)),
        terms_url=getattr(rules, "terms_url", None),
        organiser=organiser_from(settings),
    )
    return render(request, "terms.html", page)


def _legal_page(contest: Any, settings: Any) -> LegalPage:
    rules = contest_rules(contest.rules_toml)
    retention = getattr(rules, "retention_days", None)
    closes_at = getattr(rules, "closes_at", None)
    delete_after = closes_at + timedelta(days=retention) if closes_at and retention else None
    return LegalPage(
        contest_name=contest.name,
        organiser=organiser_from(settings),
        retention_days=retention,
        delete_after=delete_after,
    )


@router.get("/imprint")
def imprint(request: Request, contest: ContestDep, settings: SettingsDep) -> Response:
    return render(request, "imprint.html", _legal_page(contest, settings))


@router.get("/privacy")
def privacy(request: Request, contest: ContestDep, settings: SettingsDep) -> Response:
    return render(request, "privacy.html", _legal_page(contest, settings))
