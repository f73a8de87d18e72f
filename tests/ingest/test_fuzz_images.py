"""Fuzzing the photo files: random bytes, damaged images and headers claiming giant sizes."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from contest.settings import Settings
from ingest.instaloader_files import write_post
from tests.ingest.factories import scene
from tests.ingest.hostile import FUZZ, FuzzHarness, Imported, hostile_post

pytestmark = pytest.mark.slow


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int, *, pixels: bool = False) -> bytes:
    """A well-formed PNG header (valid CRCs) that declares any size; IDAT only if asked."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = _chunk(b"IDAT", zlib.compress(b"\x00" * (1 + 3 * width) * height)) if pixels else b""
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + data + _chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    """Start of image and a baseline frame header (SOF0) declaring the size, then the end."""
    frame = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    return b"\xff\xd8\xff\xc0" + struct.pack(">H", len(frame) + 2) + frame + b"\xff\xd9"


def gif_claiming(width: int, height: int) -> bytes:
    screen = struct.pack("<HHBBB", width, height, 0, 0, 0)
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00\x3b"
    return b"GIF89a" + screen + image


def bmp_claiming(width: int, height: int) -> bytes:
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + len(info), 0, 0, 54) + info


def webp_claiming(width: int, height: int) -> bytes:
    """The extended header (VP8X) stores size - 1 in 24 bits: 1 to 16,777,216 each way."""
    sides = [min(max(side, 1), 1 << 24) - 1 for side in (width, height)]
    vp8x = b"\x00\x00\x00\x00" + b"".join(side.to_bytes(3, "little") for side in sides)
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", len(body)) + body


def tiff_claiming(width: int, height: int) -> bytes:
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 1, 8),
        (262, 3, 1, 1),
        (273, 4, 1, 8),
        (277, 3, 1, 1),
        (279, 4, 1, 1),
    ]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x00\x00\x00\x00"


CLAIMING = [png_claiming, jpeg_claiming, gif_claiming, bmp_claiming, webp_claiming, tiff_claiming]


@cache
def real_image(kind: str) -> bytes:
    buffer = io.BytesIO()
    scene(7, (96, 120)).save(buffer, kind)
    return buffer.getvalue()


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    def flip(flips: list[tuple[int, int]]) -> bytes:
        copy = bytearray(data)
        for position, mask in flips:
            copy[position % len(copy)] ^= mask
        return bytes(copy)

    return st.integers(0, len(data) - 1).map(lambda end: data[:end]) | st.lists(
        st.tuples(st.integers(0, len(data) - 1), st.integers(1, 255)), min_size=1, max_size=6
    ).map(flip)


SIZES = st.sampled_from([0, 1, 2, 640, 20_001, 60_000, 65_535]) | st.integers(1, 700)
HOSTILE_IMAGES = (
    st.binary(max_size=3000)
    | st.sampled_from(["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"])
    .map(real_image)
    .flatmap(damaged)
    | st.builds(lambda make, w, h: make(w, h), st.sampled_from(CLAIMING), SIZES, SIZES)
    | st.builds(
        lambda w, h: png_claiming(w, h, pixels=True), st.integers(1, 300), st.integers(1, 300)
    )
)


GOTHA = {"name": "Gotha, Hauptmarkt", "lat": 50.9487, "lng": 10.7018}


@pytest.fixture
def harness(sessions: sessionmaker[Session], settings: Settings) -> FuzzHarness:
    return FuzzHarness(sessions, settings)


def import_photos(harness: FuzzHarness, images: list[bytes]) -> Imported:
    """One post (a carousel if several images) whose photo files hold the given bytes."""

    def write(folder: Path) -> list[Path]:
        fixture = hostile_post(0, images=len(images), location=GOTHA)
        fixture.images = images
        return [write_post(folder, fixture)]

    imported = harness.import_hostile(write)
    assert not imported.errors, "a broken photo is no reason to lose the post"
    return imported


@FUZZ
@given(images=st.lists(HOSTILE_IMAGES, min_size=1, max_size=2))
def test_hostile_photo_files_end_as_entries_with_a_reason(
    harness: FuzzHarness, images: list[bytes]
) -> None:
    imported = import_photos(harness, images)
    entry = imported.entries["Fz000000000"]
    assert [photo.position for photo in entry.photos] == list(range(len(images)))
    for photo in entry.photos:
        if photo.unreadable_reason is None:  # damage the decoder could live with
            assert min(photo.width, photo.height) >= 1 and max(photo.width, photo.height) <= 20_000


GIANTS = [
    *(
        (make, 60_000, 60_000, "decompression bomb")
        for make in CLAIMING
        if make is not webp_claiming
    ),
    *((make, 9_000, 9_000, "image too large") for make in CLAIMING if make is not webp_claiming),
    *((make, 20_001, 1, "absurd image size") for make in CLAIMING if make is not webp_claiming),
    # The largest WebP there can be; Pillow reads a WebP's size only through a working decoder,
    # which this header-only file does not give it below the bomb limit.
    (webp_claiming, 16_384, 16_384, "decompression bomb"),
]


@pytest.mark.parametrize(
    ("make", "width", "height", "refusal"),
    GIANTS,
    ids=[f"{make.__name__}-{w}x{h}" for make, w, h, _refusal in GIANTS],
)
def test_giant_declared_sizes_are_refused_before_decoding(
    harness: FuzzHarness, make: Callable[[int, int], bytes], width: int, height: int, refusal: str
) -> None:
    imported = import_photos(harness, [make(width, height)])
    entry = imported.entries["Fz000000000"]
    reason = entry.photos[0].unreadable_reason or ""
    assert refusal in reason
    assert entry.status == "review" and entry.reasons == ["image_unreadable"]
    assert entry.reason_details["image_unreadable"] == reason
