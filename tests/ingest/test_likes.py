"""Which like reading counts for the shortlist, and which jumps are flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ingest.likes import Reading, find_spikes, likes_after_reading

FREEZE = datetime(2025, 6, 22, 21, 59, 59, tzinfo=UTC)
BEFORE = FREEZE - timedelta(days=1)
AFTER = FREEZE + timedelta(days=1)


@pytest.mark.parametrize(
    ("current", "latest_counted", "reading", "first", "expected", "why"),
    [
        (0, None, Reading(AFTER, 9), True, 9, "a new entry takes its first reading"),
        (5, BEFORE, Reading(AFTER, 9), False, 5, "after the freeze nothing moves"),
        (5, BEFORE - timedelta(hours=1), Reading(BEFORE, 9), False, 9, "newer, before freeze"),
        (5, BEFORE, Reading(BEFORE - timedelta(hours=2), 1), False, 5, "older folder imported"),
        (5, None, Reading(FREEZE, 7), False, 7, "the freeze moment itself still counts"),
    ],
)
def test_likes_after_reading(current, latest_counted, reading, first, expected, why) -> None:  # type: ignore[no-untyped-def]
    assert likes_after_reading(current, latest_counted, reading, FREEZE, first_reading=first) == (
        expected
    ), why


@pytest.mark.parametrize(
    ("readings", "spikes"),
    [
        ([(0, 10), (3, 400)], 1),  # +390 in 3 h, far more than double
        ([(0, 300), (3, 500)], 0),  # +200 but not doubled
        ([(0, 10), (48, 400)], 0),  # doubled, but over two days
        ([(0, 10), (2, 60)], 0),  # doubled quickly, but small
        ([(3, 400), (0, 10)], 1),  # order of input does not matter
    ],
)
def test_spikes(readings: list[tuple[int, int]], spikes: int) -> None:
    start = datetime(2025, 6, 1, tzinfo=UTC)
    found = find_spikes("Abc", [Reading(start + timedelta(hours=h), n) for h, n in readings])
    assert len(found) == spikes
    if found:
        assert found[0].describe().startswith("Abc: +390 likes in 3 h")
