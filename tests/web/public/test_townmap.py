"""The town map's geometry: projection, hull, circle sizes and labels."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.web.public.fake_rules import TOWNS
from web.rules_bridge import TownPoint
from web.townmap import MAP_WIDTH, build_town_map, convex_hull

POINTS = [TownPoint(t.name, t.lat, t.lon) for t in TOWNS]


def test_north_is_up_and_east_is_right():
    town_map = build_town_map(
        POINTS, {"Nordhausen": 1, "Sonneberg": 1, "Eisenach": 1, "Altenburg": 1}
    )
    assert town_map is not None
    dots = {dot.name: dot for dot in town_map.towns}
    assert dots["Nordhausen"].y < dots["Sonneberg"].y
    assert dots["Eisenach"].x < dots["Altenburg"].x


def test_every_town_lies_inside_the_drawing():
    town_map = build_town_map(POINTS, {})
    assert town_map is not None
    for dot in town_map.others:
        assert 0 < dot.x < MAP_WIDTH and 0 < dot.y < town_map.height


def test_circle_area_grows_with_entries():
    town_map = build_town_map(POINTS, {"Gotha": 16, "Suhl": 4, "Apolda": 1})
    assert town_map is not None
    radius = {dot.name: dot.radius for dot in town_map.towns}
    assert radius["Gotha"] > radius["Suhl"] > radius["Apolda"]
    assert [dot.name for dot in town_map.towns] == ["Gotha", "Suhl", "Apolda"]


def test_labels_near_the_edges_are_anchored_inwards():
    town_map = build_town_map(POINTS, {"Altenburg": 2, "Heilbad Heiligenstadt": 2, "Ilmenau": 1})
    assert town_map is not None
    anchors = {label.text: label.anchor for label in town_map.labels}
    assert anchors == {"Altenburg": "end", "Heilbad Heiligenstadt": "start", "Ilmenau": "middle"}


@pytest.mark.parametrize("count", [0, 1, 2])
def test_too_few_towns_draw_no_map(count: int):
    assert build_town_map(POINTS[:count], {}) is None


def test_outline_is_a_closed_path_around_all_towns():
    town_map = build_town_map(POINTS, {})
    assert town_map is not None
    assert town_map.outline.startswith("M") and town_map.outline.endswith("Z")
    assert town_map.outline.count("A") == len(convex_hull([(d.x, d.y) for d in town_map.others]))


def _inside_or_on(hull: list[tuple[float, float]], point: tuple[float, float]) -> bool:
    signs = set()
    for a, b in zip(hull, hull[1:] + hull[:1], strict=True):
        cross = (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0])
        if abs(cross) > 1e-6:
            signs.add(math.copysign(1, cross))
    return len(signs) <= 1


@given(
    st.lists(st.tuples(st.integers(-1000, 1000), st.integers(-1000, 1000)), min_size=3, max_size=40)
)
def test_convex_hull_contains_every_point(points: list[tuple[int, int]]):
    hull = convex_hull([(float(x), float(y)) for x, y in points])
    assert set(hull) <= {(float(x), float(y)) for x, y in points}
    if len(hull) >= 3:
        assert all(_inside_or_on(hull, (float(x), float(y))) for x, y in points)
