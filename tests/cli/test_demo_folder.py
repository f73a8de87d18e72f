"""The demo's hashtag folder: instaloader's real format, photos that differ from post to post,
and planted copies exactly as close as the duplicate finder must see them."""

from __future__ import annotations

import io
import json
import os
from itertools import combinations
from pathlib import Path

import imagehash
import instaloader
import pytest
from PIL import Image

from cli.demo.album import Hashes
from cli.demo.folder import hashtag_folder, write_hashtag_folder
from cli.demo.plan import DemoPost, plan_posts
from ingest.instaloader_files import base_name, offline_context

ORDINARY = 4  # a small demo: every planted case plus a few ordinary posts keeps this quick


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DemoPost]]:
    data_dir = tmp_path_factory.mktemp("demo-data")
    posts = plan_posts(ORDINARY)
    write_hashtag_folder(data_dir, posts)
    return data_dir, posts


def _folder(demo: tuple[Path, list[DemoPost]]) -> Path:
    return hashtag_folder(demo[0])


def _by_key(demo: tuple[Path, list[DemoPost]]) -> dict[str, DemoPost]:
    return {post.key: post for post in demo[1]}


def _photo_files(folder: Path, post: DemoPost) -> list[Path]:
    stem = base_name(post.post.posted_at)
    if len(post.photos) > 1:
        return [folder / f"{stem}_{n}.jpg" for n in range(1, len(post.photos) + 1)]
    return [folder / f"{stem}.jpg"]


def _phash(path: Path) -> imagehash.ImageHash:
    with Image.open(path) as image:
        return imagehash.phash(image.convert("RGB"))


def test_folder_is_named_like_instaloaders_hashtag_target(demo) -> None:
    assert _folder(demo).name == "#thüringendowntown"
    assert _folder(demo).parent.name == "demo-instaloader"


def test_instaloader_loads_every_post_back_offline(demo) -> None:
    context = offline_context()
    by_shortcode = {post.post.shortcode: post for post in demo[1]}
    loaded = [
        instaloader.load_structure_from_file(context, os.fspath(path))
        for path in sorted(_folder(demo).glob("*.json.xz"))
    ]
    assert {post.shortcode for post in loaded} == set(by_shortcode)
    for post in loaded:
        planned = by_shortcode[post.shortcode].post
        assert post.owner_username == planned.username
        assert post.date_utc.strftime("%Y-%m-%d_%H-%M-%S_UTC") == base_name(planned.posted_at)
        assert post.caption == planned.caption
        assert post.likes == planned.likes
        assert post.is_video == planned.is_video


def test_every_post_has_its_files(demo) -> None:
    folder = _folder(demo)
    for post in demo[1]:
        stem = base_name(post.post.posted_at)
        assert (folder / f"{stem}.json.xz").is_file()
        assert (folder / f"{stem}.txt").read_text(encoding="utf-8") == post.post.caption
        for path in _photo_files(folder, post):
            assert path.is_file(), path.name


def test_video_has_an_mp4_and_a_thumbnail(demo) -> None:
    video = _by_key(demo)["video"]
    stem = base_name(video.post.posted_at)
    assert (_folder(demo) / f"{stem}.mp4").is_file()
    assert (_folder(demo) / f"{stem}.jpg").is_file()


def test_carousel_is_numbered_from_one(demo) -> None:
    carousel = _by_key(demo)["winner-meiningen"]
    names = [path.name for path in _photo_files(_folder(demo), carousel)]
    assert names[0].endswith("_UTC_1.jpg") and len(names) == 3
    metadata = _folder(demo) / f"{base_name(carousel.post.posted_at)}.json.xz"
    loaded = instaloader.load_structure_from_file(offline_context(), os.fspath(metadata))
    assert loaded.typename == "GraphSidecar"
    assert loaded.mediacount == 3


