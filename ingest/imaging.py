"""Reading one photo safely and computing its perceptual hashes.

Hashes are made from a 1/8-scale decode (`Image.draft` for JPEG: the decoder skips most of the
work), after EXIF orientation and after trimming plain borders, so a rotated, padded (4:5 <-> 1:1)
or re-encoded copy lands close to its original. The mirrored image's pHash catches flipped
reposts. Every photo in the database is hashed by this one pipeline (`HASH_DECODER`), because
distances between hashes from different decoders are not comparable.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.records import ImageFacts
from ingest.storage import sha256_hex

HASH_DECODER = "draft8-trim-v2"  # names the pipeline below; bump it when the pipeline changes
DRAFT_SCALE = 8
MAX_PIXELS = 60_000_000  # a 60-megapixel camera photo is the largest honest upload
MAX_SIDE = 20_000
MAX_BYTES = 60 * 1024 * 1024
BORDER_TOLERANCE = 12  # grey levels a "plain" border may vary by
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


class UnreadableImage(ValueError):
    """The bytes are not a photo we can safely decode; the message says why, for people."""


def to_signed(value: int) -> int:
    """64-bit unsigned hash -> signed, because PostgreSQL has no unsigned bigint."""
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


def open_checked(data: bytes) -> Image.Image:
    """Open (header only) and refuse decompression bombs and absurd sizes before decoding."""
    if len(data) > MAX_BYTES:
        raise UnreadableImage(f"file too large ({len(data) // (1024 * 1024)} MB)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise UnreadableImage(f"refused as a decompression bomb ({error})") from error
    except UnidentifiedImageError as error:
        raise UnreadableImage("not an image file Pillow can read") from error
    except (OSError, ValueError, SyntaxError) as error:
        raise UnreadableImage(f"broken image header ({error})") from error
    width, height = image.size
    if width < 1 or height < 1 or width > MAX_SIDE or height > MAX_SIDE:
        raise UnreadableImage(f"absurd image size {width}x{height}")
    if width * height > MAX_PIXELS:
        raise UnreadableImage(f"image too large ({width}x{height} pixels)")
    return image


def oriented_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as people see the photo (EXIF orientation 5-8 swaps them)."""
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def small_grey(image: Image.Image) -> Image.Image:
    """A ~1/8-scale greyscale decode, upright. JPEG decodes at that scale directly."""
    width, height = image.size
    # Rounded down: JPEG's draft picks the smallest scale whose result is at least the target,
    # and 1350 / 8 = 168.75 rounded up would fall back to 1/4 scale, twice the decoding work.
    target = (max(1, width // DRAFT_SCALE), max(1, height // DRAFT_SCALE))
    if image.format == "JPEG":
        image.draft("L", target)
    small = ImageOps.exif_transpose(image)
    if small.size[0] > target[0] * 2 or small.size[1] > target[1] * 2:  # formats without draft
        small = small.reduce(DRAFT_SCALE)
    return small.convert("L")


def trim_plain_border(grey: Image.Image) -> Image.Image:
    """Cut uniform borders (white/black padding) so padded and unpadded copies match."""
    pixels = np.asarray(grey, dtype=np.int16)
    corners = np.array([pixels[0, 0], pixels[0, -1], pixels[-1, 0], pixels[-1, -1]])
    background = int(np.median(corners))
    content = np.abs(pixels - background) > BORDER_TOLERANCE
    rows = np.flatnonzero(content.any(axis=1))
    cols = np.flatnonzero(content.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return grey  # a plain image: nothing to trim to
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    if (bottom - top) < pixels.shape[0] // 2 or (right - left) < pixels.shape[1] // 2:
        return grey  # would cut away more than half: that is content, not padding
    return grey.crop((int(left), int(top), int(right), int(bottom)))


def _dct_rows(size: int, keep: int) -> np.ndarray:
    """The first `keep` rows of the unnormalised DCT-II matrix (scipy.fftpack.dct's)."""
    k = np.arange(keep)[:, None]
    n = np.arange(size)[None, :]
    return 2.0 * np.cos(np.pi * k * (2 * n + 1) / (2 * size))


PHASH_SIZE = 32  # imagehash.phash: hash_size 8 * highfreq_factor 4
_DCT8 = _dct_rows(PHASH_SIZE, 8)
_BIT_WEIGHTS = (1 << np.arange(63, -1, -1, dtype=np.uint64)).astype(np.uint64)


def bits_to_int(bits: np.ndarray) -> int:
    """Row-major bits, first bit most significant: the order imagehash prints in hex."""
    return int(np.bitwise_or.reduce(_BIT_WEIGHTS[bits.flatten()]))


def phash_of_pixels(pixels: np.ndarray) -> int:
    """imagehash.phash on a 32x32 greyscale array: low 8x8 DCT coefficients above their median."""
    low = _DCT8 @ pixels @ _DCT8.T
    return bits_to_int(low > np.median(low))


def perceptual_hashes(grey: Image.Image) -> tuple[int, int, int]:
    """(pHash, dHash, pHash of the mirror image) as unsigned 64-bit integers.

    The algorithms and bit order of `imagehash.phash` / `imagehash.dhash` (a test checks it),
    with a box filter for the small resizes (averaging is what hashing wants, and it is 6x faster
    than imagehash's Lanczos here); the 32x32 thumbnail serves both pHashes.
    """
    trimmed = trim_plain_border(grey)
    square = np.asarray(trimmed.resize((PHASH_SIZE, PHASH_SIZE), Image.BOX), dtype=np.float64)
    strip = np.asarray(trimmed.resize((9, 8), Image.BOX), dtype=np.int16)
    dhash = bits_to_int(strip[:, 1:] > strip[:, :-1])
    return phash_of_pixels(square), dhash, phash_of_pixels(square[:, ::-1])


def analyse_image(data: bytes, position: int = 0) -> ImageFacts:
    """Identify, measure and hash one photo; an unreadable one yields the reason, not an error."""
    try:
        image = open_checked(data)
        media_type = MEDIA_TYPES.get(image.format or "", "application/octet-stream")
        width, height = oriented_size(image)
        grey = small_grey(image)
        phash, dhash, mirror = perceptual_hashes(grey)
    except UnreadableImage as error:
        return ImageFacts(position=position, byte_size=len(data), unreadable_reason=str(error))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        # Truncated or corrupt data shows up only while decoding.
        return ImageFacts(
            position=position, byte_size=len(data), unreadable_reason=f"cannot decode ({error})"
        )
    return ImageFacts(
        position=position,
        sha256=sha256_hex(data),
        media_type=media_type,
        width=width,
        height=height,
        byte_size=len(data),
        phash=phash,
        dhash=dhash,
        phash_mirror=mirror,
        hash_decoder=HASH_DECODER,
    )
