"""A juror's own score distribution as bars (pure)."""

from __future__ import annotations

import pytest

from judging.ballots import RoundMethod
from web.jury.charts import distribution


def test_star_bars_are_scaled_to_the_longest() -> None:
    chart = distribution(RoundMethod("rating"), {"1": 0, "2": 1, "3": 4, "4": 2, "5": 0})
    assert [(bar.key, bar.count, bar.width) for bar in chart.bars] == [
        ("1", 0, 0.0),
        ("2", 1, 25.0),
        ("3", 4, 100.0),
        ("4", 2, 50.0),
        ("5", 0, 0.0),
    ]
    assert chart.votes == 7
    assert [bar.label.message for bar in chart.bars[:2]] == ["1 star", "%(stars)s stars"]


def test_the_mean_uses_the_exact_scores() -> None:
    # A criteria round's bars count rounded weighted means; the mean must not.
    chart = distribution(RoundMethod("rating"), {"3": 2, "4": 0}, scores=[3.4, 3.4])
    assert chart.mean == pytest.approx(3.4)


def test_yes_and_no() -> None:
    chart = distribution(RoundMethod("yesno"), {"yes": 3, "no": 1})
    assert [bar.label.message for bar in chart.bars] == ["Yes", "No"]
    assert chart.count("yes") == 3 and chart.count("maybe") == 0
    assert chart.mean == 75.0


def test_no_votes_yet() -> None:
    chart = distribution(RoundMethod("rating"), {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0})
    assert chart.empty and chart.mean is None
    assert {bar.width for bar in chart.bars} == {0.0}


def test_points() -> None:
    chart = distribution(RoundMethod("ranking", ballot="points"), {"10": 1, "1": 1})
    assert [bar.label.params for bar in chart.bars] == [{"points": "10"}, {"points": "1"}]
    assert chart.mean is None
