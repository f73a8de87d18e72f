"""Like-spike flags: bursts and purges between readings are flagged, steady growth is not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from judging.like_spikes import find_like_spikes, sparkline, sparkline_svg
from judging.likes import Reading

START = datetime(2025, 6, 1, tzinfo=UTC)


def series(*likes: int, hours: int = 24) -> list[Reading]:
    return [Reading(START + timedelta(hours=hours * i), n) for i, n in enumerate(likes)]


def test_steady_growth_is_not_flagged() -> None:
    assert find_like_spikes({1: series(10, 30, 52, 71, 95)}) == []


def test_a_burst_is_flagged_with_its_usual_rate() -> None:
    (spike,) = find_like_spikes({1: series(10, 20, 30, 530, 540)})
    assert (spike.entry_id, spike.change, spike.kind) == (1, 500, "jump")
    assert spike.start == START + timedelta(hours=48)
    assert spike.usual_rate_per_hour < 1


def test_a_purge_is_flagged_as_a_drop() -> None:
    (spike,) = find_like_spikes({1: series(100, 110, 120, 20, 25)})
    assert (spike.change, spike.kind) == (-100, "drop")


def test_small_changes_are_never_flagged_however_fast() -> None:
    assert find_like_spikes({1: series(0, 0, 0, 25, 25, hours=1)}) == []


def test_a_single_interval_is_compared_with_the_whole_contest() -> None:
    steady = {n: series(0, 24) for n in range(2, 8)}  # one like per hour
    spikes = find_like_spikes({1: series(0, 400), **steady})
    assert [spike.entry_id for spike in spikes] == [1]


def test_sparklines() -> None:
    assert sparkline([0, 5, 10]) == "▁▅█"
    assert sparkline([]) == ""
    svg = sparkline_svg(series(1, 5, 3))
    assert svg.startswith("<svg") and "polyline" in svg and 'aria-label="Like-Verlauf"' in svg
    assert sparkline_svg(series(1)) == ""
