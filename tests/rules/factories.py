"""Factories for the rules tests: a post that the 2025 preset accepts, changed per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from rules.contest_file import load_contest_file
from rules.contest_rules import ContestRules
from rules.facts import PostFacts
from rules.gazetteer import Gazetteer, load_gazetteer
from tests.paths import PRESET

BERLIN = ZoneInfo("Europe/Berlin")
GOOD_CAPTION = "Der Hauptmarkt in #Gotha am Abend #ThüringenDownTown @downtownsnaps_th"


def berlin(*parts: int) -> datetime:
    """A Berlin wall-clock time as the aware UTC moment Instagram would report."""
    return datetime(*parts, tzinfo=BERLIN).astimezone(UTC)  # type: ignore[misc]


def preset() -> ContestRules:
    return load_contest_file(PRESET)


def gazetteer() -> Gazetteer:
    return load_gazetteer()


def post(shortcode: str = "GOOD1", **changes: Any) -> PostFacts:
    """A post the preset accepts (Gotha, in the period, hashtag, mention, big enough photo)."""
    base = PostFacts(
        shortcode=shortcode,
        username="anna.foto",
        posted_at=berlin(2025, 5, 20, 18, 30),
        caption=GOOD_CAPTION,
        hashtags=("gotha", "thüringendowntown"),
        mentions=("downtownsnaps_th",),
        width=1080,
        height=1350,
    )
    return replace(base, **changes)
