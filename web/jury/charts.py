"""A juror's own score distribution as bars (pure): one row per star, answer or points value.

The page draws each bar as a tiny SVG whose `rect` width is the row's share of the longest row;
the Content-Security-Policy forbids inline styles, and SVG attributes are not styles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from judging.ballots import RoundMethod
from web.i18n import N_
from web.jury.labels import Label


@dataclass(frozen=True)
class Bar:
    key: str
    label: Label
    count: int
    width: float  # 0..100, relative to the longest bar


@dataclass(frozen=True)
class Distribution:
    bars: tuple[Bar, ...]
    votes: int
    mean: float | None  # mean stars (rating) or share of yes in percent (yes/no)

    @property
    def empty(self) -> bool:
        return self.votes == 0

    def count(self, key: str) -> int:
        return next((bar.count for bar in self.bars if bar.key == key), 0)


def _label(method: RoundMethod, key: str) -> Label:
    if method.method == "yesno":
        return Label(N_("Yes") if key == "yes" else N_("No"), {})
    if method.method == "rating":
        return Label(N_("1 star") if key == "1" else N_("%(stars)s stars"), {"stars": key})
    return Label(N_("1 point") if key == "1" else N_("%(points)s points"), {"points": key})


def _mean(
    method: RoundMethod, counts: Mapping[str, int], votes: int, scores: Sequence[float]
) -> float | None:
    if not votes:
        return None
    if method.method == "yesno":
        return 100.0 * counts.get("yes", 0) / votes
    if method.method == "rating" and scores:
        return sum(scores) / len(scores)
    return None


def distribution(
    method: RoundMethod, counts: Mapping[str, int], scores: Sequence[float] = ()
) -> Distribution:
    """Bars in the order the workspace gives them (1..scale stars, yes/no, 10..1 points).

    `scores` are the juror's exact vote scores, for the mean: the bars of a criteria round
    count rounded weighted means, the mean should not."""
    longest = max(counts.values(), default=0)
    bars = tuple(
        Bar(key, _label(method, key), count, round(100.0 * count / longest, 1) if longest else 0.0)
        for key, count in counts.items()
    )
    votes = sum(counts.values())
    return Distribution(bars, votes, _mean(method, counts, votes, scores))
