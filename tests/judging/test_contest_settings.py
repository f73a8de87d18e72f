"""Judging reads its settings from the contest file; tie-break names are checked early."""

from __future__ import annotations

import pytest

from contest.errors import ConfigurationError
from contest.models import Contest
from judging.contest_settings import canonical_tie_break, judging_settings
from tests.paths import PRESET


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        (None, None),
        ("none", None),
        ("Organiser", None),
        ("most_likes", "most_likes"),
        ("Most-Likes", "most_likes"),
        ("likes", "most_likes"),
        ("earliest_post", "earliest_post"),
        ("posted_at", "earliest_post"),
    ],
)
def test_tie_break_names(name, rule) -> None:
    assert canonical_tie_break(name) == rule


def test_the_rules_enum_is_understood() -> None:
    from enum import StrEnum

    class TieBreak(StrEnum):  # the shape `rules` uses for `[judging] tie_break`
        organiser = "organiser"
        most_likes = "most_likes"

    assert canonical_tie_break(TieBreak.most_likes) == "most_likes"
    assert canonical_tie_break(TieBreak.organiser) is None


def test_unknown_tie_break_is_refused_with_the_known_names() -> None:
    with pytest.raises(ConfigurationError) as raised:
        canonical_tie_break("coin-flip")
    assert "most_likes" in (raised.value.hint or "")


def test_preset_settings() -> None:
    contest = Contest(slug="downtown-snaps-2025", name="x", rules_toml=PRESET.read_text())
    settings = judging_settings(contest)
    assert settings.shortlist_size == 50 and settings.places == 10
    assert settings.likes_freeze_at is not None


def test_a_broken_contest_file_is_one_clear_error() -> None:
    contest = Contest(slug="x", name="x", rules_toml="[contest")
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        judging_settings(contest)
