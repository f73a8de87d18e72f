"""Chart geometry for the console's inline SVG (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from web.admin.charts import Series, bar_width, line_chart, nice_ceiling

T0 = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (1, 1), (2, 2), (3, 5), (7, 10), (10, 10), (11, 20), (499, 500), (501, 1000)],
)
def test_nice_ceiling(value: int, expected: int) -> None:
    assert nice_ceiling(value) == expected


def test_no_points_no_chart() -> None:
    assert line_chart([]) is None
    assert line_chart([Series("a", [])]) is None


def test_lines_span_the_plot_from_first_to_last_reading() -> None:
    chart = line_chart(
        [Series("a", [(T0 + timedelta(days=2), 50), (T0, 0)]), Series("b", [(T0, 100)])],
        width=200,
        height=100,
        margin=(0, 0, 0, 0),
    )
    assert chart is not None
    first, second = chart.lines
    assert first.points == "0.0,100.0 200.0,50.0", "sorted by time; 0 at the bottom"
    assert (first.last_value, second.last_value) == (50, 100)
    assert second.points == "0.0,0.0", "the largest value touches the top"
    assert [tick.value for tick in chart.y_ticks] == [0, 50, 100]
    assert [tick.value for tick in chart.x_ticks] == [T0, T0 + timedelta(days=2)]
    assert first.colour != second.colour


def test_a_single_reading_sits_in_the_middle() -> None:
    chart = line_chart([Series("a", [(T0, 0)])], width=100, height=100, margin=(0, 0, 0, 0))
    assert chart is not None
    assert chart.lines[0].points == "50.0,100.0"
    assert len(chart.x_ticks) == 1


@pytest.mark.parametrize(
    ("value", "largest", "expected"),
    [(0, 10, 0), (10, 10, 160), (5, 10, 80), (1, 1000, 1), (3, 0, 0)],
)
def test_bar_width(value: int, largest: int, expected: int) -> None:
    assert bar_width(value, largest) == expected
