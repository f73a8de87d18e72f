"""Tallies, checked against tables computed by hand (and Wikipedia's Schulze example)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judging.ballots import Criterion, RoundMethod, score_vote
from judging.tallies import CastVote, juror_z_scores, tally_round


def rating(juror: int, entry: int, stars: int) -> CastVote:
    return CastVote(entry, juror, {"stars": stars}, float(stars))


def by_entry(tallies):
    return {tally.entry_id: tally for tally in tallies}


def test_rating_mean_and_normalised_disagree_when_one_juror_is_strict() -> None:
    # Juror 1 is strict (x=2, y=1), juror 2 generous (y=5, z=4); each judged two entries.
    # Raw means: x 2, y 3, z 4. Per-juror z-scores: juror 1 x +1, y -1; juror 2 y +1, z -1.
    # Normalised means: x +1, y 0, z -1: the order flips.
    votes = [rating(1, 1, 2), rating(1, 2, 1), rating(2, 2, 5), rating(2, 3, 4)]
    raw = by_entry(tally_round(RoundMethod("rating"), [1, 2, 3], votes, quorum=1))
    assert [raw[e].raw for e in (1, 2, 3)] == [2.0, 3.0, 4.0]
    assert [raw[e].normalised for e in (1, 2, 3)] == [1.0, 0.0, -1.0]
    assert [raw[e].score for e in (1, 2, 3)] == [2.0, 3.0, 4.0]
    normalised = by_entry(
        tally_round(RoundMethod("rating", normalise=True), [1, 2, 3], votes, quorum=1)
    )
    assert [normalised[e].score for e in (1, 2, 3)] == [1.0, 0.0, -1.0]


def test_a_juror_who_gives_everything_the_same_score_contributes_zero() -> None:
    votes = [rating(1, 1, 5), rating(1, 2, 3), rating(1, 3, 1)]
    votes += [rating(2, 1, 4), rating(2, 2, 4), rating(2, 3, 4)]
    tallies = by_entry(tally_round(RoundMethod("rating"), [1, 2, 3], votes, quorum=2))
    # Juror 1: mean 3, population sd sqrt(8/3); z = ±sqrt(3/2). Juror 2: z = 0.
    assert tallies[1].normalised == pytest.approx(math.sqrt(1.5) / 2)
    assert tallies[2].normalised == pytest.approx(0.0)
    assert tallies[3].normalised == pytest.approx(-math.sqrt(1.5) / 2)
    assert [tallies[e].raw for e in (1, 2, 3)] == [4.5, 3.5, 2.5]
    assert tallies[1].per_juror == {1: 5.0, 2: 4.0}


def test_weighted_criteria_give_the_weighted_mean() -> None:
    method = RoundMethod(
        "rating",
        criteria=(
            Criterion("motif", "Motiv", 0.5),
            Criterion("composition", "Bildaufbau", 0.3),
            Criterion("originality", "Originalität", 0.2),
        ),
    )
    value, score = score_vote(
        method, {"criteria": {"motif": 5, "composition": 3, "originality": 1}}
    )
    assert score == pytest.approx(5 * 0.5 + 3 * 0.3 + 1 * 0.2)  # 3.6
    assert value == {"criteria": {"composition": 3, "motif": 5, "originality": 1}}


@pytest.mark.parametrize(
    ("votes", "quorum", "expected"),
    [
        # (entry 1's yes/no votes), quorum -> (share, yes count, quorum met)
        ([True, True, False], 3, (2 / 3, 2, True)),
        ([True, True], 3, (1.0, 2, False)),
        ([False], 1, (0.0, 0, True)),
        ([], 1, (None, 0, False)),
    ],
)
def test_yes_no_share_and_quorum(votes, quorum, expected) -> None:
    cast = [
        CastVote(1, juror, {"yes": yes}, 1.0 if yes else 0.0) for juror, yes in enumerate(votes)
    ]
    (tally,) = tally_round(RoundMethod("yesno"), [1], cast, quorum=quorum)
    assert (tally.score, tally.detail["yes"], tally.quorum_met) == expected


def order(juror: int, *entries: int) -> list[CastVote]:
    size = len(entries)
    return [
        CastVote(entry, juror, {"rank": rank, "of": size}, float(size - rank))
        for rank, entry in enumerate(entries, start=1)
    ]


A, B, C, D, E = 1, 2, 3, 4, 5


def test_borda_points_by_hand() -> None:
    # J1 a b c d: a3 b2 c1 d0; J2 b a d c: b3 a2 d1 c0; J3 a c b d: a3 c2 b1 d0.
    votes = order(1, A, B, C, D) + order(2, B, A, D, C) + order(3, A, C, B, D)
    tallies = by_entry(tally_round(RoundMethod("ranking"), [A, B, C, D], votes, quorum=3))
    assert {e: tallies[e].detail["total"] for e in (A, B, C, D)} == {A: 8, B: 6, C: 3, D: 1}
    assert tallies[A].score == pytest.approx(8 / 3)
    assert all(tallies[e].quorum_met for e in (A, B, C, D))


def test_borda_scales_a_smaller_ballot_to_the_largest() -> None:
    # J2 was conflicted with c and d and ranked only b over a: scaled to a 4-entry ballot,
    # b gets 3 points (like a first place) and a gets 0 (like a last place).
    votes = order(1, A, B, C, D) + order(2, B, A)
    tallies = by_entry(tally_round(RoundMethod("ranking"), [A, B, C, D], votes, quorum=1))
    assert tallies[A].per_juror == {1: 3.0, 2: 0.0}
    assert tallies[B].per_juror == {1: 2.0, 2: 3.0}
    assert tallies[B].score == pytest.approx(2.5)
    assert tallies[C].votes == 1


def test_top_ten_points_are_averaged_and_can_tie() -> None:
    method = RoundMethod("ranking", ballot="points")
    votes = [
        CastVote(A, 1, {"points": 10}, 10.0),
        CastVote(B, 1, {"points": 9}, 9.0),
        CastVote(C, 1, {"points": 0}, 0.0),
        CastVote(B, 2, {"points": 10}, 10.0),
        CastVote(A, 2, {"points": 9}, 9.0),
        CastVote(C, 2, {"points": 0}, 0.0),
    ]
    tallies = by_entry(tally_round(method, [A, B, C], votes, quorum=2))
    assert tallies[A].score == tallies[B].score == 9.5
    assert tallies[C].score == 0.0


def test_schulze_reproduces_the_wikipedia_example() -> None:
    # https://en.wikipedia.org/wiki/Schulze_method#Example: 45 voters, result E > A > C > B > D.
    profile = [
        (5, (A, C, B, E, D)),
        (5, (A, D, E, C, B)),
        (8, (B, E, D, A, C)),
        (3, (C, A, B, E, D)),
        (7, (C, A, E, B, D)),
        (2, (C, B, A, D, E)),
        (7, (D, C, E, B, A)),
        (8, (E, B, A, D, C)),
    ]
    votes: list[CastVote] = []
    juror = 0
    for count, ranking in profile:
        for _ in range(count):
            juror += 1
            votes += order(juror, *ranking)
    method = RoundMethod("ranking", tally="schulze")
    tallies = by_entry(tally_round(method, [A, B, C, D, E], votes, quorum=45))
    wins = {e: tallies[e].score for e in (A, B, C, D, E)}
    assert wins == {E: 4.0, A: 3.0, C: 2.0, B: 1.0, D: 0.0}


def test_schulze_with_opposite_ballots_is_a_tie() -> None:
    votes = order(1, A, B) + order(2, B, A)
    method = RoundMethod("ranking", tally="schulze")
    tallies = by_entry(tally_round(method, [A, B], votes, quorum=2))
    assert tallies[A].score == tallies[B].score == 0.0


def test_quorum_not_met_is_marked_not_hidden() -> None:
    votes = [rating(1, 1, 5), rating(2, 1, 4), rating(1, 2, 3)]
    tallies = by_entry(tally_round(RoundMethod("rating"), [1, 2, 3], votes, quorum=2))
    assert tallies[1].quorum_met and tallies[1].score == 4.5
    assert not tallies[2].quorum_met and tallies[2].score == 3.0, "scored, but marked"
    assert not tallies[3].quorum_met and tallies[3].score is None


# -- properties ----------------------------------------------------------------------------------
rating_tables = st.dictionaries(
    st.tuples(st.integers(1, 6), st.integers(1, 4)),  # (entry, juror)
    st.integers(1, 3),
    min_size=1,
    max_size=24,
)


@given(rating_tables, st.integers(1, 4), st.integers(1, 2))
def test_property_normalisation_ignores_how_generous_a_juror_is(table, juror, shift) -> None:
    """Adding the same number of stars to all of one juror's votes changes raw means only."""
    votes = [rating(j, e, stars) for (e, j), stars in table.items()]
    shifted = [
        rating(v.juror_id, v.entry_id, int(v.score) + (shift if v.juror_id == juror else 0))
        for v in votes
    ]
    entries = sorted({e for e, _j in table})
    before = by_entry(tally_round(RoundMethod("rating"), entries, votes, quorum=1))
    after = by_entry(tally_round(RoundMethod("rating"), entries, shifted, quorum=1))
    for entry in entries:
        assert after[entry].normalised == pytest.approx(before[entry].normalised, abs=1e-9)


