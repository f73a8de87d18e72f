"""Likes at the freeze and the likes shortlist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judging.likes import Candidate, Reading, likes_at_freeze, pick_shortlist

FREEZE = datetime(2025, 6, 22, 21, 59, 59, tzinfo=UTC)


def at(hours: float) -> datetime:
    return FREEZE + timedelta(hours=hours)


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ([Reading(at(-5), 10), Reading(at(-1), 40), Reading(at(2), 90)], (40, at(-1), False)),
        ([Reading(at(0), 55), Reading(at(1), 60)], (55, at(0), False)),  # at the moment counts
        ([Reading(at(3), 70), Reading(at(1), 60)], (60, at(1), True)),  # ingested late
        ([], (7, None, False)),  # never read: the stored count
    ],
)
def test_likes_at_freeze(readings, expected) -> None:
    frozen = likes_at_freeze(readings, FREEZE, fallback=7)
    assert (frozen.likes, frozen.read_at, frozen.after_freeze) == expected


def cand(entry_id: int, likes: int, hour: int) -> Candidate:
    return Candidate(entry_id, f"SC{entry_id}", likes, at(-100 + hour))


def test_most_liked_first_and_equal_likes_by_earlier_post() -> None:
    candidates = [cand(1, 50, 5), cand(2, 80, 1), cand(3, 50, 2), cand(4, 10, 0)]
    cut = pick_shortlist(candidates, 3)
    assert [c.entry_id for c in cut.chosen] == [2, 3, 1]
    assert not cut.cut_split_a_tie


def test_a_tie_split_by_the_cut_is_reported() -> None:
    candidates = [cand(1, 50, 5), cand(2, 80, 1), cand(3, 50, 2), cand(4, 50, 9)]
    cut = pick_shortlist(candidates, 2)
    assert [c.entry_id for c in cut.chosen] == [2, 3]
    assert [c.entry_id for c in cut.tie_at_cut] == [3, 1, 4]


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 500)), max_size=40), st.integers(0, 45)
)
def test_property_nobody_left_out_has_more_likes_than_someone_in(pairs, size) -> None:
    candidates = [cand(i, likes, hour) for i, (likes, hour) in enumerate(pairs)]
    cut = pick_shortlist(candidates, size)
    assert len(cut.chosen) == min(size, len(candidates))
    chosen = {c.entry_id for c in cut.chosen}
    left_out = [c for c in candidates if c.entry_id not in chosen]
    if cut.chosen and left_out:
        assert min(c.likes for c in cut.chosen) >= max(c.likes for c in left_out)
