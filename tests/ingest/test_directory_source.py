"""Reading what instaloader left on disk: grouping files, offline metadata, foreign files."""

from __future__ import annotations

import lzma
from pathlib import Path

import instaloader

from ingest.directory_source import NotAPost, prepare_post, scan_folder
from ingest.instaloader_files import offline_context, write_post
from ingest.media_paths import original_path
from ingest.records import PreparedPost, SourceProblem
from tests.ingest.factories import photo, post


def test_files_are_grouped_per_post_with_carousel_positions(tmp_path: Path) -> None:
    write_post(tmp_path, post(1))
    write_post(tmp_path, post(2, images=[photo(20), photo(21), photo(22)]))
    write_post(tmp_path, post(3, images=[photo(30)]), compress=False)
    found = scan_folder(tmp_path)
    assert [sorted(files.images) for files in found] == [[0], [0, 1, 2], [0]]
    assert found[2].metadata.name.endswith(".json")


def test_a_post_is_read_offline_with_its_geotag(tmp_path: Path) -> None:
    location = {"name": "Meiningen, Postgasse", "lat": 50.568, "lng": 10.414}
    write_post(tmp_path, post(4, username="Anna.M", likes=33, location=location))
    prepared = prepare_post(scan_folder(tmp_path)[0], tmp_path / "media")
    assert isinstance(prepared, PreparedPost)
    record = prepared.record
    assert (record.shortcode, record.username, record.likes) == ("Cx000000004", "anna.m", 33)
    assert record.hashtags == ("thüringendowntown",) and record.mentions == ("downtownsnaps_th",)
    assert (record.location.name, record.location.lat) == ("Meiningen, Postgasse", 50.568)
    assert record.posted_at.tzinfo is not None and record.read_at is not None
    sha = prepared.images[0].sha256
    assert sha and original_path(tmp_path / "media", sha).read_bytes() == photo(4)


def test_an_owner_known_only_by_id_does_not_touch_the_network(tmp_path: Path) -> None:
    item = post(5)
    node = item.node()
    del node["owner"]["username"]
    instaloader.save_structure_to_file(
        instaloader.Post(offline_context(), node), str(tmp_path / "x.json.xz")
    )
    (tmp_path / "x.jpg").write_bytes(photo(5))
    prepared = prepare_post(scan_folder(tmp_path)[0], tmp_path / "media")
    assert isinstance(prepared, PreparedPost)  # the network is blocked in tests: it was not asked
    assert prepared.record.username == f"#{item.node()['owner']['id']}"


def test_video_posts_have_no_photos_to_hash(tmp_path: Path) -> None:
    write_post(tmp_path, post(6, is_video=True, images=[photo(6)]))
    prepared = prepare_post(scan_folder(tmp_path)[0], tmp_path / "media")
    assert isinstance(prepared, PreparedPost)
    assert prepared.record.is_video and prepared.images == ()


def test_a_missing_photo_becomes_an_unreadable_one(tmp_path: Path) -> None:
    write_post(tmp_path, post(7))
    for image in tmp_path.glob("*.jpg"):
        image.unlink()
    prepared = prepare_post(scan_folder(tmp_path)[0], tmp_path / "media")
    assert isinstance(prepared, PreparedPost)
    assert "missing" in (prepared.images[0].unreadable_reason or "")


def test_other_instaloader_structures_are_not_posts(tmp_path: Path) -> None:
    hashtag = instaloader.Hashtag(offline_context(), {"name": "thüringendowntown", "id": 1})
    instaloader.save_structure_to_file(hashtag, str(tmp_path / "#thüringendowntown.json.xz"))
    (tmp_path / "2025-05-10_12-00-00_UTC_comments.json").write_text("[]")
    found = scan_folder(tmp_path)
    assert len(found) == 1
    assert isinstance(prepare_post(found[0], tmp_path / "media"), NotAPost)


def test_broken_and_foreign_metadata_are_problems_with_their_path(tmp_path: Path) -> None:
    (tmp_path / "broken.json.xz").write_bytes(b"\xfd7zXZ\x00 torn")
    (tmp_path / "foreign.json").write_text('{"hello": "world"}')
    with lzma.open(tmp_path / "noshortcode.json.xz", "wt") as handle:
        handle.write('{"node": {"id": 1}, "instaloader": {"node_type": "Post"}}')
    results = [prepare_post(files, tmp_path / "media") for files in scan_folder(tmp_path)]
    assert all(isinstance(result, SourceProblem) for result in results)
    assert [Path(result.where).name for result in results] == [
        "broken.json.xz",
        "foreign.json",
        "noshortcode.json.xz",
    ]


def test_an_instaloader_3_file_is_refused_without_asking_instagram(tmp_path: Path) -> None:
    # instaloader's own loader would call Post.from_shortcode() on this, i.e. go online.
    (tmp_path / "old.json").write_text('{"shortcode": "CxOld000001"}')
    result = prepare_post(scan_folder(tmp_path)[0], tmp_path / "media")
    assert isinstance(result, SourceProblem)
    assert "instaloader 3" in result.message and "download the hashtag again" in result.message


def test_absurd_metadata_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    with lzma.open(tmp_path / "huge.json.xz", "wb", preset=1) as handle:
        handle.write(b'{"node": "' + b"x" * (9 * 1024 * 1024) + b'"}')
    results = [prepare_post(files, tmp_path / "media") for files in scan_folder(tmp_path)]
    assert [type(result) for result in results] == [SourceProblem, SourceProblem]
    assert "RecursionError" in results[0].message
    assert "MB of JSON" in results[1].message
