"""Drawing the demo's photos so that the duplicate finder sees exactly what the scenario says.

Photos of different posts must look different to a perceptual hash, as real photos do; planted
copies must land inside the distance band they are meant to show. Both are checked on the JPEG
bytes as written, and a photo that misses is drawn again from the next seed: the outcome is still
the same on every run.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import imagehash
from PIL import Image, ImageOps

from cli.demo import variants
from cli.demo.photos import develop, render_scene, sketch_scene
from cli.demo.plan import DemoPost
from cli.demo.scenario import Broken, CopyOf, Recipe, Scene

# Photos of different posts stay at least this far apart. The preset's review band for
# borderline duplicates ends at 16; the margin absorbs decoders that hash slightly differently.
MIN_DISTANCE = 19
# Where each kind of copy must land, as (lowest, highest) distance to its original.
# Same-account re-uploads and reposts: well inside the preset's automatic band (up to 10).
# Borderline: inside the review band (11-16), away from both of its edges.
COPY_BANDS: dict[str, tuple[int, int]] = {
    "reupload": (0, 6),
    "cropped": (0, 6),
    "mirrored": (0, 6),
    "borderline": (12, 14),
}
CROP_TRIMS = (0.03, 0.025, 0.02, 0.015, 0.01)
MAX_ATTEMPTS = 200


@dataclass(frozen=True)
class Hashes:
    """The perceptual hashes a duplicate index keeps of a photo."""

    phash: imagehash.ImageHash
    dhash: imagehash.ImageHash
    phash_mirror: imagehash.ImageHash

    @classmethod
    def of(cls, image: Image.Image) -> Hashes:
        """pHash, dHash and mirrored pHash of a small greyscale image, box-filtered down to the
        32 x 32 and 9 x 8 pixels the hashes read: the way the ingestion job hashes photos."""
        grey = image.convert("L")
        square = grey.resize((32, 32), Image.BOX)
        strip = grey.resize((9, 8), Image.BOX)
        return cls(
            imagehash.phash(square),
            imagehash.dhash(strip),
            imagehash.phash(ImageOps.mirror(square)),
        )

    def distance(self, other: Hashes) -> int:
        """As the duplicate index measures it: the closest of pHash, dHash and a flipped pHash."""
        return int(
            min(
                self.phash - other.phash,
                self.dhash - other.dhash,
                self.phash_mirror - other.phash,
                self.phash - other.phash_mirror,
            )
        )


@dataclass(frozen=True)
class Drawn:
    """One photo as written: its JPEG bytes, the drawing, and the hashes of the JPEG."""

    jpeg: bytes
    image: Image.Image  # as drawn, before encoding: copies are made from it
    hashes: Hashes


def encode(image: Image.Image, quality: int = variants.JPEG_QUALITY) -> Drawn:
    """Encode, and hash what a decoder reads back. An eighth-size greyscale JPEG decode is
    enough (the hashes look at 32 x 32 pixels or fewer) and many times faster than a full one."""
    jpeg = variants.to_jpeg(image, quality)
    decoded = Image.open(io.BytesIO(jpeg))
    decoded.draft("L", (-(-image.width // 8), -(-image.height // 8)))
    return Drawn(jpeg, image, Hashes.of(decoded))


def seed_for(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


class Album:
    """The photos drawn so far, by family (a post together with the planted copies of it)."""

    def __init__(self) -> None:
        self._seen: list[tuple[str, Hashes]] = []

    def is_distinct(self, family: str, hashes: Hashes) -> bool:
        """No photo of another family within `MIN_DISTANCE`."""
        return all(
            hashes.distance(other) >= MIN_DISTANCE
            for other_family, other in self._seen
            if other_family != family
        )

    def keep(self, family: str, photos: Sequence[Drawn]) -> None:
        self._seen.extend((family, photo.hashes) for photo in photos)


def draw_photos(posts: Sequence[DemoPost]) -> dict[str, list[bytes]]:
    """JPEG bytes of every post's photos, keyed by the post's key, in carousel order."""
    copies: dict[str, list[tuple[str, CopyOf]]] = {}
    for post in posts:
        first = post.photos[0]
        if isinstance(first, CopyOf):
            copies.setdefault(first.key, []).append((post.key, first))
    album = Album()
    result: dict[str, list[bytes]] = {}
    for post in posts:
        if isinstance(post.photos[0], CopyOf):
            continue  # drawn together with its original
        own, derived = _draw_family(post, copies.get(post.key, []), album)
        result[post.key] = own
        result.update((key, [jpeg]) for key, jpeg in derived.items())
    missing = [post.key for post in posts if post.key not in result]
    if missing:
        raise ValueError(f"copies of posts that are not in the demo: {', '.join(missing)}")
    return result


def _draw_family(
    post: DemoPost, copies: list[tuple[str, CopyOf]], album: Album
) -> tuple[list[bytes], dict[str, bytes]]:
    """Draw a post's photos and the copies of its first photo, reseeding until all fit."""
    base = seed_for(post.key)
    if isinstance(post.photos[0], Broken):
        return [variants.unreadable(encode(render_scene(base)).jpeg, base)], {}
    for attempt in range(MAX_ATTEMPTS):
        seed = base + attempt * 7919
        own = [
            _draw_distinct(recipe, seed + index * 101, post.key, album)
            for index, recipe in enumerate(post.photos)
        ]
        derived: dict[str, Drawn] = {}
        for key, recipe in copies:
            copy = _copy(own[0], recipe, seed)
            if copy is None or not album.is_distinct(post.key, copy.hashes):
                break
            derived[key] = copy
        else:
            album.keep(post.key, [*own, *derived.values()])
            return [photo.jpeg for photo in own], {k: v.jpeg for k, v in derived.items()}
    raise RuntimeError(f"could not draw photos for {post.key} that fit the scenario")


