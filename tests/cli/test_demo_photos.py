"""The demo's photo generator: the same seed gives the same photo, any size works, and the cheap
preview hashes (nearly) like the finished photo, which the album relies on."""

from __future__ import annotations

import pytest
from PIL import ImageOps

from cli.demo.album import Hashes, encode
from cli.demo.photos import PORTRAIT, SQUARE, develop, render_scene, sketch_scene


def test_same_seed_same_photo() -> None:
    assert render_scene(7).tobytes() == render_scene(7).tobytes()
    assert render_scene(7).tobytes() != render_scene(8).tobytes()


@pytest.mark.parametrize("size", [PORTRAIT, SQUARE, (480, 600), (720, 1280)])
def test_photo_has_the_requested_size(size: tuple[int, int]) -> None:
    image = render_scene(3, size)
    assert image.size == size
    assert image.mode == "RGB"


@pytest.mark.parametrize("seed", range(6))
def test_preview_hashes_like_the_finished_jpeg(seed: int) -> None:
    sketch = sketch_scene(seed)
    preview = Hashes.of(develop(sketch, preview=True))
    finished = encode(develop(sketch)).hashes
    assert preview.distance(finished) <= 4
    assert preview.phash - finished.phash <= 6


def test_distance_is_the_closest_of_the_three_hashes() -> None:
    """As the duplicate index measures: a mirrored copy is close although its pHash is not."""
    image = render_scene(11)
    mirrored = ImageOps.mirror(image)
    plain, flipped = Hashes.of(image), Hashes.of(mirrored)
    assert plain.phash - flipped.phash > 10
    assert plain.distance(flipped) <= 2
    assert plain.distance(Hashes.of(render_scene(12))) > 16
