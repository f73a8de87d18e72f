"""The few contest settings ingestion needs, read from the contest's stored contest file."""

from __future__ import annotations

from contest.errors import ConfigurationError
from contest.models import Contest
from rules.contest_file import ContestFileError, ContestRules, parse_contest_text


def rules_of(contest: Contest) -> ContestRules:
    """Parse the contest file kept with the contest (hashtags, freeze, duplicate distances)."""
    try:
        return parse_contest_text(contest.rules_toml, origin=f"contest {contest.slug}")
    except ContestFileError as error:
        raise ConfigurationError(
            str(error), "Fix the contest file and load it again with downtown-snap init."
        ) from error
