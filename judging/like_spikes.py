"""Like-spike flags: abnormal jumps (or drops) between two like readings of one entry.

Bought likes arrive in bursts, and Instagram later removes them in bursts. An interval between two
readings is flagged when the likes changed by at least `min_change` and the hourly rate is at
least `factor` times the entry's usual hourly rate (the median of its other intervals; an entry
with a single interval is compared with the median rate of all entries). Flags inform organisers;
they never change the shortlist by themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from itertools import pairwise
from statistics import median

from judging.likes import Reading

MIN_CHANGE = 30
FACTOR = 4.0
RATE_FLOOR_PER_HOUR = 1.0  # a quiet entry gaining 30 likes in a day is not suspicious


@dataclass(frozen=True)
class LikeSpike:
    entry_id: int
    start: datetime
    end: datetime
    change: int  # negative for a drop
    rate_per_hour: float
    usual_rate_per_hour: float

    @property
    def kind(self) -> str:
        return "jump" if self.change > 0 else "drop"


@dataclass(frozen=True)
class _Interval:
    start: datetime
    end: datetime
    change: int

    @property
    def rate(self) -> float:
        hours = max((self.end - self.start).total_seconds() / 3600, 1 / 60)
        return abs(self.change) / hours


def _intervals(readings: Sequence[Reading]) -> list[_Interval]:
    ordered = sorted(readings, key=lambda reading: reading.at)
    return [_Interval(a.at, b.at, b.likes - a.likes) for a, b in pairwise(ordered) if b.at > a.at]


def find_like_spikes(
    history: Mapping[int, Sequence[Reading]],
    *,
    min_change: int = MIN_CHANGE,
    factor: float = FACTOR,
) -> list[LikeSpike]:
    """Every flagged interval of every entry, in entry then time order."""
    intervals = {entry_id: _intervals(readings) for entry_id, readings in history.items()}
    all_rates = [interval.rate for found in intervals.values() for interval in found]
    contest_rate = median(all_rates) if all_rates else 0.0
    spikes: list[LikeSpike] = []
    for entry_id in sorted(intervals):
        found = intervals[entry_id]
        for index, interval in enumerate(found):
            others = [other.rate for i, other in enumerate(found) if i != index]
            usual = median(others) if others else contest_rate
            threshold = factor * max(usual, RATE_FLOOR_PER_HOUR)
            if abs(interval.change) >= min_change and interval.rate >= threshold:
                spikes.append(
                    LikeSpike(
                        entry_id=entry_id,
                        start=interval.start,
                        end=interval.end,
                        change=interval.change,
                        rate_per_hour=round(interval.rate, 2),
                        usual_rate_per_hour=round(usual, 2),
                    )
                )
    return spikes


_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int]) -> str:
    """A one-line chart of a like history for terminals (`▁▂▅█`)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1
    return "".join(_BLOCKS[round((value - low) / span * (len(_BLOCKS) - 1))] for value in values)


def sparkline_svg(
    readings: Sequence[Reading], *, width: int = 120, height: int = 28, label: str = "Like-Verlauf"
) -> str:
    """A small inline SVG line chart of a like history (for the console and the protocol)."""
    ordered = sorted(readings, key=lambda reading: reading.at)
    if len(ordered) < 2:
        return ""
    t0 = ordered[0].at.timestamp()
    t_span = (ordered[-1].at.timestamp() - t0) or 1.0
    low = min(reading.likes for reading in ordered)
    l_span = (max(reading.likes for reading in ordered) - low) or 1
    points = " ".join(
        f"{(reading.at.timestamp() - t0) / t_span * (width - 2) + 1:.1f},"
        f"{height - 1 - (reading.likes - low) / l_span * (height - 2):.1f}"
        for reading in ordered
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{points}"/>'
        "</svg>"
    )
