"""Copies of demo photos as people really make them, and the perceptual hashes that catch them.

The duplicate finder is judged by what it flags: a re-upload by the same photographer, a repost
(cropped or mirrored) by a feature account, a second photographer a few steps aside. Each helper
here makes one of those copies; `perceptual_distance` is the yardstick the demo checks itself with.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator

import imagehash
from PIL import Image, ImageEnhance, ImageOps

JPEG_QUALITY = 86


def to_jpeg(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    """Encode as a phone or Instagram would: baseline JPEG, 4:2:0 chroma subsampling."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=False, subsampling=2)
    return buffer.getvalue()


def perceptual_hash(image: Image.Image) -> imagehash.ImageHash:
    return imagehash.phash(image)


def perceptual_distance(first: Image.Image, second: Image.Image, *, mirrored: bool = False) -> int:
    """Hamming distance of 64-bit pHashes; `mirrored` also tries the second image flipped."""
    distance = perceptual_hash(first) - perceptual_hash(second)
    if mirrored:
        distance = min(distance, perceptual_hash(first) - perceptual_hash(ImageOps.mirror(second)))
    return int(distance)


def reupload(image: Image.Image) -> Image.Image:
    """The same photographer posts the photo again: smaller, brighter, re-encoded."""
    width, height = image.size
    smaller = image.resize((int(width * 0.9), int(height * 0.9)), Image.LANCZOS)
    brighter = ImageEnhance.Brightness(smaller).enhance(1.12)
    return Image.open(io.BytesIO(to_jpeg(brighter, quality=72))).convert("RGB")


def cropped_repost(image: Image.Image) -> Image.Image:
    """A feature account reposts the photo, trimmed at the edges and a little more saturated."""
    width, height = image.size
    trim_x, trim_y = int(width * 0.05), int(height * 0.05)
    cropped = image.crop((trim_x, trim_y, width - trim_x, height - trim_y))
    return ImageEnhance.Color(cropped.resize((width, height), Image.LANCZOS)).enhance(1.15)


def mirrored_repost(image: Image.Image) -> Image.Image:
    """Another account posts the photo flipped left to right, a trick to dodge duplicate checks."""
    width, height = image.size
    trim = int(width * 0.03)
    return ImageOps.mirror(image.crop((trim, trim, width - trim, height - trim))).resize(
        (width, height), Image.LANCZOS
    )


def _steps_aside(image: Image.Image, seed: int) -> Iterator[Image.Image]:
    """Ever larger changes of framing and light, like a second photographer moving about."""
    rng = random.Random(seed)
    width, height = image.size
    for step in range(200):
        shift = 0.02 + 0.002 * step
        left = int(width * shift * rng.uniform(0.3, 1.0))
        top = int(height * shift * rng.uniform(0.0, 0.6))
        right = width - int(width * shift * rng.uniform(0.0, 0.4))
        framed = image.crop((left, top, right, height)).rotate(
            rng.uniform(-2.5, 2.5), resample=Image.BICUBIC, expand=False, fillcolor=(120, 120, 120)
        )
        framed = ImageEnhance.Brightness(framed).enhance(rng.uniform(0.85, 1.15))
        yield framed.resize((width, height), Image.LANCZOS)


def borderline_variant(image: Image.Image, band: tuple[int, int], seed: int) -> Image.Image:
    """A photo of the same view that the duplicate finder should flag for review, not reject.

    The distance has to land inside the contest's review band, so this walks away from the
    original step by step and keeps the first framing whose distance falls inside `band`.
    """
    low, high = band
    original = perceptual_hash(image)
    for candidate in _steps_aside(image, seed):
        distance = perceptual_hash(candidate) - original
        if low <= distance <= high:
            return candidate
    raise RuntimeError(f"no framing of seed {seed} lands within distance {low}-{high}")


def unreadable(jpeg: bytes, seed: int) -> bytes:
    """A broken download: a JPEG's first bytes, then noise that no decoder can read."""
    noise = random.Random(seed).randbytes(max(4096, len(jpeg) // 3))
    return jpeg[:20] + noise
