"""A small SVG map of the contest's towns, drawn from the gazetteer's coordinates alone.

No map tiles, no outline from elsewhere: the land is the convex hull around every gazetteer town,
widened by a margin with rounded corners, which for Thuringia's towns gives a recognisable outline
of the state. Towns with entries get a circle whose area grows with their number of entries.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from web.rules_bridge import TownPoint

MAP_WIDTH = 640.0
MARGIN = 48.0
LAND_PADDING = 22.0
LABELLED_TOWNS = 12
MIN_RADIUS = 4.0
MAX_RADIUS = 22.0


@dataclass(frozen=True)
class MapDot:
    name: str
    x: float
    y: float
    radius: float
    entries: int


@dataclass(frozen=True)
class MapLabel:
    text: str
    x: float
    y: float
    anchor: str  # SVG text-anchor: start | middle | end


@dataclass(frozen=True)
class TownMap:
    width: float
    height: float
    outline: str  # SVG path data: the widened hull around every gazetteer town
    towns: tuple[MapDot, ...]  # towns with entries, most first (drawn under the smaller ones)
    others: tuple[MapDot, ...]  # gazetteer towns without entries, as faint dots

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"

    @property
    def labels(self) -> tuple[MapLabel, ...]:
        """Names for the towns with most entries, anchored away from the map's edges."""
        result = []
        for dot in self.towns[:LABELLED_TOWNS]:
            if dot.x > self.width * 0.8:
                anchor = "end"
            elif dot.x < self.width * 0.2:
                anchor = "start"
            else:
                anchor = "middle"
            result.append(MapLabel(dot.name, dot.x, round(dot.y - dot.radius - 5, 1), anchor))
        return tuple(result)


def _project(points: Sequence[TownPoint]) -> tuple[list[tuple[float, float]], float]:
    """Equirectangular projection scaled by the cosine of the middle latitude; y grows south."""
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    mid_lat = math.radians((min(lats) + max(lats)) / 2)
    xs = [lon * math.cos(mid_lat) for lon in lons]
    ys = [-lat for lat in lats]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    scale = (MAP_WIDTH - 2 * MARGIN) / max(span_x, span_y)
    height = span_y * scale + 2 * MARGIN
    projected = [
        (MARGIN + (x - min(xs)) * scale, MARGIN + (y - min(ys)) * scale)
        for x, y in zip(xs, ys, strict=True)
    ]
    return projected, height


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain; the hull's corners in order, without repeating the first."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return unique

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for point in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper: list[tuple[float, float]] = []
    for point in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def widened_outline(hull: Sequence[tuple[float, float]], padding: float) -> str:
    """The hull grown by `padding` on every side (straight edges, round corners) as SVG path data.

    Each edge moves outwards along its normal; consecutive moved edges are joined by an arc of
    radius `padding` around the corner they share, which is exactly the hull widened by a disc.
    """
    if len(hull) < 3:
        return ""
    cx = sum(x for x, _ in hull) / len(hull)
    cy = sum(y for _, y in hull) / len(hull)
    corners = list(hull)
    normals = []
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = dy / length, -dx / length
        if nx * ((a[0] + b[0]) / 2 - cx) + ny * ((a[1] + b[1]) / 2 - cy) < 0:
            nx, ny = -nx, -ny
        normals.append((nx, ny))
    parts = []
    count = len(corners)
    for index in range(count):
        a, b = corners[index], corners[(index + 1) % count]
        n, following = normals[index], normals[(index + 1) % count]
        start = (a[0] + n[0] * padding, a[1] + n[1] * padding)
        end = (b[0] + n[0] * padding, b[1] + n[1] * padding)
        arc_end = (b[0] + following[0] * padding, b[1] + following[1] * padding)
        sweep = 1 if n[0] * following[1] - n[1] * following[0] > 0 else 0
        if index == 0:
            parts.append(f"M{start[0]:.1f},{start[1]:.1f}")
        parts.append(f"L{end[0]:.1f},{end[1]:.1f}")
        parts.append(f"A{padding:.1f},{padding:.1f} 0 0 {sweep} {arc_end[0]:.1f},{arc_end[1]:.1f}")
    return " ".join(parts) + " Z"


def build_town_map(towns: Sequence[TownPoint], entries: Mapping[str, int]) -> TownMap | None:
    """The map for the towns page; None without at least three gazetteer towns to draw."""
    if len(towns) < 3:
        return None
    projected, height = _project(towns)
    most = max(entries.values(), default=0) or 1
    with_entries: list[MapDot] = []
    without: list[MapDot] = []
    for town, (x, y) in zip(towns, projected, strict=True):
        count = entries.get(town.name, 0)
        if count:
            radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / most)
            with_entries.append(
                MapDot(town.name, round(x, 1), round(y, 1), round(radius, 1), count)
            )
        else:
            without.append(MapDot(town.name, round(x, 1), round(y, 1), 2.0, 0))
    with_entries.sort(key=lambda dot: (-dot.entries, dot.name))
    return TownMap(
        width=MAP_WIDTH,
        height=round(height, 1),
        outline=widened_outline(convex_hull(projected), LAND_PADDING),
        towns=tuple(with_entries),
        others=tuple(without),
    )
