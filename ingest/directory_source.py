"""The instaloader folder source: what `instaloader "#tag"` left on disk, read offline.

Files are grouped by their base name: `X.json.xz` (or `X.json`) is a post's metadata, `X.jpg` its
photo and `X_1.jpg`, `X_2.jpg`... its carousel photos. Metadata is read as instaloader's
`load_structure_from_file` reads it, with two differences that matter for files nobody vouches
for: the decompressed size is capped (an `.xz` of a few kilobytes can inflate to gigabytes), and
only instaloader 4's envelope is accepted (for instaloader 3's bare `{"shortcode": ...}`
instaloader would fetch the post from Instagram). The post node then becomes instaloader's
own `Post`, as `load_structure` makes it. Other structures saved alongside (the hashtag, resume
iterators, profiles) are not posts and are passed over. Paths come from the folder listing only,
never from anything inside the metadata.
"""

from __future__ import annotations

import json
import lzma
import os
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import instaloader

from ingest.imaging import MAX_BYTES, analyse_image
from ingest.instaloader_files import offline_context
from ingest.instaloader_nodes import (
    IncompleteMetadata,
    coordinate,
    place_name,
    record_from_node,
)
from ingest.records import ImageFacts, Location, PreparedPost, SourceProblem
from ingest.storage import store_original

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
METADATA_SUFFIXES = (".json.xz", ".json")
NOT_METADATA = ("_comments.json", "_comments.json.xz")
_CAROUSEL_ITEM = re.compile(r"^(?P<stem>.+)_(?P<number>\d+)$")
_MAPS_LINK = re.compile(r"[?&]q=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
# A post's metadata is a few kilobytes; even with every comment inlined it stays far below this.
MAX_METADATA_BYTES = 8 * 1024 * 1024
MAX_LOCATION_BYTES = 64 * 1024  # a place name and a maps link


class UnreadableMetadata(Exception):
    """A metadata file that is not an instaloader 4 structure we can read offline."""


class NotAPost:
    """Marker for a metadata file holding something else (hashtag, profile, resume state)."""

    def __init__(self, where: str, node_type: str) -> None:
        self.where = where
        self.node_type = node_type


@dataclass(frozen=True)
class PostFiles:
    """The files of one post: its metadata and its photos by carousel position (0-based)."""

    metadata: Path
    images: dict[int, Path] = field(default_factory=dict)
    location_file: Path | None = None


def _metadata_stem(name: str) -> str | None:
    if name.endswith(NOT_METADATA):
        return None
    for suffix in METADATA_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def scan_folder(folder: Path) -> list[PostFiles]:
    """Every post's files below `folder` (instaloader may use sub-folders), in name order."""
    posts: dict[tuple[Path, str], PostFiles] = {}
    images: list[Path] = []
    locations: list[Path] = []
    for directory, _subdirs, names in os.walk(folder):
        base = Path(directory)
        for name in names:
            stem = _metadata_stem(name)
            if stem is not None:
                posts[(base, stem)] = PostFiles(metadata=base / name)
            elif name.lower().endswith(IMAGE_SUFFIXES):
                images.append(base / name)
            elif name.endswith("_location.txt"):
                locations.append(base / name)
    for image in images:
        stem = image.name[: -len(image.suffix)]
        if (image.parent, stem) in posts:
            posts[(image.parent, stem)].images.setdefault(0, image)
            continue
        match = _CAROUSEL_ITEM.match(stem)
        if match and (image.parent, match["stem"]) in posts:
            position = int(match["number"]) - 1
            if position >= 0:
                posts[(image.parent, match["stem"])].images[position] = image
    found = []
    for (parent, stem), files in posts.items():
        location_file = parent / f"{stem}_location.txt"
        if location_file in locations:
            files = PostFiles(files.metadata, files.images, location_file)
        found.append(files)
    return sorted(found, key=lambda files: str(files.metadata))


def _location_from_text(path: Path) -> Location | None:
    """instaloader's `_location.txt` (with --geotags): the name, then a maps link with lat,lng."""
    try:
        with path.open("rb") as stream:
            lines = stream.read(MAX_LOCATION_BYTES).decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines:
        return None
    match = _MAPS_LINK.search(lines[1]) if len(lines) > 1 else None
    lat, lng = (coordinate(match[1], 90), coordinate(match[2], 180)) if match else (None, None)
    if lat is None or lng is None:
        lat = lng = None
    return Location(name=place_name(lines[0]), lat=lat, lng=lng)


def _merge_locations(saved: Location | None, from_text: Location) -> Location:
    """Keep the metadata's id and name; take coordinates from the geotag file."""
    return Location(
        name=(saved.name if saved else None) or from_text.name,
        location_id=saved.location_id if saved else None,
        lat=from_text.lat,
        lng=from_text.lng,
    )


_context: instaloader.InstaloaderContext | None = None


def _offline_context() -> instaloader.InstaloaderContext:
    global _context
    if _context is None:
        _context = offline_context()
    return _context


def read_image_file(path: Path | None, position: int) -> tuple[ImageFacts, bytes | None]:
    """Analyse one photo file; a missing or oversized file becomes an unreadable photo."""
    if path is None:
        return ImageFacts(
            position, unreadable_reason="photo file missing next to the metadata"
        ), None
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ImageFacts(position, byte_size=size, unreadable_reason="file too large"), None
        data = path.read_bytes()
    except OSError as error:
        return ImageFacts(position, unreadable_reason=f"cannot read file ({error.strerror})"), None
    return analyse_image(data, position), data


def prepare_post(files: PostFiles, data_dir: Path) -> PreparedPost | SourceProblem | NotAPost:
    """Read, analyse and store one post's files. Runs in worker processes: no database here.

    Never raises for a bad post: whatever goes wrong becomes a `SourceProblem` with the path.
    """
    try:
        return _prepare_post(files, data_dir)
    except Exception as error:  # a surprise in one file must not end the whole import
        return SourceProblem(str(files.metadata), f"unexpected {type(error).__name__}: {error}")


def read_metadata(path: Path) -> Any:
    """The JSON document of a `.json` or `.json.xz` file, refusing oversized ones before parsing."""
    opener = lzma.open if path.name.endswith(".xz") else open
    with opener(path, "rb") as stream:
        raw = stream.read(MAX_METADATA_BYTES + 1)
    if len(raw) > MAX_METADATA_BYTES:
        raise UnreadableMetadata(
            f"more than {MAX_METADATA_BYTES // (1024 * 1024)} MB of JSON, far more than a post has"
        )
    return json.loads(raw.decode("utf-8"))


def load_post(path: Path) -> instaloader.Post | NotAPost:
    """instaloader's `Post` for a metadata file, offline; raises `UnreadableMetadata`."""
    where = str(path)
    try:
        document = read_metadata(path)
    except (OSError, EOFError, lzma.LZMAError, ValueError, RecursionError) as error:
        # ValueError covers broken JSON and broken UTF-8; RecursionError absurdly deep nesting.
        reason = type(error).__name__ if not str(error) else f"{type(error).__name__}: {error}"
        raise UnreadableMetadata(reason) from error
    envelope = document.get("instaloader") if isinstance(document, dict) else None
    if not isinstance(envelope, dict) or "node" not in document or "node_type" not in envelope:
        if isinstance(document, dict) and "shortcode" in document:
            raise UnreadableMetadata(
                "saved by instaloader 3, whose files hold only the shortcode; download the "
                "hashtag again with instaloader 4"
            )
        raise UnreadableMetadata("no instaloader structure in it (no node and node_type)")
    node_type = envelope["node_type"]
    if node_type != "Post":
        return NotAPost(where, str(node_type)[:40])
    if not isinstance(document["node"], dict):
        raise UnreadableMetadata("the post's node is not a JSON object")
    try:
        return instaloader.Post(_offline_context(), document["node"])  # what load_structure does
    except AssertionError as error:
        raise UnreadableMetadata("the post's node has no shortcode") from error


def _prepare_post(files: PostFiles, data_dir: Path) -> PreparedPost | SourceProblem | NotAPost:
    where = str(files.metadata)
    try:
        structure = load_post(files.metadata)
    except UnreadableMetadata as error:
        return SourceProblem(where, f"not a readable instaloader metadata file ({error})")
    if isinstance(structure, NotAPost):
        return structure
    try:
        read_at = datetime.fromtimestamp(files.metadata.stat().st_mtime, tz=UTC)
        record = record_from_node(structure._asdict(), read_at=read_at)
    except (IncompleteMetadata, OSError, TypeError, ValueError) as error:
        return SourceProblem(where, f"post metadata incomplete: {error}")
    if files.location_file and (record.location is None or record.location.lat is None):
        from_text = _location_from_text(files.location_file)
        if from_text is not None:
            record = replace(record, location=_merge_locations(record.location, from_text))
    facts = []
    for position in record.photo_positions:
        fact, data = read_image_file(files.images.get(position), position)
        if fact.readable and data is not None and fact.sha256:
            store_original(data_dir, data, fact.sha256)
        facts.append(fact)
    return PreparedPost(record=record, images=tuple(facts), origin=where)