@given(rating_tables)
def test_property_each_jurors_z_scores_average_zero(table) -> None:
    votes = [rating(j, e, stars) for (e, j), stars in table.items()]
    z = juror_z_scores(votes)
    for juror in {j for _e, j in table}:
        mine = [value for (_e, j), value in z.items() if j == juror]
        assert sum(mine) == pytest.approx(0.0, abs=1e-9)


@given(st.integers(2, 6), st.lists(st.permutations(range(6)), min_size=1, max_size=7))
def test_property_borda_and_schulze_agree_on_a_unanimous_favourite(size, orders) -> None:
    """An entry every juror puts first wins under both tallies, by the full margin."""
    entries = list(range(1, size + 1))
    ballots = []
    for juror, permutation in enumerate(orders, start=1):
        rest = [entries[i] for i in permutation if i < size and entries[i] != 1]
        ballots += order(juror, 1, *rest)
    borda = by_entry(tally_round(RoundMethod("ranking"), entries, ballots, quorum=1))
    schulze = by_entry(
        tally_round(RoundMethod("ranking", tally="schulze"), entries, ballots, quorum=1)
    )
    assert borda[1].score == size - 1 == max(t.score for t in borda.values())
    assert schulze[1].score == size - 1
    assert sum(t.detail["total"] for t in borda.values()) == len(orders) * size * (size - 1) / 2
