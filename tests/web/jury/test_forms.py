"""Jury forms to workspace values (pure): votes, orderings and points ballots."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judging.ballots import Criterion, RoundMethod
from web.jury.forms import (
    FormProblem,
    choice_from_vote,
    order_from_form,
    points_from_form,
    vote_from_form,
)

STARS = RoundMethod("rating")
TEN = RoundMethod("rating", scale=10)
YESNO = RoundMethod("yesno")
CRITERIA = RoundMethod(
    "rating",
    criteria=(Criterion("motif", "Motiv", 0.5), Criterion("light", "Licht", 0.5)),
)
ORDER = RoundMethod("ranking")


@pytest.mark.parametrize(
    ("method", "form", "vote"),
    [
        (YESNO, {"vote": "yes"}, {"yes": True}),
        (YESNO, {"vote": "no"}, {"yes": False}),
        (STARS, {"stars": "1"}, {"stars": 1}),
        (STARS, {"stars": " 5 "}, {"stars": 5}),
        (TEN, {"stars": "10"}, {"stars": 10}),
        (
            CRITERIA,
            {"criterion-0": "4", "criterion-1": "2"},
            {"criteria": {"motif": 4, "light": 2}},
        ),
    ],
)
def test_votes_from_forms(method: RoundMethod, form: dict, vote: dict) -> None:
    assert vote_from_form(method, form) == vote


@pytest.mark.parametrize(
    ("method", "form", "message"),
    [
        (YESNO, {}, "Please choose yes or no."),
        (YESNO, {"vote": "vielleicht"}, "Please choose yes or no."),
        (STARS, {}, "Please choose from 1 to %(scale)s stars."),
        (STARS, {"stars": "0"}, "Please choose from 1 to %(scale)s stars."),
        (STARS, {"stars": "6"}, "Please choose from 1 to %(scale)s stars."),
        (STARS, {"stars": "4.5"}, "Please choose from 1 to %(scale)s stars."),
        (STARS, {"stars": "٣"}, "Please choose from 1 to %(scale)s stars."),  # Arabic-Indic 3
        (STARS, {"stars": "9" * 40}, "Please choose from 1 to %(scale)s stars."),
        (CRITERIA, {"criterion-0": "4"}, "Please rate every criterion; %(criterion)s is missing."),
        (ORDER, {"stars": "4"}, "This round takes a whole ranking; use the ranking page."),
    ],
)
def test_forms_that_cannot_be_used_say_why(method: RoundMethod, form: dict, message: str) -> None:
    with pytest.raises(FormProblem) as problem:
        vote_from_form(method, form)
    assert problem.value.message == message


def test_a_missing_criterion_is_named() -> None:
    with pytest.raises(FormProblem) as problem:
        vote_from_form(CRITERIA, {"criterion-1": "3"})
    assert problem.value.params == {"criterion": "Motiv"}


@pytest.mark.parametrize(
    ("method", "vote", "choice"),
    [
        (YESNO, None, {}),
        (YESNO, {"yes": True}, {"vote": "yes"}),
        (YESNO, {"yes": False}, {"vote": "no"}),
        (STARS, {"stars": 3}, {"stars": "3"}),
        (
            CRITERIA,
            {"criteria": {"motif": 5, "light": 1}},
            {"criterion-0": "5", "criterion-1": "1"},
        ),
        (ORDER, {"rank": 2, "of": 5}, {}),
    ],
)
def test_the_current_vote_is_preselected(method: RoundMethod, vote, choice: dict) -> None:
    assert choice_from_vote(method, vote) == choice
    if choice:  # and what is shown posts back as the same vote
        assert vote_from_form(method, choice) == vote


@pytest.mark.parametrize(
    ("form", "order"),
    [
        ({}, [11, 12, 13, 14]),
        ({"rank-11": "1", "rank-12": "2", "rank-13": "3", "rank-14": "4"}, [11, 12, 13, 14]),
        ({"rank-11": "4", "rank-12": "3", "rank-13": "2", "rank-14": "1"}, [14, 13, 12, 11]),
        ({"rank-13": "1"}, [13, 11, 12, 14]),  # typing 1 moves one photo to the top
        ({"rank-11": "3"}, [12, 13, 11, 14]),  # ... or further down
        ({"rank-11": "2", "rank-12": "1"}, [12, 11, 13, 14]),  # a swap
        ({"rank-11": "2", "rank-12": "2"}, [12, 11, 13, 14]),  # the one that was typed moves
        ({"rank-12": "99"}, [11, 13, 14, 12]),
        ({"rank-12": "zwei", "rank-14": ""}, [11, 12, 13, 14]),  # nonsense keeps the place
    ],
)
def test_orderings_from_typed_places(form: dict, order: list[int]) -> None:
    assert order_from_form([11, 12, 13, 14], form) == order


@given(
    st.lists(st.integers(1, 10_000), min_size=1, max_size=30, unique=True),
    st.dictionaries(st.integers(0, 29), st.text(max_size=4)),
)
def test_an_ordering_always_holds_every_task_once(task_ids: list[int], typed: dict) -> None:
    form = {f"rank-{task_ids[i % len(task_ids)]}": value for i, value in typed.items()}
    assert sorted(order_from_form(task_ids, form)) == sorted(task_ids)


def test_points_ballots() -> None:
    task_ids = [1, 2, 3]
    form = {"points-1": "10", "points-2": "", "points-3": "9"}
    with pytest.raises(FormProblem) as problem:
        points_from_form(task_ids, form)
    assert problem.value.params == {"required": 3, "missing": 1}
    form["points-2"] = "1"
    assert points_from_form(task_ids, form) == {1: 10, 2: 1, 3: 9}


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            {"points-1": "10", "points-2": "10"},
            "%(points)s points went to two entries; each number can go to one only.",
        ),
        ({"points-1": "11"}, "Points are whole numbers from 1 to 10."),
        ({"points-1": "0"}, "Points are whole numbers from 1 to 10."),
        ({"points-1": "-3"}, "Points are whole numbers from 1 to 10."),
    ],
)
def test_points_ballots_that_cannot_count(form: dict, message: str) -> None:
    with pytest.raises(FormProblem) as problem:
        points_from_form([1, 2], form)
    assert problem.value.message == message


def test_a_large_ballot_needs_exactly_a_top_ten() -> None:
    task_ids = list(range(1, 13))
    form = {f"points-{task_id}": str(11 - task_id) for task_id in range(1, 11)}
    assert points_from_form(task_ids, form) == {task_id: 11 - task_id for task_id in range(1, 11)}
