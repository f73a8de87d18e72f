"""Round lifecycle: the allowed moves, and a useful message for the others."""

from __future__ import annotations

import pytest

from contest.errors import UserFacingError
from judging.lifecycle import check_transition
from judging.pseudonyms import pseudonym, pseudonyms


@pytest.mark.parametrize(
    ("current", "target", "verb"),
    [
        ("draft", "active", "activate"),
        ("active", "closed", "close"),
        ("closed", "active", "reopen"),
        ("closed", "finalized", "finalize"),
    ],
)
def test_allowed(current: str, target: str, verb: str) -> None:
    assert check_transition("Vorrunde", current, target) == verb


@pytest.mark.parametrize(
    ("current", "target", "hint"),
    [
        ("draft", "finalized", "activate"),
        ("active", "finalized", "close"),
        ("finalized", "active", "It is final."),
        ("active", "draft", "close"),
    ],
)
def test_refused_with_what_is_possible(current: str, target: str, hint: str) -> None:
    with pytest.raises(UserFacingError) as raised:
        check_transition("Vorrunde", current, target)
    assert hint in (raised.value.hint or "")


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (2, "C"), (25, "Z"), (26, "AA")])
def test_pseudonyms(index: int, letters: str) -> None:
    assert pseudonym(index) == letters


def test_pseudonyms_follow_account_ids() -> None:
    assert pseudonyms([42, 7, 19, 7]) == {7: "A", 19: "B", 42: "C"}
