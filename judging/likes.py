"""Likes at the freeze moment and the likes shortlist: pure functions, no database.

The shortlist counts each entry's likes as the last reading taken at or before the freeze moment.
An entry first read after the freeze (ingestion ran late) uses its earliest later reading and is
marked, so organisers can see which counts were not measured in time. Equal likes are ordered by
the earlier post (documented rule of the 2025 call), then by shortcode so the order is total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Reading:
    at: datetime
    likes: int


@dataclass(frozen=True)
class FrozenLikes:
    """The like count the shortlist uses, and which reading it came from."""

    likes: int
    read_at: datetime | None  # None: no reading at all, the entry's stored count was used
    after_freeze: bool = False


def likes_at_freeze(
    readings: Sequence[Reading], freeze_at: datetime | None, fallback: int
) -> FrozenLikes:
    """The last reading at or before `freeze_at`; see the module docstring for the fallbacks."""
    ordered = sorted(readings, key=lambda reading: reading.at)
    if not ordered:
        return FrozenLikes(likes=fallback, read_at=None)
    if freeze_at is None:
        return FrozenLikes(likes=ordered[-1].likes, read_at=ordered[-1].at)
    before = [reading for reading in ordered if reading.at <= freeze_at]
    if before:
        return FrozenLikes(likes=before[-1].likes, read_at=before[-1].at)
    return FrozenLikes(likes=ordered[0].likes, read_at=ordered[0].at, after_freeze=True)


@dataclass(frozen=True)
class Candidate:
    entry_id: int
    shortcode: str
    likes: int
    posted_at: datetime


@dataclass(frozen=True)
class ShortlistCut:
    """The chosen entries, best first, and the tie at the cut if the size limit split one."""

    chosen: tuple[Candidate, ...]
    tie_at_cut: tuple[Candidate, ...] = ()  # every candidate with the cut's like count

    @property
    def cut_split_a_tie(self) -> bool:
        return bool(self.tie_at_cut)


def shortlist_order_key(candidate: Candidate) -> tuple[int, datetime, str]:
    return (-candidate.likes, candidate.posted_at, candidate.shortcode)


def pick_shortlist(candidates: Sequence[Candidate], size: int) -> ShortlistCut:
    """The `size` most-liked candidates; a tie split by the cut is reported, not hidden."""
    ordered = sorted(candidates, key=shortlist_order_key)
    chosen = tuple(ordered[:size])
    tie: tuple[Candidate, ...] = ()
    if 0 < size < len(ordered) and ordered[size - 1].likes == ordered[size].likes:
        cut_likes = ordered[size - 1].likes
        tie = tuple(candidate for candidate in ordered if candidate.likes == cut_likes)
    return ShortlistCut(chosen=chosen, tie_at_cut=tie)
