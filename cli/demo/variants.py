"""Copies of demo photos as people really make them, and the perceptual hashes that catch them.

The duplicate finder is judged by what it flags: a re-upload by the same photographer, a repost
(cropped or mirrored) by a feature account, a second photographer a few steps aside. Each helper
here makes one of those copies; `cli.demo.album` checks where they land.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageEnhance, ImageOps

JPEG_QUALITY = 86


def to_jpeg(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    """Encode as a phone or Instagram would: baseline JPEG, 4:2:0 chroma subsampling."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=False, subsampling=2)
    return buffer.getvalue()


REUPLOAD_QUALITY = 72


def reupload(image: Image.Image) -> Image.Image:
    """The same photographer posts the photo again: smaller and brighter (and saved at
    `REUPLOAD_QUALITY`, as apps re-encode)."""
    width, height = image.size
    smaller = image.resize((int(width * 0.9), int(height * 0.9)), Image.LANCZOS)
    return ImageEnhance.Brightness(smaller).enhance(1.12)


def cropped_repost(image: Image.Image, trim: float = 0.02) -> Image.Image:
    """A feature account reposts the photo, trimmed at the edges and a little more saturated."""
    width, height = image.size
    trim_x, trim_y = int(width * trim), int(height * trim)
    cropped = image.crop((trim_x, trim_y, width - trim_x, height - trim_y))
    return ImageEnhance.Color(cropped.resize((width, height), Image.LANCZOS)).enhance(1.15)


def mirrored_repost(image: Image.Image, trim: float = 0.015) -> Image.Image:
    """Another account posts the photo flipped left to right, a trick to dodge duplicate checks."""
    width, height = image.size
    edge = int(width * trim)
    return ImageOps.mirror(image.crop((edge, edge, width - edge, height - edge))).resize(
        (width, height), Image.LANCZOS
    )


@dataclass(frozen=True)
class Framing:
    """Where a second photographer stood: how much of the view they cut, tilt and light."""

    left: float
    top: float
    right: float
    angle: float
    brightness: float


def steps_aside(seed: int) -> Iterator[Framing]:
    """Ever larger changes of framing, angle and light; the caller keeps the first that lands at
    the distance it needs."""
    rng = random.Random(seed)
    for step in range(200):
        shift = 0.02 + 0.002 * step
        yield Framing(
            left=shift * rng.uniform(0.3, 1.0),
            top=shift * rng.uniform(0.0, 0.6),
            right=shift * rng.uniform(0.0, 0.4),
            angle=rng.uniform(-2.5, 2.5),
            brightness=rng.uniform(0.85, 1.15),
        )


def reframe(image: Image.Image, framing: Framing) -> Image.Image:
    """The view as a second photographer took it (works at any size, so it can be tried small)."""
    width, height = image.size
    box = (
        int(width * framing.left),
        int(height * framing.top),
        width - int(width * framing.right),
        height,
    )
    framed = image.crop(box).rotate(
        framing.angle, resample=Image.BICUBIC, expand=False, fillcolor=(120, 120, 120)
    )
    framed = ImageEnhance.Brightness(framed).enhance(framing.brightness)
    return framed.resize((width, height), Image.LANCZOS)


def unreadable(jpeg: bytes, seed: int) -> bytes:
    """A broken download: a JPEG's first bytes, then noise that no decoder can read."""
    noise = random.Random(seed).randbytes(max(4096, len(jpeg) // 3))
    return jpeg[:20] + noise
