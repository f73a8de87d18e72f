"""Reading the new-round form, ordering a tie and placing the cut: pure functions, in tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judging.ballots import Criterion
from judging.standings import StandingRow
from web.admin.round_form import criterion_key, parse_round_form
from web.admin.standings import above_cut, tie_order

BASE = {"name": "Vorrunde", "method": "rating", "quorum": "3", "scale": "5", "source": "shortlist"}
JURY = ("jana", "olaf", "uwe")


def errors_of(values: dict[str, str], jurors: tuple[str, ...] = JURY) -> dict[str, str]:
    spec, errors = parse_round_form({**BASE, **values}, jurors)
    assert (spec is None) == bool(errors)
    return {error.field: error.message for error in errors}


def test_a_rating_round_with_weighted_criteria() -> None:
    spec, errors = parse_round_form(
        {
            **BASE,
            "criterion_1": "Motiv / Innenstadt",
            "weight_1": "0,4",
            "criterion_2": "Bildaufbau",
            "weight_2": "0.3",
            "criterion_3": "Originalität",
            "normalise": "1",
        },
        JURY,
    )
    assert errors == [] and spec is not None
    assert spec.method.criteria == (
        Criterion("motiv-innenstadt", "Motiv / Innenstadt", 0.4),
        Criterion("bildaufbau", "Bildaufbau", 0.3),
        Criterion("originalitaet", "Originalität", 1.0),
    )
    assert spec.method.normalise and spec.quorum == 3 and spec.jurors == JURY


@pytest.mark.parametrize(
    ("values", "method", "extra"),
    [
        ({"method": "yesno", "normalise": "1"}, "yesno", {"normalise": False}),
        ({"method": "ranking", "tally": "schulze", "ballot": "points"}, "ranking", {}),
        ({"method": "ranking"}, "ranking", {"tally": "borda", "ballot": "order"}),
    ],
)
def test_methods(values: dict[str, str], method: str, extra: dict[str, object]) -> None:
    spec, _ = parse_round_form({**BASE, **values}, JURY)
    assert spec is not None and spec.method.method == method
    for name, value in extra.items():
        assert getattr(spec.method, name) == value


@pytest.mark.parametrize(
    ("values", "kind", "top", "min_score"),
    [
        ({"source": "shortlist"}, "shortlist", None, None),
        ({"source": "top", "top": "10"}, "previous", 10, None),
        ({"source": "threshold", "min_score": "3,5"}, "previous", None, 3.5),
    ],
)
def test_sources(values: dict[str, str], kind: str, top: int | None, min_score: float | None):
    spec, _ = parse_round_form({**BASE, **values}, JURY)
    assert spec is not None
    assert (spec.source.kind, spec.source.top, spec.source.min_score) == (kind, top, min_score)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"name": "  "}, "name", "Give the round a name"),
        ({"quorum": "0"}, "quorum", "whole number from 1"),
        ({"quorum": "zwei"}, "quorum", "whole number from 1"),
        ({"quorum": "4"}, "quorum", "need at least"),
        ({"method": "lottery"}, "method", "how the jury judges"),
        ({"scale": "11"}, "scale", "between 2 and 10"),
        ({"criterion_1": "Motiv", "weight_1": "-1"}, "weight_1", "above 0"),
        ({"criterion_1": "Motiv", "weight_1": "viel"}, "weight_1", "above 0"),
        ({"weight_2": "0.5"}, "criterion_2", "Name the criterion"),
        ({"criterion_1": "Motiv", "criterion_2": "motiv"}, "criterion_1", "its own name"),
        ({"method": "ranking", "tally": "lottery"}, "method", "ballot and the count"),
        ({"source": "top", "top": "0"}, "top", "how many"),
        ({"source": "threshold", "min_score": ""}, "min_score", "lowest score"),
        ({"source": "elsewhere"}, "source", "where the entries come from"),
    ],
)
def test_mistakes_are_named_at_their_field(values: dict[str, str], field: str, words: str):
    found = errors_of(values)
    assert field in found, found
    assert words in found[field]


@pytest.mark.parametrize(
    ("label", "key"),
    [("Motiv / Innenstadt", "motiv-innenstadt"), ("Originalität", "originalitaet"), ("!!", "")],
)
def test_criterion_keys(label: str, key: str) -> None:
    assert criterion_key(label) == key


@given(st.text(max_size=40))
def test_criterion_keys_are_always_plain(label: str) -> None:
    key = criterion_key(label)
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in key)
    assert not key.startswith("-") and not key.endswith("-")


@pytest.mark.parametrize(
    ("places", "order"),
    [
        ({"A": "2", "B": "1"}, ["B", "A"]),
        ({"A": "1", "B": "2", "C": "3"}, ["A", "B", "C"]),
        ({"A": "1", "B": "1"}, None),
        ({"A": "1", "B": "3"}, None),
        ({"A": "1", "B": "x"}, None),
        ({"A": "1"}, None),
    ],
)
def test_tie_order(places: dict[str, str], order: list[str] | None) -> None:
    members = ["A", "B", "C"] if "C" in places else ["A", "B"]
    assert tie_order(members, places) == order


def rows(*positions: int) -> list[StandingRow]:
    return [
        StandingRow(position, index, f"S{index}", "u", None, 1.0, 1.0, None, 1, True)
        for index, position in enumerate(positions)
    ]


@pytest.mark.parametrize(
    ("positions", "cut", "last_in"),
    [
        ((1, 2, 3, 4), 2, 1),
        ((1, 2, 2, 4), 3, 2),  # a tie at 2-3 goes on as a whole
        ((1, 2, 3), 5, 2),  # fewer entries than the cut: the last row
        ((1, 2, 3), None, None),
    ],
)
def test_the_cut_runs_below_the_last_entry_that_goes_on(positions, cut, last_in) -> None:
    found = [i for i in range(len(positions)) if above_cut(rows(*positions), i, cut)]
    assert found == ([] if last_in is None else [last_in])