def test_hashtag_in_comment_only(demo) -> None:
    post = _by_key(demo)["hashtag-in-comment"]
    assert "#thüringendowntown" not in post.post.caption.casefold()
    comments_file = _folder(demo) / f"{base_name(post.post.posted_at)}_comments.json"
    comments = json.loads(comments_file.read_text(encoding="utf-8"))
    assert comments[0]["owner"]["username"] == post.post.username
    assert "#ThüringenDownTown" in comments[0]["text"]
    assert {"id", "created_at", "text", "owner", "likes_count", "answers"} <= set(comments[0])


def test_small_image_is_below_the_minimum_size(demo) -> None:
    (path,) = _photo_files(_folder(demo), _by_key(demo)["small-image"])
    with Image.open(path) as image:
        assert max(image.size) < 640
    for post in demo[1]:
        if post.key not in {"small-image", "broken-image"}:
            with Image.open(_photo_files(_folder(demo), post)[0]) as image:
                assert min(image.size) >= 640, post.key


def test_broken_image_cannot_be_decoded(demo) -> None:
    (path,) = _photo_files(_folder(demo), _by_key(demo)["broken-image"])
    with pytest.raises(OSError), Image.open(io.BytesIO(path.read_bytes())) as image:
        image.load()


def _hashes(path: Path) -> Hashes:
    """Hashed as the duplicate index does: an eighth-size greyscale decode."""
    with Image.open(path) as image:
        image.draft("L", (-(-image.width // 8), -(-image.height // 8)))
        return Hashes.of(image)


def test_photos_of_different_posts_are_far_apart(demo) -> None:
    """Well above the preset's duplicate bands (10 automatic, 16 review), by pHash, by dHash and
    mirrored; and by plain full-size pHash too."""
    copies = {post.key: post.photos[0].key for post in demo[1] if hasattr(post.photos[0], "key")}
    photos = [
        (copies.get(post.key, post.key), path)
        for post in demo[1]
        if post.key != "broken-image"
        for path in _photo_files(_folder(demo), post)
    ]
    hashes = [(family, _hashes(path), _phash(path)) for family, path in photos]
    pairs = [
        (first, second)
        for first, second in combinations(hashes, 2)
        if first[0] != second[0]  # a post and its planted copies are meant to be close
    ]
    assert min(first[1].distance(second[1]) for first, second in pairs) > 16
    assert min(first[2] - second[2] for first, second in pairs) > 16


@pytest.mark.parametrize(
    ("copy", "original", "low", "high"),
    [
        ("duplicate-again", "duplicate-original", 0, 10),
        ("repost-cropped", "repost-source", 0, 10),
        ("repost-mirrored", "repost-source", 0, 10),
        ("borderline-second", "borderline-first", 11, 16),
    ],
)
def test_planted_copies_land_in_their_band(demo, copy, original, low, high) -> None:
    folder, posts = _folder(demo), _by_key(demo)
    (copy_path,) = _photo_files(folder, posts[copy])
    (original_path,) = _photo_files(folder, posts[original])
    assert low <= _hashes(copy_path).distance(_hashes(original_path)) <= high


def test_the_mirrored_repost_is_found_only_by_the_mirrored_hash(demo) -> None:
    folder, posts = _folder(demo), _by_key(demo)
    (copy_path,) = _photo_files(folder, posts["repost-mirrored"])
    (original_path,) = _photo_files(folder, posts["repost-source"])
    copy, original = _hashes(copy_path), _hashes(original_path)
    assert copy.phash - original.phash > 16
    assert copy.phash_mirror - original.phash <= 10


def test_an_identical_folder_is_kept(demo) -> None:
    result = write_hashtag_folder(demo[0], demo[1])
    assert result.reused


def test_a_damaged_folder_is_written_again(tmp_path: Path) -> None:
    posts = plan_posts(0, planted={"winner-gotha", "video"})
    first = write_hashtag_folder(tmp_path, posts)
    victim = next(first.folder.glob("*.jpg"))
    original_bytes = victim.read_bytes()
    victim.unlink()
    (first.folder / "stray.json").write_text("{}")
    second = write_hashtag_folder(tmp_path, posts)
    assert not second.reused
    assert victim.read_bytes() == original_bytes
    assert not (first.folder / "stray.json").exists()
