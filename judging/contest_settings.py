"""The judging-relevant settings of a contest, read from its contest file.

The contest file belongs to `rules`; judging only reads the shortlist size, the number of prize
places, the likes freeze moment and the name of a tie-break rule (if the organiser chose one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contest.errors import ConfigurationError
from contest.models import Contest
from rules.contest_file import ContestFileError, parse_contest_text

# Tie-break rules by the names the contest file uses (`[judging] tie_break`); "organiser" (the
# default) means no rule: people decide every tie that matters, with a recorded note.
TIE_BREAK_RULES: dict[str, str] = {
    "most_likes": "more likes at the shortlist freeze, then the earlier post",
    "earliest_post": "the earlier post (posting time on Instagram)",
}
TIE_BREAK_RULES_DE: dict[str, str] = {
    "most_likes": "mehr Likes zum Stichtag der Endauswahl, danach der frühere Beitrag",
    "earliest_post": "der früher veröffentlichte Beitrag",
}
_ALIASES: dict[str, str | None] = {
    "": None,
    "none": None,
    "organiser": None,
    "organizer": None,
    "manual": None,
    "likes": "most_likes",
    "most_likes": "most_likes",
    "more_likes": "most_likes",
    "earliest_post": "earliest_post",
    "earlier_post": "earliest_post",
    "posted_at": "earliest_post",
    "posting_time": "earliest_post",
}


@dataclass(frozen=True)
class JudgingSettings:
    """What judging needs from the contest file; tests build it directly."""

    shortlist_size: int = 50
    places: int = 10
    likes_freeze_at: datetime | None = None
    tie_break: str | None = None  # a key of TIE_BREAK_RULES, or None: organisers decide
    time_zone: str = "Europe/Berlin"  # for dates in the protocol and on the command line


def canonical_tie_break(name: object) -> str | None:
    """Map the contest file's value (a string or the rules' enum) to a rule, or refuse clearly."""
    if name is None:
        return None
    text = str(getattr(name, "value", name))
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _ALIASES:
        known = ", ".join(["organiser", *TIE_BREAK_RULES])
        raise ConfigurationError(
            f"The contest file names the tie-break rule {text!r}, which judging does not know.",
            f"Use one of: {known} (organiser: people decide every tie with a note).",
        )
    return _ALIASES[key]


def judging_settings(contest: Contest) -> JudgingSettings:
    """Parse the contest's stored contest file; the tie-break field is optional."""
    try:
        rules = parse_contest_text(contest.rules_toml, origin=f"contest {contest.slug}")
    except ContestFileError as error:
        raise ConfigurationError(
            str(error), "Fix the contest file and load it again with downtown-snap init."
        ) from error
    return JudgingSettings(
        shortlist_size=int(rules.shortlist_size),
        places=int(rules.places),
        likes_freeze_at=rules.likes_freeze_at,
        tie_break=canonical_tie_break(getattr(rules, "tie_break", None)),
        time_zone=str(getattr(rules, "time_zone", "Europe/Berlin")),
    )
