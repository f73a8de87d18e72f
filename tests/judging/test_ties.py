"""Ties share a position until a decision orders them; only ties that change outcomes matter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from judging.ties import (
    Decision,
    EntryFacts,
    order_by_rule,
    rank_entries,
    tie_groups,
    tie_matters,
)

SCORES = [(1, 4.0), (2, 4.0), (3, 5.0), (4, None), (5, 3.0)]


def positions(placed) -> list[tuple[int, int]]:
    return [(item.entry_id, item.position) for item in placed]


def test_equal_scores_share_a_position() -> None:
    placed = rank_entries(SCORES)
    assert positions(placed) == [(3, 1), (1, 2), (2, 2), (5, 4), (4, 5)]
    assert placed[1].tie == (1, 2) and placed[1].decided_by is None
    assert placed[4].tie == (), "unscored entries are last, not a tie"


def test_float_noise_does_not_hide_a_tie() -> None:
    placed = rank_entries([(1, 0.1 + 0.2), (2, 0.3)])
    assert placed[0].tie == (1, 2)


def test_a_decision_orders_exactly_its_group() -> None:
    decision = Decision((2, 1), "organiser", "Bildaufbau überzeugt mehr")
    placed = rank_entries(SCORES, [decision])
    assert positions(placed)[:3] == [(3, 1), (2, 2), (1, 3)]
    assert placed[1].decided_by == "organiser"
    stale = Decision((1, 2, 5), "organiser", "for another group")
    assert positions(rank_entries(SCORES, [stale]))[1:3] == [(1, 2), (2, 2)]


def test_the_latest_decision_for_a_group_wins() -> None:
    first = Decision((2, 1), "a", "first")
    second = Decision((1, 2), "b", "second")
    assert positions(rank_entries(SCORES, [first, second]))[1:3] == [(1, 2), (2, 3)]


@pytest.mark.parametrize(
    ("cut", "places", "matters"),
    [
        (1, None, False),  # the tie sits at positions 2-3, both below a top-1 cut
        (2, None, True),  # top 2 advance: one of the tied entries must stay out
        (3, None, False),  # both advance
        (None, 1, False),  # only first place is a prize
        (None, 2, True),  # places 2 and 3 are decided by this tie
        (None, 10, True),
    ],
)
def test_which_ties_matter(cut, places, matters) -> None:
    (group,) = tie_groups(rank_entries(SCORES))
    assert (group.first_position, group.last_position) == (2, 3)
    assert tie_matters(group, cut=cut, places=places) is matters


def test_tie_groups_report_their_decision() -> None:
    decision = Decision((2, 1), "organiser", "note")
    (group,) = tie_groups(rank_entries(SCORES, [decision]), [decision])
    assert group.decided and group.decision == decision


def day(n: int) -> datetime:
    return datetime(2025, 6, n, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rule", "facts", "expected"),
    [
        ("most_likes", {1: EntryFacts(10, day(2)), 2: EntryFacts(20, day(3))}, (2, 1)),
        ("most_likes", {1: EntryFacts(20, day(2)), 2: EntryFacts(20, day(3))}, (1, 2)),
        ("earliest_post", {1: EntryFacts(10, day(4)), 2: EntryFacts(20, day(3))}, (2, 1)),
        ("earliest_post", {1: EntryFacts(10, day(3)), 2: EntryFacts(20, day(3))}, None),
    ],
)
def test_tie_break_rules(rule, facts, expected) -> None:
    assert order_by_rule([1, 2], rule, facts) == expected
