"""Fuzzing the metadata streams themselves: truncated, corrupted and foreign `.json.xz`/`.json`."""

from __future__ import annotations

import lzma
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from contest.settings import Settings
from ingest.directory_source import MAX_METADATA_BYTES
from ingest.instaloader_files import write_post
from tests.ingest.hostile import FUZZ, HONEST, FuzzHarness, hostile_post, stem

pytestmark = pytest.mark.slow


@cache
def intact(compress: bool) -> bytes:
    """A real post's metadata file as instaloader writes it."""
    with tempfile.TemporaryDirectory() as scratch:
        return write_post(Path(scratch), hostile_post(0), compress=compress).read_bytes()


def truncated(data: bytes) -> st.SearchStrategy[bytes]:
    return st.integers(0, len(data) - 1).map(lambda end: data[:end])


def flipped(data: bytes) -> st.SearchStrategy[bytes]:
    def apply(flips: list[tuple[int, int]]) -> bytes:
        damaged = bytearray(data)
        for position, mask in flips:
            damaged[position % len(damaged)] ^= mask
        return bytes(damaged)

    return st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(1, 255)), max_size=4).map(
        apply
    )


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    return (
        truncated(data)
        | flipped(data)
        | st.binary(max_size=600)
        | st.binary(min_size=1, max_size=64).map(lambda junk: data + junk)
        | st.binary(min_size=1, max_size=64).map(lambda junk: junk + data)
        | st.just(data + data)  # two streams (or documents) in one file
        | st.just(lzma.compress(b"\xff\xfe not utf-8 \xc3\x28"))
        | st.just(lzma.compress(b"[" * 100_000 + b"]" * 100_000))  # absurd nesting
        | st.just(b"[" * 100_000)
    )


@pytest.fixture
def harness(sessions: sessionmaker[Session], settings: Settings) -> FuzzHarness:
    return FuzzHarness(sessions, settings)


def _import_one(harness: FuzzHarness, data: bytes, suffix: str) -> None:
    written: list[Path] = []

    def write(folder: Path) -> list[Path]:
        folder.mkdir(parents=True)
        path = folder / f"{stem(0)}{suffix}"
        path.write_bytes(data)
        (folder / f"{stem(0)}.jpg").write_bytes(hostile_post(0).images[0])
        written.append(path)
        return written

    imported = harness.import_hostile(write)
    newcomers = [
        code for code, entry in imported.entries.items() if entry.participant.username not in HONEST
    ]
    # The damage either shows as an error naming the file, or left a readable post behind.
    assert (str(written[0]) in imported.errors) != (len(newcomers) == 1), (
        imported.errors,
        newcomers,
    )


@FUZZ
@given(data=damaged(intact(compress=True)))
def test_damaged_xz_metadata_is_an_error_or_a_post(harness: FuzzHarness, data: bytes) -> None:
    _import_one(harness, data, ".json.xz")


@FUZZ
@given(data=damaged(intact(compress=False)))
def test_damaged_plain_metadata_is_an_error_or_a_post(harness: FuzzHarness, data: bytes) -> None:
    _import_one(harness, data, ".json")


def test_an_xz_bomb_is_refused_without_inflating_it(harness: FuzzHarness) -> None:
    # 64 MB of spaces inside a JSON document compress to about ten kilobytes.
    bomb = lzma.compress(b'{"node": ' + b" " * (8 * MAX_METADATA_BYTES) + b"{}}", preset=1)
    assert len(bomb) < 100_000
    written: list[Path] = []

    def write(folder: Path) -> list[Path]:
        folder.mkdir(parents=True)
        written.append(folder / f"{stem(0)}.json.xz")
        written[0].write_bytes(bomb)
        return written

    imported = harness.import_hostile(write)
    assert "MB of JSON" in imported.errors[str(written[0])]
