"""Votes that do not fit the round are refused with a message a juror understands."""

from __future__ import annotations

import pytest

from contest.errors import UserFacingError
from judging.ballots import (
    Criterion,
    InvalidVote,
    RoundMethod,
    order_ballot,
    parse_criteria,
    points_ballot,
    score_vote,
)


@pytest.mark.parametrize(
    ("method", "value"),
    [
        (RoundMethod("yesno"), {"yes": "ja"}),
        (RoundMethod("yesno"), {}),
        (RoundMethod("rating"), {"stars": 0}),
        (RoundMethod("rating"), {"stars": 6}),
        (RoundMethod("rating"), {"stars": True}),
        (RoundMethod("rating"), {"stars": 3.5}),
        (RoundMethod("rating", criteria=(Criterion("m", "m", 1.0),)), {"stars": 3}),
        (RoundMethod("rating", criteria=(Criterion("m", "m", 1.0),)), {"criteria": {"x": 3}}),
        (RoundMethod("ranking"), {"rank": 1}),
    ],
)
def test_invalid_votes_are_refused(method: RoundMethod, value: dict) -> None:
    with pytest.raises(InvalidVote):
        score_vote(method, value)


@pytest.mark.parametrize(
    ("method", "value", "score"),
    [
        (RoundMethod("yesno"), {"yes": True}, 1.0),
        (RoundMethod("yesno"), {"yes": False}, 0.0),
        (RoundMethod("rating"), {"stars": 4}, 4.0),
        (RoundMethod("rating", scale=10), {"stars": 10}, 10.0),
    ],
)
def test_valid_votes_score(method: RoundMethod, value: dict, score: float) -> None:
    assert score_vote(method, value)[1] == score


def test_order_ballot_needs_every_task_once() -> None:
    assert order_ballot([7, 8, 9], [9, 7, 8]) == {
        9: {"rank": 1, "of": 3},
        7: {"rank": 2, "of": 3},
        8: {"rank": 3, "of": 3},
    }
    with pytest.raises(InvalidVote):
        order_ballot([7, 8, 9], [9, 7])
    with pytest.raises(InvalidVote):
        order_ballot([7, 8, 9], [9, 7, 7])


def test_points_ballot_gives_distinct_points_and_zero_to_the_rest() -> None:
    assert points_ballot([1, 2, 3], {1: 10, 3: 9}) == {
        1: {"points": 10},
        2: {"points": 0},
        3: {"points": 9},
    }
    for bad in ({1: 10, 2: 10}, {1: 11}, {4: 5}, {1: -1}):
        with pytest.raises(InvalidVote):
            points_ballot([1, 2, 3], bad)


def test_method_config_round_trips() -> None:
    method = RoundMethod(
        "rating", criteria=(Criterion("motif", "Motiv", 0.4),), normalise=True, scale=5
    )
    assert RoundMethod.from_round("rating", method.to_config()) == method
    ranking = RoundMethod("ranking", tally="schulze", ballot="points")
    assert RoundMethod.from_round("ranking", ranking.to_config()) == ranking


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "stars"},
        {"method": "ranking", "tally": "condorcet"},
        {"method": "ranking", "ballot": "stars"},
        {"method": "rating", "scale": 1},
        {"method": "rating", "criteria": (Criterion("a", "a", 0),)},
        {"method": "rating", "criteria": (Criterion("a", "a", 1), Criterion("a", "a", 1))},
    ],
)
def test_bad_methods_are_refused(kwargs: dict) -> None:
    with pytest.raises(UserFacingError):
        RoundMethod(**kwargs)


def test_parse_criteria_from_the_command_line() -> None:
    assert parse_criteria("motif:0.4, composition:0.3,originality") == (
        Criterion("motif", "motif", 0.4),
        Criterion("composition", "composition", 0.3),
        Criterion("originality", "originality", 1.0),
    )
    with pytest.raises(UserFacingError, match="not a number"):
        parse_criteria("motif:viel")
