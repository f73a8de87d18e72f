"""Town centres drawn with Pillow primitives: house rows, towers, cobbles, lanes, fountains, trees.

The shapes are simple, but sizes, colours and positions come from the scene's random source, so no
two scenes are alike. Thuringian colours: ochre and pastel plaster, red tiles and slate, dark
half-timbering.
"""

from __future__ import annotations

import random

from PIL import ImageDraw

RGB = tuple[int, int, int]

FACADES: tuple[RGB, ...] = (
    (232, 200, 114),  # Thuringian yellow
    (217, 164, 65),  # ochre
    (227, 155, 123),  # salmon
    (230, 184, 176),  # old pink
    (241, 227, 198),  # cream
    (185, 201, 160),  # pale green
    (174, 191, 203),  # blue grey
    (238, 234, 224),  # white plaster
    (181, 82, 59),  # oxblood
    (205, 180, 150),  # sandstone
)
ROOFS: tuple[RGB, ...] = ((160, 70, 45), (123, 58, 42), (74, 79, 87), (61, 61, 61), (140, 60, 50))
TIMBER: RGB = (75, 50, 33)
FRAME: RGB = (245, 243, 238)
GREENS: tuple[RGB, ...] = ((62, 110, 52), (80, 128, 60), (45, 90, 45), (98, 140, 70))


def _shade(colour: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, int(c * factor))) for c in colour)  # type: ignore[return-value]


