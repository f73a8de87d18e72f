"""Photo analysis: copies land within the duplicate distance, different photos far beyond it,
and broken or hostile files become a reason instead of a crash."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable

import imagehash
import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

from ingest.dedupe import PhotoHashes, photo_distance
from ingest.imaging import (
    HASH_DECODER,
    analyse_image,
    open_checked,
    perceptual_hashes,
    small_grey,
    to_signed,
    to_unsigned,
)
from tests.ingest.factories import jpeg, scene

REJECT, REVIEW = 10, 16  # the preset's duplicate distances


def hashes(data: bytes) -> PhotoHashes:
    facts = analyse_image(data)
    assert facts.readable, facts.unreadable_reason
    return PhotoHashes(facts.phash, facts.dhash, facts.phash_mirror)  # type: ignore[arg-type]


def overlay_text(image: Image.Image) -> Image.Image:
    copy = image.copy()
    draw = ImageDraw.Draw(copy)
    draw.rectangle((0, copy.height - 40, copy.width, copy.height), fill=(0, 0, 0))
    draw.text((10, copy.height - 30), "@someone_else #repost", fill=(255, 255, 255))
    return copy


def pad_square(image: Image.Image) -> Image.Image:
    side = max(image.size)
    canvas = Image.new("RGB", (side, side), (255, 255, 255))
    canvas.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    return canvas


def crop_5_percent(image: Image.Image) -> Image.Image:
    dx, dy = image.width // 40, image.height // 40
    return image.crop((dx, dy, image.width - dx, image.height - dy))


def rotated_with_exif(image: Image.Image) -> bytes:
    """Pixels stored sideways with EXIF orientation 6, as phones do."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return jpeg(image.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())


COPIES: dict[str, Callable[[Image.Image], bytes]] = {
    "re-encoded q60": lambda image: jpeg(image, quality=60),
    "resized to half": lambda image: jpeg(image.resize((image.width // 2, image.height // 2))),
    "text overlay": lambda image: jpeg(overlay_text(image)),
    "brighter": lambda image: jpeg(ImageEnhance.Brightness(image).enhance(1.2)),
    "4:5 padded to 1:1": lambda image: jpeg(pad_square(image)),
    "mirrored": lambda image: jpeg(ImageOps.mirror(image)),
    "EXIF-rotated": rotated_with_exif,
    "PNG instead of JPEG": lambda image: _png(image),
}


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("name", sorted(COPIES))
def test_copies_are_within_the_reject_distance(seed: int, name: str) -> None:
    original = scene(seed, (480, 600))
    distance = photo_distance(hashes(COPIES[name](original)), hashes(jpeg(original)))
    assert distance <= REJECT, f"{name}: distance {distance}"


@pytest.mark.parametrize("seed", [4, 5])
def test_a_5_percent_crop_is_at_least_flagged_for_review(seed: int) -> None:
    original = scene(seed, (480, 600))
    assert photo_distance(hashes(jpeg(crop_5_percent(original))), hashes(jpeg(original))) <= REVIEW


def test_different_photos_are_never_automatic_duplicates() -> None:
    photos = [hashes(jpeg(scene(seed, (240, 300)))) for seed in range(30)]
    distances = [photo_distance(a, b) for i, a in enumerate(photos) for b in photos[i + 1 :]]
    assert min(distances) > REJECT
    # A few made-up scenes may come within review range (people look at those), not many.
    assert sum(distance <= REVIEW for distance in distances) <= len(distances) // 100


def test_hashes_are_imagehash_on_the_same_small_decode() -> None:
    grey = small_grey(open_checked(jpeg(scene(7, (480, 600)))))
    phash, dhash, mirror = perceptual_hashes(grey)
    square = grey.resize((32, 32), Image.BOX)
    assert phash == int(str(imagehash.phash(square)), 16)
    assert mirror == int(str(imagehash.phash(ImageOps.mirror(square))), 16)
    assert dhash == int(str(imagehash.dhash(grey.resize((9, 8), Image.BOX))), 16)


def test_size_type_and_decoder_are_recorded() -> None:
    data = rotated_with_exif(scene(8, (480, 600)))
    facts = analyse_image(data, position=2)
    assert (facts.width, facts.height) == (480, 600)  # as people see it, not as stored
    assert (facts.position, facts.media_type, facts.hash_decoder) == (2, "image/jpeg", HASH_DECODER)
    assert facts.byte_size == len(data)


@pytest.mark.parametrize("value", [0, 1, 2**63 - 1, 2**63, 2**64 - 1])
def test_hashes_survive_the_signed_database_column(value: int) -> None:
    assert -(2**63) <= to_signed(value) < 2**63
    assert to_unsigned(to_signed(value)) == value


def _with_declared_size(data: bytes, width: int, height: int) -> bytes:
    """A real JPEG whose header claims another size: what a decompression bomb looks like."""
    start = data.index(b"\xff\xc0")
    header = struct.pack(">HH", height, width)
    return data[: start + 5] + header + data[start + 9 :]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"just text, no image", "not an image file"),
        (lambda: jpeg(scene(1))[:2000], "cannot decode"),
        (lambda: _with_declared_size(jpeg(scene(1)), 15000, 15000), "decompression bomb"),
        (lambda: _with_declared_size(jpeg(scene(1)), 9000, 9000), "too large"),
        (lambda: _with_declared_size(jpeg(scene(1)), 30000, 10), "absurd image size"),
    ],
)
def test_unreadable_files_give_a_reason_not_an_exception(make, reason: str) -> None:  # type: ignore[no-untyped-def]
    facts = analyse_image(make())
    assert not facts.readable
    assert reason in (facts.unreadable_reason or "")
    assert facts.sha256 is None and facts.phash is None


@pytest.mark.parametrize(
    ("size", "expected"), [((1080, 1350), (135, 169)), ((1080, 1080), (135, 135))]
)
def test_instagram_sized_jpegs_are_decoded_at_one_eighth_scale(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    """The cheap path the throughput depends on: JPEG's DCT scaling, not a 1/4 fallback."""
    assert small_grey(open_checked(jpeg(scene(3, size)))).size == expected
