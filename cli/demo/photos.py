"""Procedural downtown photos for the demo: facades, market squares, lanes and church towers.

The demo must run offline and ship no photographs of anyone, yet the gallery, the jury pages and
the duplicate finder need pictures that look like town centres and differ from each other the way
real photos do. Every picture is drawn from a seed, so the demo is the same on every machine.
Coordinates are fractions of the canvas, so a scene can be drawn at any size.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from cli.demo.townscape import RGB, Canvas

PORTRAIT = (1080, 1350)
SQUARE = (1080, 1080)


@dataclass(frozen=True)
class Light:
    """Time of day: sky gradient (top, horizon), a colour cast and how many clouds."""

    top: RGB
    horizon: RGB
    cast: tuple[float, float, float]
    clouds: int


LIGHTS: tuple[Light, ...] = (
    Light((58, 112, 190), (170, 205, 235), (1.0, 1.0, 1.0), 5),  # clear day
    Light((70, 95, 160), (250, 190, 120), (1.08, 0.98, 0.85), 3),  # golden hour
    Light((150, 155, 165), (205, 208, 212), (0.95, 0.97, 1.0), 14),  # overcast
    Light((25, 40, 95), (120, 110, 170), (0.8, 0.82, 1.0), 2),  # blue hour
    Light((95, 150, 215), (215, 230, 245), (1.02, 1.02, 1.0), 8),  # spring morning
)


@dataclass(frozen=True)
class Sketch:
    """A scene as drawn, before the light of the hour and the grain of the sensor."""

    image: Image.Image
    light: Light
    seed: int


def render_scene(seed: int, size: tuple[int, int] = PORTRAIT) -> Image.Image:
    """One downtown view; the seed picks the kind of scene, the light and every detail."""
    return develop(sketch_scene(seed, size))


def sketch_scene(seed: int, size: tuple[int, int] = PORTRAIT) -> Sketch:
    rng = random.Random(seed)
    # Framing: draw a little larger and crop, as a photographer steps closer or aside.
    zoom = rng.uniform(1.0, 1.2)
    width, height = int(size[0] * zoom), int(size[1] * zoom)
    light = rng.choice(LIGHTS)
    image = _sky(width, height, light, rng)
    draw = ImageDraw.Draw(image)
    kind = rng.choices(("street", "square", "church", "lane"), weights=(3, 3, 2, 2))[0]
    canvas = Canvas(draw, width, height, rng)
    if kind == "street":
        canvas.street()
    elif kind == "square":
        canvas.square()
    elif kind == "church":
        canvas.church()
    else:
        canvas.lane()
    left = int(rng.uniform(0, width - size[0]))
    top = int(rng.uniform(0, height - size[1]))
    image = image.crop((left, top, left + size[0], top + size[1]))
    if rng.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return Sketch(image, light, seed)


def _sky(width: int, height: int, light: Light, rng: random.Random) -> Image.Image:
    """A vertical gradient with soft clouds (drawn small and blurred: cheap and smooth)."""
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None] ** rng.uniform(0.7, 1.4)
    top = np.array(light.top, dtype=np.float32)
    horizon = np.array(light.horizon, dtype=np.float32)
    column = (top * (1 - ramp) + horizon * ramp).astype(np.uint8)
    sky = Image.fromarray(column, "RGB").resize((width, height), Image.NEAREST)
    mask = Image.new("L", (width // 8, height // 8), 0)
    draw = ImageDraw.Draw(mask)
    for _ in range(light.clouds):
        x = rng.uniform(-0.1, 1.0) * mask.width
        y = rng.uniform(0.02, 0.45) * mask.height
        w = rng.uniform(0.15, 0.5) * mask.width
        for _puff in range(rng.randint(3, 6)):
            dx, dy = rng.uniform(0, w), rng.uniform(-w / 8, w / 8)
            r = rng.uniform(w / 8, w / 4)
            draw.ellipse((x + dx - r, y + dy - r / 2, x + dx + r, y + dy + r / 2), fill=200)
    mask = mask.filter(ImageFilter.GaussianBlur(2.5)).resize((width, height), Image.BILINEAR)
    cloud = Image.new("RGB", (width, height), (245, 245, 248))
    return Image.composite(cloud, sky, mask)


def develop(sketch: Sketch, *, preview: bool = False) -> Image.Image:
    """Colour cast of the hour, light and shade, and sensor grain.

    With `preview`, an eighth of the size and without grain: enough for a perceptual hash, at a
    fraction of the cost, so a photo that would look too much like another is never finished.
    """
    image = sketch.image.reduce(8) if preview else sketch.image
    width, height = image.size
    cast = [min(255, int(v * sketch.light.cast[band])) for band in range(3) for v in range(256)]
    image = image.point(cast)
    rng = np.random.default_rng(sketch.seed)
    # Where the sun falls: real photos of the same kind of place differ most in light and shade,
    # and that is also what keeps the perceptual hashes of two demo photos apart. (No vignette:
    # the same darkening in every photo would pull their hashes together.)
    sun = np.asarray(
        Image.fromarray(rng.uniform(0.45, 1.35, (6, 5)).astype(np.float32), "F").resize(
            (18, 24), Image.BICUBIC
        )
    )
    light_map = np.clip(sun * 128, 0, 255).astype(np.uint8)
    light_map = Image.fromarray(light_map, "L").resize((width, height), Image.BILINEAR)
    pixels = np.asarray(image).astype(np.uint16)
    pixels *= np.asarray(light_map, dtype=np.uint16)[..., None]
    pixels >>= 7
    np.minimum(pixels, 255, out=pixels)
    lit = Image.fromarray(pixels.astype(np.uint8), "RGB")
    if preview:
        return lit
    return ImageChops.add(lit, _grain(width, height, rng), 1.0, -_GRAIN_OFFSET)


_GRAIN_OFFSET = 32
_GRAIN_MARGIN = 64


@functools.cache
def _grain_field(width: int, height: int) -> Image.Image:
    """Monochrome sensor noise around `_GRAIN_OFFSET`, a little larger than the photo."""
    noise = np.random.default_rng(2025).normal(
        _GRAIN_OFFSET, 5.0, (height + _GRAIN_MARGIN, width + _GRAIN_MARGIN)
    )
    band = Image.fromarray(np.clip(noise, 0, 2 * _GRAIN_OFFSET).astype(np.uint8), "L")
    return Image.merge("RGB", (band, band, band))


def _grain(width: int, height: int, rng: np.random.Generator) -> Image.Image:
    """This photo's grain: the shared field, shifted by a per-photo offset."""
    dx, dy = (int(v) for v in rng.integers(0, _GRAIN_MARGIN, 2))
    return _grain_field(width, height).crop((dx, dy, dx + width, dy + height))