def _draw_distinct(recipe: Recipe, seed: int, family: str, album: Album) -> Drawn:
    """A new photo that looks like no photo of another post drawn so far.

    Candidates are judged on a small preview first; only a promising one is finished, encoded
    and judged again on its JPEG.
    """
    if not isinstance(recipe, Scene):
        raise ValueError("a copy or a broken file can only be a post's only photo")
    for attempt in range(MAX_ATTEMPTS):
        sketch = sketch_scene(seed + attempt * 7919, recipe.size)
        if not album.is_distinct(family, Hashes.of(develop(sketch, preview=True))):
            continue
        drawn = encode(develop(sketch))
        if album.is_distinct(family, drawn.hashes):
            return drawn
    raise RuntimeError(f"could not draw a distinct photo for {family}")


def _copy(original: Drawn, recipe: CopyOf, seed: int) -> Drawn | None:
    """The copy of `original` that `recipe` asks for, or None if none lands in its band."""
    low, high = COPY_BANDS[recipe.how]
    for copy in _candidates(original, recipe, seed):
        if low <= copy.hashes.distance(original.hashes) <= high:
            return copy
    return None


def _candidates(original: Drawn, recipe: CopyOf, seed: int) -> Iterator[Drawn]:
    """Copies to try, most changed first (lazily: each one costs an encode)."""
    image = original.image
    if recipe.how == "reupload":
        yield encode(variants.reupload(image), variants.REUPLOAD_QUALITY)
    elif recipe.how == "cropped":
        yield from (encode(variants.cropped_repost(image, trim)) for trim in CROP_TRIMS)
    elif recipe.how == "mirrored":
        yield from (encode(variants.mirrored_repost(image, trim)) for trim in CROP_TRIMS)
    else:
        # Try each framing on a small copy first; encode at full size only what looks right.
        small = image.reduce(8)
        target = Hashes.of(small)
        low, high = COPY_BANDS["borderline"]
        for framing in variants.steps_aside(seed):
            if low <= Hashes.of(variants.reframe(small, framing)).distance(target) <= high:
                yield encode(variants.reframe(image, framing))
