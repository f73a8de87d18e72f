"""Small photos and instaloader folders for ingestion tests (made with Pillow, in memory)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from ingest.instaloader_files import FixturePost, write_post

START = datetime(2025, 5, 10, 12, 0, tzinfo=UTC)


def scene(seed: int, size: tuple[int, int] = (320, 400)) -> Image.Image:
    """A made-up 'photo': a smooth colour field with shapes; different seeds look different."""
    rng = np.random.default_rng(seed)
    width, height = size
    base = Image.fromarray(rng.integers(0, 256, (5, 4, 3), dtype=np.uint8)).resize(
        (width, height), Image.BICUBIC
    )
    draw = ImageDraw.Draw(base)
    for _ in range(14):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        x1 = x0 + int(rng.integers(width // 10, width // 2))
        y1 = y0 + int(rng.integers(height // 10, height // 2))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)((x0, y0, x1, y1), fill=colour)
    return base


def jpeg(image: Image.Image, quality: int = 88, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality, **options)
    return buffer.getvalue()


def photo(seed: int, size: tuple[int, int] = (320, 400)) -> bytes:
    return jpeg(scene(seed, size))


def post(
    number: int,
    *,
    username: str | None = None,
    images: list[bytes] | None = None,
    likes: int = 10,
    caption: str = "Marktplatz in Gotha #ThüringenDownTown @downtownsnaps_th",
    **fields: object,
) -> FixturePost:
    """Post number N: shortcode, time and photo all derived from N, so tests stay readable."""
    return FixturePost(
        shortcode=f"Cx{number:09d}",
        username=username or f"user{number % 7}",
        posted_at=START + timedelta(hours=number),
        caption=caption,
        likes=likes,
        images=images if images is not None else [photo(number)],
        **fields,  # type: ignore[arg-type]
    )


def write_folder(folder: Path, posts: list[FixturePost]) -> Path:
    for item in posts:
        write_post(folder, item)
    return folder
