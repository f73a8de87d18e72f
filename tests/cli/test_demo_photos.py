"""The demo's photo generator: the same seed gives the same photo, any size works, and the cheap
preview hashes (nearly) like the finished photo, which the album relies on."""

from __future__ import annotations

import imagehash
import pytest

from cli.demo.album import encode
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
    preview = imagehash.phash(develop(sketch, preview=True))
    assert preview - encode(develop(sketch)).phash <= 4
