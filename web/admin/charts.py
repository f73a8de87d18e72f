"""Chart geometry for inline SVG: pure functions, no database and no templates.

The console draws its charts as inline SVG from these numbers, so they need no JavaScript, no
chart library and nothing from the internet, and they satisfy a script-free CSP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    points: Sequence[tuple[datetime, int]]  # (when read, likes), any order


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    colour: str
    points: str  # the SVG polyline `points` attribute
    end_x: float
    end_y: float
    last_value: int


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    value: int | datetime


@dataclass(frozen=True, slots=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: Sequence[Line]
    y_ticks: Sequence[Tick]
    x_ticks: Sequence[Tick]


def nice_ceiling(value: int) -> int:
    """The next 1, 2 or 5 times a power of ten at or above `value` (0 stays 1)."""
    if value <= 1:
        return 1
    magnitude = 1
    while magnitude * 10 < value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def line_chart(
    series: Sequence[Series],
    *,
    width: int = 720,
    height: int = 280,
    margin: tuple[int, int, int, int] = (14, 16, 30, 56),  # top, right, bottom, left
) -> LineChart | None:
    """Lines over a shared time axis and a likes axis from zero; None when there is nothing."""
    drawn = [s for s in series if s.points]
    if not drawn:
        return None
    top, right, bottom, left = margin
    plot_width = width - left - right
    plot_height = height - top - bottom
    times = [at for s in drawn for at, _ in s.points]
    start, end = min(times), max(times)
    span = (end - start).total_seconds()
    y_max = nice_ceiling(max(likes for s in drawn for _, likes in s.points))

    def x_of(at: datetime) -> float:
        if span == 0:
            return left + plot_width / 2
        return left + plot_width * (at - start).total_seconds() / span

    def y_of(likes: int) -> float:
        return top + plot_height * (1 - likes / y_max)

    lines = []
    for index, item in enumerate(drawn):
        ordered = sorted(item.points)
        coordinates = [(round(x_of(at), 1), round(y_of(likes), 1)) for at, likes in ordered]
        lines.append(
            Line(
                label=item.label,
                colour=PALETTE[index % len(PALETTE)],
                points=" ".join(f"{x},{y}" for x, y in coordinates),
                end_x=coordinates[-1][0],
                end_y=coordinates[-1][1],
                last_value=ordered[-1][1],
            )
        )
    y_ticks = [Tick(round(y_of(value), 1), value) for value in (0, y_max // 2, y_max)]
    x_ticks = [Tick(round(x_of(start), 1), start)]
    if span:
        x_ticks.append(Tick(round(x_of(end), 1), end))
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        top=top,
        bottom=height - bottom,
        lines=lines,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )


def bar_width(value: int, largest: int, *, full: int = 160) -> int:
    """Length of a horizontal bar in a table; at least 1 pixel when the value is not zero."""
    if largest <= 0 or value <= 0:
        return 0
    return max(1, round(full * value / largest))
