"""The duplicate index: Hamming distances between 64-bit perceptual hashes, vectorised.

Two photos are compared by the smallest of three distances: pHash to pHash, dHash to dHash, and
one photo's mirrored pHash to the other's pHash (a flipped repost). A query XORs one hash against
every stored hash and counts bits with `np.bitwise_count`; all pairs are found tile by tile so
memory stays bounded at 100,000 photos. Pure: arrays in, arrays out, no database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

TILE_ELEMENTS = 1 << 22  # XOR results per tile (32 MB of uint64)


@dataclass(frozen=True, slots=True)
class PhotoHashes:
    """One photo's hashes as unsigned 64-bit integers."""

    phash: int
    dhash: int
    phash_mirror: int


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def photo_distance(a: PhotoHashes, b: PhotoHashes) -> int:
    """The distance the index uses: the closest of pHash, dHash and mirrored pHash."""
    return min(
        hamming(a.phash, b.phash),
        hamming(a.dhash, b.dhash),
        hamming(a.phash_mirror, b.phash),
    )


def _as_uint64(values: Sequence[int] | np.ndarray) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype == np.uint64:
        return array
    if array.dtype == np.int64:  # as stored in the database (signed)
        return array.view(np.uint64)
    return np.array([int(v) & 0xFFFF_FFFF_FFFF_FFFF for v in values], dtype=np.uint64)


@dataclass(frozen=True)
class Pairs:
    """Matches found among all photos: index pairs (first < second) and their distances."""

    first: np.ndarray
    second: np.ndarray
    distance: np.ndarray

    def __len__(self) -> int:
        return int(self.first.size)


class HashIndex:
    """Hashes of many photos; `groups` marks photos of the same entry (never matched together)."""

    def __init__(
        self,
        phash: Sequence[int] | np.ndarray,
        dhash: Sequence[int] | np.ndarray,
        phash_mirror: Sequence[int] | np.ndarray,
        groups: Sequence[int] | np.ndarray | None = None,
    ) -> None:
        self.phash = _as_uint64(phash)
        self.dhash = _as_uint64(dhash)
        self.phash_mirror = _as_uint64(phash_mirror)
        size = self.phash.size
        if not (self.dhash.size == self.phash_mirror.size == size):
            raise ValueError("hash arrays differ in length")
        self.groups = (
            np.arange(size, dtype=np.int64) if groups is None else np.asarray(groups, np.int64)
        )
        if self.groups.size != size:
            raise ValueError("groups differ in length from the hashes")

    def __len__(self) -> int:
        return int(self.phash.size)

    def distances_to(self, hashes: PhotoHashes) -> np.ndarray:
        """Distance from one photo to every stored photo (uint8 array)."""
        best = np.bitwise_count(self.phash ^ np.uint64(hashes.phash))
        np.minimum(best, np.bitwise_count(self.dhash ^ np.uint64(hashes.dhash)), out=best)
        np.minimum(best, np.bitwise_count(self.phash ^ np.uint64(hashes.phash_mirror)), out=best)
        return best

    def query(self, hashes: PhotoHashes, max_distance: int) -> tuple[np.ndarray, np.ndarray]:
        """Indices (nearest first) and distances of stored photos within `max_distance`."""
        distances = self.distances_to(hashes)
        found = np.flatnonzero(distances <= max_distance)
        order = np.argsort(distances[found], kind="stable")
        return found[order], distances[found][order]

    def _tiles(self, max_distance: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        size = len(self)
        rows_per_tile = max(1, TILE_ELEMENTS // max(size, 1))
        xor_buffer = np.empty(rows_per_tile * size, dtype=np.uint64)
        count_buffer = np.empty(rows_per_tile * size, dtype=np.uint8)
        best_buffer = np.empty(rows_per_tile * size, dtype=np.uint8)
        # (row hashes, column hashes): pHash, dHash, and a flip in either direction.
        comparisons = (
            (self.phash, self.phash),
            (self.dhash, self.dhash),
            (self.phash_mirror, self.phash),
            (self.phash, self.phash_mirror),
        )
        for start in range(0, size, rows_per_tile):
            stop = min(size, start + rows_per_tile)
            shape = (stop - start, size - start)  # rows start:stop against later columns only
            cells = shape[0] * shape[1]
            xor = xor_buffer[:cells].reshape(shape)
            count = count_buffer[:cells].reshape(shape)
            best = best_buffer[:cells].reshape(shape)
            for index, (row_hashes, column_hashes) in enumerate(comparisons):
                np.bitwise_xor(row_hashes[start:stop, None], column_hashes[None, start:], out=xor)
                if index == 0:
                    np.bitwise_count(xor, out=best)
                else:
                    np.bitwise_count(xor, out=count)
                    np.minimum(best, count, out=best)
            rows, offsets = np.nonzero(best <= max_distance)
            first = rows + start
            second = offsets + start
            keep = (second > first) & (self.groups[first] != self.groups[second])
            yield first[keep], second[keep], best[rows[keep], offsets[keep]]

    def pairs(self, max_distance: int) -> Pairs:
        """Every pair of photos from different groups within `max_distance`."""
        firsts, seconds, distances = [], [], []
        for first, second, distance in self._tiles(max_distance):
            firsts.append(first)
            seconds.append(second)
            distances.append(distance)
        if not firsts:
            empty = np.empty(0, dtype=np.int64)
            return Pairs(empty, empty, np.empty(0, dtype=np.uint8))
        return Pairs(np.concatenate(firsts), np.concatenate(seconds), np.concatenate(distances))