class Canvas:
    """Drawing helpers sharing the draw handle, the canvas size and the scene's random source."""

    def __init__(self, draw: ImageDraw.ImageDraw, width: int, height: int, rng: random.Random):
        self.draw, self.w, self.h, self.rng = draw, width, height, rng

    # Scenes -------------------------------------------------------------------------------

    def street(self) -> None:
        """A row of town houses seen from across the street (Häuserzeile am Markt)."""
        base = self.h * self.rng.uniform(0.82, 0.9)
        self.house_row(base, scale=self.rng.uniform(0.9, 1.25))
        self.pavement(base)
        if self.rng.random() < 0.6:
            self.tree(self.rng.uniform(0.05, 0.95) * self.w, base + 10, self.w * 0.13)

    def square(self) -> None:
        """A market square: houses behind, cobbles in perspective, a fountain or a town hall."""
        horizon = self.h * self.rng.uniform(0.5, 0.66)
        self.house_row(horizon, scale=self.rng.uniform(0.45, 0.7))
        if self.rng.random() < 0.5:
            self.tower(self.rng.uniform(0.2, 0.8) * self.w, horizon, self.w * 0.11, 0.55)
        self.cobbles(horizon, self.rng.uniform(0.2, 0.8) * self.w)
        if self.rng.random() < 0.7:
            self.fountain(self.rng.uniform(0.3, 0.7) * self.w, horizon + (self.h - horizon) * 0.45)
        for _ in range(self.rng.randint(0, 2)):
            self.tree(self.rng.choice((0.08, 0.92)) * self.w, horizon + 30, self.w * 0.12)

    def church(self) -> None:
        """A church tower above the roofs, the classic view from a side street."""
        base = self.h * self.rng.uniform(0.84, 0.92)
        x = self.rng.uniform(0.3, 0.7) * self.w
        self.tower(x, base - self.h * 0.25, self.w * self.rng.uniform(0.16, 0.24), 0.95)
        self.house_row(base, scale=self.rng.uniform(0.55, 0.75))
        self.pavement(base)
        for _ in range(self.rng.randint(1, 3)):
            self.tree(self.rng.uniform(0.0, 1.0) * self.w, base + 15, self.w * 0.1)

    def lane(self) -> None:
        """A narrow lane (Gasse) running towards a vanishing point, houses on both sides."""
        vx = self.w * self.rng.uniform(0.2, 0.8)
        vy = self.h * self.rng.uniform(0.35, 0.62)
        self.cobbles(vy, vx, lane=True)
        if self.rng.random() < 0.35:  # lane opening onto a square: houses on one side only
            self.house_row(vy + self.h * 0.05, scale=self.rng.uniform(0.3, 0.5))
            self.lane_wall(vx, vy, self.rng.choice((-1, 1)))
            return
        if self.rng.random() < 0.5:
            self.tower(vx, vy, self.w * 0.08, self.rng.uniform(0.5, 0.8))
        for side in (-1, 1):
            self.lane_wall(vx, vy, side)

    # Parts --------------------------------------------------------------------------------

    def house_row(self, base: float, scale: float) -> None:
        x = -self.rng.uniform(0, 0.1) * self.w
        while x < self.w:
            width = self.w * self.rng.uniform(0.17, 0.32) * scale
            height = self.h * self.rng.uniform(0.28, 0.45) * scale
            self.house(x, base, width, height)
            x += width

    def house(self, left: float, base: float, width: float, height: float) -> None:
        rng, draw = self.rng, self.draw
        wall = rng.choice(FACADES)
        roof = rng.choice(ROOFS)
        top = base - height
        draw.rectangle((left, top, left + width, base), fill=wall, outline=_shade(wall, 0.8))
        roof_height = height * rng.uniform(0.3, 0.6)
        if rng.random() < 0.6:  # gable facing the street
            draw.polygon(
                [(left, top), (left + width / 2, top - roof_height), (left + width, top)], fill=roof
            )
        else:  # eaves facing the street, with dormers
            inset = width * 0.12
            draw.polygon(
                [
                    (left, top),
                    (left + inset, top - roof_height * 0.7),
                    (left + width - inset, top - roof_height * 0.7),
                    (left + width, top),
                ],
                fill=roof,
            )
            for k in range(rng.randint(1, 2)):
                dx = left + width * (0.3 + 0.35 * k)
                draw.rectangle(
                    (dx, top - roof_height * 0.45, dx + width * 0.12, top - 4),
                    fill=_shade(wall, 0.9),
                )
        floors = max(2, int(height / (self.h * 0.085)))
        columns = max(2, int(width / (self.w * 0.07)))
        storey = height / (floors + 0.3)
        glass = (47, 58, 69) if rng.random() < 0.7 else (70, 80, 95)
        for floor in range(floors):
            y0 = top + storey * (floor + 0.25)
            for column in range(columns):
                x0 = left + width * (column + 0.28) / columns
                x1 = x0 + width * 0.44 / columns
                y1 = y0 + storey * 0.55
                if floor == floors - 1 and column == columns // 2:
                    draw.rectangle((x0, y0, x1, base), fill=_shade(wall, 0.45))  # door
                    continue
                draw.rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 3), fill=FRAME)
                draw.rectangle((x0, y0, x1, y1), fill=glass)
                draw.line(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1), fill=FRAME, width=2)
        if rng.random() < 0.35:  # half-timbering (Fachwerk)
            beam = max(2, int(width / 40))
            for floor in range(floors + 1):
                y = top + storey * floor
                draw.line((left, y, left + width, y), fill=TIMBER, width=beam)
            for column in range(columns + 1):
                x = left + width * column / columns
                draw.line((x, top, x, base), fill=TIMBER, width=beam)
                if column < columns:
                    draw.line(
                        (x, top + storey, x + width / columns / 2, top), fill=TIMBER, width=beam
                    )

    def tower(self, centre: float, base: float, width: float, reach: float) -> None:
        """A church or town-hall tower with belfry, clock and a spire or baroque cap."""
        rng, draw = self.rng, self.draw
        stone = rng.choice(((200, 190, 170), (170, 160, 145), (225, 215, 190), (150, 120, 100)))
        top = base - self.h * reach * rng.uniform(0.45, 0.6)
        left, right = centre - width / 2, centre + width / 2
        draw.rectangle((left, top, right, base), fill=stone, outline=_shade(stone, 0.7))
        for k in range(3):
            y = top + (base - top) * (0.12 + 0.28 * k)
            draw.rounded_rectangle(
                (centre - width * 0.12, y, centre + width * 0.12, y + width * 0.4),
                radius=width * 0.1,
                fill=(40, 40, 45),
            )
        clock_y = top + width * 0.2
        r = width * 0.22
        draw.ellipse((centre - r, clock_y - r, centre + r, clock_y + r), fill=(240, 235, 220))
        draw.line((centre, clock_y, centre, clock_y - r * 0.8), fill=(30, 30, 30), width=3)
        draw.line((centre, clock_y, centre + r * 0.6, clock_y), fill=(30, 30, 30), width=3)
        cap = rng.choice(((70, 110, 100), (60, 60, 65), (120, 60, 45)))
        if rng.random() < 0.5:  # pointed spire
            draw.polygon(
                [(left - 4, top), (centre, top - width * rng.uniform(1.4, 2.2)), (right + 4, top)],
                fill=cap,
            )
        else:  # baroque cap with lantern (welsche Haube)
            draw.ellipse((left - 6, top - width * 0.5, right + 6, top + width * 0.2), fill=cap)
            draw.rectangle(
                (
                    centre - width * 0.12,
                    top - width * 0.9,
                    centre + width * 0.12,
                    top - width * 0.4,
                ),
                fill=stone,
            )
            draw.ellipse(
                (centre - width * 0.2, top - width * 1.15, centre + width * 0.2, top - width * 0.8),
                fill=cap,
            )
            draw.line((centre, top - width * 1.15, centre, top - width * 1.5), fill=cap, width=4)

    def cobbles(self, horizon: float, vanish_x: float, *, lane: bool = False) -> None:
        """Cobblestones in perspective: rows get thinner towards the horizon."""
        draw, rng = self.draw, self.rng
        base = rng.choice(((128, 120, 112), (150, 140, 128), (110, 108, 105), (165, 150, 130)))
        draw.rectangle((0, horizon, self.w, self.h), fill=base)
        depth = 1.0
        columns = rng.randint(14, 26)
        while depth < 14:
            next_depth = depth * 1.12
            y0 = horizon + (self.h - horizon) / next_depth
            y1 = horizon + (self.h - horizon) / depth
            for column in range(columns):
                u0 = (column / columns - 0.5) * 3.0
                u1 = ((column + 1) / columns - 0.5) * 3.0
                quad = [
                    (vanish_x + u0 * self.w / depth, y1),
                    (vanish_x + u1 * self.w / depth, y1),
                    (vanish_x + u1 * self.w / next_depth, y0),
                    (vanish_x + u0 * self.w / next_depth, y0),
                ]
                draw.polygon(quad, fill=_shade(base, rng.uniform(0.8, 1.15)), outline=(70, 66, 60))
            depth = next_depth
        if not lane:
            draw.line((0, horizon, self.w, horizon), fill=_shade(base, 0.6), width=3)

    def lane_wall(self, vx: float, vy: float, side: int) -> None:
        """Houses along one side of a lane, projected towards the vanishing point."""
        draw, rng = self.draw, self.rng
        near_x = vx + side * self.w * rng.uniform(0.6, 0.9)
        depth = 1.0
        while depth < 9:
            far = depth * rng.uniform(1.3, 1.8)
            wall = rng.choice(FACADES)
            up = self.h * rng.uniform(0.55, 0.95)
            down = (self.h - vy) * 1.0

            def at(d: float, lift: float, near_x: float = near_x) -> tuple[float, float]:
                return (vx + (near_x - vx) / d, vy + lift / d)

            draw.polygon(
                [at(depth, down), at(depth, -up), at(far, -up), at(far, down)],
                fill=wall,
                outline=_shade(wall, 0.7),
            )
            roof_lift = -up - self.h * 0.06
            draw.polygon(
                [at(depth, -up), at(depth, roof_lift), at(far, roof_lift), at(far, -up)],
                fill=rng.choice(ROOFS),
            )
            floors = 3
            for floor in range(floors):
                lift0 = -up + (up + down * 0.6) * (floor + 0.3) / floors
                lift1 = lift0 + (up + down * 0.6) * 0.3 / floors
                for step in (0.25, 0.6):
                    d0 = depth + (far - depth) * step
                    d1 = depth + (far - depth) * (step + 0.2)
                    draw.polygon(
                        [at(d0, lift0), at(d1, lift0), at(d1, lift1), at(d0, lift1)],
                        fill=(50, 60, 70),
                        outline=FRAME,
                    )
            depth = far

    def pavement(self, base: float) -> None:
        self.draw.rectangle((0, base, self.w, self.h), fill=(150, 146, 140))
        self.draw.line((0, base, self.w, base), fill=(90, 88, 85), width=4)

    def fountain(self, x: float, y: float) -> None:
        """A market fountain: basin, column and a figure on top (Ziegenbrunnen, Roland...)."""
        draw = self.draw
        r = self.w * self.rng.uniform(0.09, 0.14)
        stone = (185, 175, 160)
        draw.ellipse((x - r, y - r * 0.3, x + r, y + r * 0.3), fill=_shade(stone, 0.85))
        draw.rectangle((x - r, y - r * 0.35, x + r, y), fill=stone)
        draw.ellipse((x - r, y - r * 0.65, x + r, y - r * 0.05), fill=(90, 130, 160))
        draw.rectangle((x - r * 0.1, y - r * 1.6, x + r * 0.1, y - r * 0.35), fill=stone)
        draw.ellipse((x - r * 0.18, y - r * 2.0, x + r * 0.18, y - r * 1.5), fill=(120, 110, 95))

    def tree(self, x: float, base: float, size: float) -> None:
        draw, rng = self.draw, self.rng
        draw.rectangle(
            (x - size * 0.08, base - size * 1.3, x + size * 0.08, base), fill=(80, 60, 45)
        )
        green = rng.choice(GREENS)
        for _ in range(9):
            cx = x + rng.uniform(-0.6, 0.6) * size
            cy = base - size * 1.5 + rng.uniform(-0.6, 0.5) * size
            r = size * rng.uniform(0.35, 0.6)
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r), fill=_shade(green, rng.uniform(0.8, 1.2))
            )
