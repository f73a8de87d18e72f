"""The contest's time zone: console dates are shown in it, and typed dates are read in it."""

from __future__ import annotations

import functools
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from contest.models import Contest
from rules.contest_file import ContestFileError, parse_contest_text

DEFAULT_TIME_ZONE = "Europe/Berlin"


def contest_time_zone(contest: Contest) -> ZoneInfo:
    """The contest file's time zone (Berlin when the file cannot be read)."""
    return _time_zone_of(contest.rules_toml)


@functools.lru_cache(maxsize=8)
def _time_zone_of(rules_toml: str) -> ZoneInfo:
    """Parsed once per contest file text, not on every page view."""
    try:
        return ZoneInfo(str(parse_contest_text(rules_toml).time_zone))
    except (ContestFileError, ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)
