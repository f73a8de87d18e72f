"""The one place where the web app reads from `rules`: reason texts, the gazetteer, contest files.

The rules package grows in parallel; this adapter keeps the pages working while a piece is missing
(a reason code without a text, no gazetteer file yet, a contest file the parser refuses) by
falling back to plain wording instead of failing the page.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from web.i18n import N_, translations_for

log = logging.getLogger(__name__)

FALLBACK_EXPLANATION = N_("The organisers flagged this post with the code shown above.")
FALLBACK_ADVICE = N_("If you think this is a mistake, write to the organisers (see the imprint).")


@dataclass(frozen=True)
class ReasonText:
    """A reason code in plain words: what it means and what the participant can do."""

    title: str
    explanation: str
    advice: str


@dataclass(frozen=True)
class TownPoint:
    """A gazetteer town, as far as the web app needs it (map position and size)."""

    name: str
    lat: float
    lon: float
    population: int | None = None
    district: str | None = None


def _optional_module(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def explain_reason(code: str, language: str) -> ReasonText:
    """`rules.reasons.explain` when it knows the code; otherwise a generic, honest text."""
    reasons = _optional_module("rules.reasons")
    if reasons is not None and hasattr(reasons, "explain"):
        try:
            found = reasons.explain(code, language)
        except (KeyError, ValueError, LookupError):
            found = None
        if found is not None:
            return ReasonText(
                title=str(found.title),
                explanation=str(found.explanation),
                advice=str(found.advice),
            )
    translations = translations_for(language)
    return ReasonText(
        title=code,
        explanation=translations.gettext(FALLBACK_EXPLANATION),
        advice=translations.gettext(FALLBACK_ADVICE),
    )


@lru_cache(maxsize=1)
def gazetteer_towns() -> tuple[TownPoint, ...]:
    """Every town of the gazetteer with coordinates; empty when no gazetteer is available."""
    gazetteer_module = _optional_module("rules.gazetteer")
    if gazetteer_module is None or not hasattr(gazetteer_module, "load_gazetteer"):
        return ()
    try:
        gazetteer = gazetteer_module.load_gazetteer()
    except (OSError, ValueError) as error:
        log.warning("gazetteer not available for the town map: %s", error)
        return ()
    towns = []
    for town in gazetteer.towns:
        if town.lat is None or town.lon is None:
            continue
        towns.append(
            TownPoint(
                name=town.name,
                lat=float(town.lat),
                lon=float(town.lon),
                population=getattr(town, "population", None),
                district=getattr(town, "district", None),
            )
        )
    return tuple(towns)


@lru_cache(maxsize=4)
def contest_rules(rules_toml: str) -> Any | None:
    """The parsed contest file (`rules.contest_file.ContestRules`), or None if it does not parse."""
    from rules.contest_file import ContestFileError, parse_contest_text

    try:
        return parse_contest_text(rules_toml, origin="contest file")
    except (ContestFileError, ValueError) as error:
        log.warning("contest file does not parse for the web pages: %s", error)
        return None
