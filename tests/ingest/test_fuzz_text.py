"""Fuzzing the text of posts: captions, place names and geotag files with Unicode's edge cases."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import instaloader
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from contest.settings import Settings
from ingest.instaloader_files import offline_context, write_post
from ingest.instaloader_nodes import clean_text
from tests.ingest.hostile import FUZZ, HOSTILE_TEXT, FuzzHarness, hostile_post, stem

pytestmark = pytest.mark.slow

CONTEST_TAG = st.sampled_from(
    ["#ThüringenDownTown", "#Thu\u0308ringenDownTown", "#THÜRINGENDOWNTOWN", "#ThueringenDownTown"]
)


@pytest.fixture
def harness(sessions: sessionmaker[Session], settings: Settings) -> FuzzHarness:
    return FuzzHarness(sessions, settings)


def storable(text: str) -> bool:
    """What every database and every page can take: valid UTF-8, no NUL, NFC."""
    text.encode("utf-8")  # raises on a lone surrogate
    return "\x00" not in text and unicodedata.is_normalized("NFC", text)


@FUZZ
@given(
    before=HOSTILE_TEXT,
    tag=CONTEST_TAG,
    after=HOSTILE_TEXT,
    place=HOSTILE_TEXT,
    alt=HOSTILE_TEXT,
)
def test_any_caption_and_place_name_is_stored_as_clean_text(
    harness: FuzzHarness, before: str, tag: str, after: str, place: str, alt: str
) -> None:
    caption = f"{before} {tag} @downtownsnaps_th {after}"
    written: list[Path] = []

    def write(folder: Path) -> list[Path]:
        fixture = hostile_post(
            0,
            caption=caption,
            location={"name": place, "lat": 50.9487, "lng": 10.7018},
            accessibility_caption=alt,
        )
        # Through instaloader's own writer: its JSON escapes even lone surrogates (instaloader
        # would fail on the caption's .txt file, which the import does not read anyway).
        metadata = folder / f"{stem(0)}.json.xz"
        folder.mkdir(parents=True)
        instaloader.save_structure_to_file(
            instaloader.Post(offline_context(), fixture.node()), str(metadata)
        )
        (folder / f"{stem(0)}.jpg").write_bytes(fixture.images[0])
        written.append(metadata)
        return written

    imported = harness.import_hostile(write)
    assert not imported.errors, "text alone is never a reason to lose a post"
    entry = imported.entries["Fz000000000"]
    assert entry.caption == clean_text(caption)
    assert entry.location_name == (clean_text(place).strip()[:300] or None)
    for text in (entry.caption, entry.location_name or "", entry.accessibility_caption or ""):
        assert storable(text)
    assert all(storable(tag) and tag == tag.lower() for tag in entry.hashtags)
    assert "missing_hashtag" not in entry.reasons  # in whatever normal form it was written


@FUZZ
@given(
    first_line=HOSTILE_TEXT,
    link=st.sampled_from(
        [
            "https://maps.google.com/maps?q=50.9487,10.7018&ll=50.9487,10.7018",
            "https://maps.google.com/maps?q=999.5,10.7&ll=1,1",
            "https://maps.google.com/maps?q=" + "9" * 400 + ",1",
            "",
        ]
    )
    | HOSTILE_TEXT,
    raw=st.none() | st.binary(max_size=200),
)
def test_any_geotag_file_is_read_or_ignored(
    harness: FuzzHarness, first_line: str, link: str, raw: bytes | None
) -> None:
    written: list[Path] = []

    def write(folder: Path) -> list[Path]:
        written.append(write_post(folder, hostile_post(0)))  # no geotag in the metadata
        text = f"{first_line}\n{link}\n".encode("utf-8", "surrogatepass")
        (folder / f"{stem(0)}_location.txt").write_bytes(raw if raw is not None else text)
        return written

    imported = harness.import_hostile(write)
    assert not imported.errors
    entry = imported.entries["Fz000000000"]
    assert storable(entry.location_name or "")
    assert len(entry.location_name or "") <= 300
    if entry.location_lat is not None:
        assert -90 <= entry.location_lat <= 90 and -180 <= entry.location_lng <= 180
