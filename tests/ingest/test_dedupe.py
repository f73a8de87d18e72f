"""The duplicate index: vectorised distances agree with a plain per-pair computation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.dedupe import HashIndex, PhotoHashes, hamming, photo_distance

U64 = st.integers(min_value=0, max_value=2**64 - 1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(0, 0, 0), (0, 1, 1), (0, 2**64 - 1, 64), (0b1010, 0b0101, 4), (2**63, 0, 1)],
)
def test_hamming(a: int, b: int, expected: int) -> None:
    assert hamming(a, b) == expected


def test_a_flipped_copy_matches_through_the_mirrored_phash() -> None:
    original = PhotoHashes(phash=0xF0F0, dhash=0, phash_mirror=0x0F0F)
    flipped = PhotoHashes(phash=0x0F0F, dhash=2**64 - 1, phash_mirror=0xF0F0)
    assert photo_distance(original, flipped) == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(U64, U64, U64), min_size=2, max_size=30), st.integers(0, 64))
def test_pairs_equal_the_brute_force_answer(rows: list[tuple[int, int, int]], limit: int) -> None:
    index = HashIndex(*zip(*rows, strict=True))
    hashes = [PhotoHashes(*row) for row in rows]
    expected = {
        (i, j, min(photo_distance(hashes[i], hashes[j]), photo_distance(hashes[j], hashes[i])))
        for i in range(len(rows))
        for j in range(i + 1, len(rows))
        if min(photo_distance(hashes[i], hashes[j]), photo_distance(hashes[j], hashes[i])) <= limit
    }
    pairs = index.pairs(limit)
    found = set(
        zip(pairs.first.tolist(), pairs.second.tolist(), pairs.distance.tolist(), strict=True)
    )
    assert found == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(U64, U64, U64), min_size=1, max_size=40), st.tuples(U64, U64, U64))
def test_query_equals_the_brute_force_answer(rows, query) -> None:  # type: ignore[no-untyped-def]
    index = HashIndex(*zip(*rows, strict=True))
    probe = PhotoHashes(*query)
    found, distances = index.query(probe, 20)
    expected = sorted(
        (photo_distance(probe, PhotoHashes(*row)), i)
        for i, row in enumerate(rows)
        if photo_distance(probe, PhotoHashes(*row)) <= 20
    )
    assert sorted(zip(distances.tolist(), found.tolist(), strict=True)) == expected


def test_photos_of_one_entry_never_pair_and_tiles_cover_everything(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("ingest.dedupe.TILE_ELEMENTS", 7)  # force many small tiles
    same = [5, 5, 5, 9]
    index = HashIndex(same, same, same, groups=[1, 1, 2, 3])
    pairs = index.pairs(0)
    assert sorted(zip(pairs.first.tolist(), pairs.second.tolist(), strict=True)) == [(0, 2), (1, 2)]


def test_signed_database_values_are_read_as_unsigned() -> None:
    stored = np.array([-1, 0], dtype=np.int64)  # -1 is the hash with all 64 bits set
    index = HashIndex(stored, stored, stored)
    found, distances = index.query(PhotoHashes(2**64 - 1, 2**64 - 1, 2**64 - 1), 0)
    assert found.tolist() == [0] and distances.tolist() == [0]
