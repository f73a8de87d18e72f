"""Fuzzing the metadata files of an instaloader folder: arbitrary JSON, damaged post nodes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from contest.settings import Settings
from tests.ingest.hostile import (
    FUZZ,
    HUGE_NUMBERS,
    JSON_VALUES,
    SPECIAL_FLOATS,
    FuzzHarness,
    assert_accounted_for,
    hostile_post,
    post_document,
    stem,
    write_document,
)

pytestmark = pytest.mark.slow

NODE_TYPES = (
    st.sampled_from(["Post", "Profile", "Hashtag", "StoryItem", "FrozenNodeIterator", "post", ""])
    | JSON_VALUES
)

DOCUMENTS = (
    JSON_VALUES
    | st.builds(post_document, JSON_VALUES, NODE_TYPES)
    | st.fixed_dictionaries({"shortcode": st.text(max_size=12)})  # instaloader 3's format
    | st.fixed_dictionaries({"node": JSON_VALUES, "instaloader": JSON_VALUES})
)


@pytest.fixture
def harness(sessions: sessionmaker[Session], settings: Settings) -> FuzzHarness:
    return FuzzHarness(sessions, settings)


@FUZZ
@given(documents=st.lists(DOCUMENTS, min_size=1, max_size=3), compress=st.booleans())
def test_arbitrary_json_never_stops_the_run(
    harness: FuzzHarness, documents: list[Any], compress: bool
) -> None:
    suffix = ".json.xz" if compress else ".json"
    written: dict[Path, Any] = {}

    def write(folder: Path) -> list[Path]:
        for index, document in enumerate(documents):
            path = write_document(folder / f"{stem(index)}{suffix}", document)
            written[path] = document
        return list(written)

    imported = harness.import_hostile(write)
    assert_accounted_for(imported, written)


# Where a post node can be damaged: top-level keys and the nested ones the importer reads.
NODE_PATHS = [
    ("shortcode",),
    ("code",),
    ("id",),
    ("__typename",),
    ("is_video",),
    ("taken_at_timestamp",),
    ("date",),
    ("owner",),
    ("owner", "username"),
    ("owner", "id"),
    ("edge_media_to_caption",),
    ("edge_media_to_caption", "edges"),
    ("caption",),
    ("edge_media_preview_like",),
    ("edge_media_preview_like", "count"),
    ("edge_media_to_comment", "count"),
    ("accessibility_caption",),
    ("location",),
    ("location", "id"),
    ("location", "name"),
    ("location", "lat"),
    ("location", "lng"),
    ("edge_sidecar_to_children",),
    ("edge_sidecar_to_children", "edges"),
    ("display_url",),
    ("iphone_struct",),
]
DELETE = object()
WRONG_VALUES = (
    JSON_VALUES
    | HUGE_NUMBERS
    | SPECIAL_FLOATS
    | st.sampled_from(["", " ", "0", "-1", "1e999", "NaN", "../../x", "a" * 5000, [], {}])
)
MUTATIONS = st.lists(
    st.tuples(st.sampled_from(NODE_PATHS), st.just(DELETE) | WRONG_VALUES), min_size=1, max_size=4
)


def damaged(node: dict[str, Any], mutations: list[tuple[tuple[str, ...], Any]]) -> dict[str, Any]:
    for path, value in mutations:
        parent: Any = node
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            continue
        if value is DELETE:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = value
    return node


@FUZZ
@given(
    posts=st.lists(st.tuples(MUTATIONS, st.integers(1, 2), st.booleans()), min_size=1, max_size=3),
)
def test_damaged_post_nodes_are_reported_or_stored(
    harness: FuzzHarness, posts: list[tuple[list[Any], int, bool]]
) -> None:
    written: dict[Path, Any] = {}

    def write(folder: Path) -> list[Path]:
        for index, (mutations, images, geotagged) in enumerate(posts):
            location = {"name": "Gotha, Hauptmarkt", "lat": 50.94, "lng": 10.70}
            fixture = hostile_post(index, images=images, location=location if geotagged else None)
            document = post_document(damaged(fixture.node(), mutations))
            path = write_document(folder / f"{stem(index)}.json.xz", document)
            if images == 1:
                (folder / f"{stem(index)}.jpg").write_bytes(fixture.images[0])
            else:
                for number, data in enumerate(fixture.images, start=1):
                    (folder / f"{stem(index)}_{number}.jpg").write_bytes(data)
            written[path] = document
        return list(written)

    imported = harness.import_hostile(write)
    assert_accounted_for(imported, written)
