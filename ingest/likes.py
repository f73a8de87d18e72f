"""Like readings: which count stands for the shortlist, and which jumps look suspicious.

Every reading is kept (time, likes, source) so the shortlist can be audited. The entry's `likes`
is the latest reading taken at or before the contest's freeze moment; readings after it are kept
for the record but change nothing. Pure functions: no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

SPIKE_MIN_GAIN = 100  # likes gained between two readings...
SPIKE_FACTOR = 2.0  # ...that also at least doubles the count...
SPIKE_WINDOW = timedelta(hours=24)  # ...within a day: worth a look (bought likes, pods)


@dataclass(frozen=True, slots=True)
class Reading:
    read_at: datetime
    likes: int


@dataclass(frozen=True, slots=True)
class Spike:
    shortcode: str
    before: Reading
    after: Reading

    @property
    def gain(self) -> int:
        return self.after.likes - self.before.likes

    def describe(self) -> str:
        hours = (self.after.read_at - self.before.read_at).total_seconds() / 3600
        return f"{self.shortcode}: +{self.gain} likes in {hours:.0f} h"


def counts_for_shortlist(read_at: datetime, freeze_at: datetime | None) -> bool:
    return freeze_at is None or read_at <= freeze_at


def likes_after_reading(
    current_likes: int,
    latest_counted: datetime | None,
    reading: Reading,
    freeze_at: datetime | None,
    *,
    first_reading: bool,
) -> int:
    """The entry's like count once `reading` is recorded.

    A new entry takes its first reading whenever it was taken (the best we know); after that only
    a newer reading from before the freeze moves the count.
    """
    if first_reading:
        return reading.likes
    if not counts_for_shortlist(reading.read_at, freeze_at):
        return current_likes
    if latest_counted is not None and reading.read_at < latest_counted:
        return current_likes  # an older folder imported late must not undo a newer count
    return reading.likes


def find_spikes(shortcode: str, readings: Sequence[Reading]) -> list[Spike]:
    """Consecutive readings whose jump is large, fast and at least doubles the count."""
    ordered = sorted(readings, key=lambda reading: reading.read_at)
    spikes = []
    for before, after in pairwise(ordered):
        gain = after.likes - before.likes
        if (
            gain >= SPIKE_MIN_GAIN
            and after.likes >= SPIKE_FACTOR * max(before.likes, 1)
            and after.read_at - before.read_at <= SPIKE_WINDOW
        ):
            spikes.append(Spike(shortcode, before, after))
    return spikes
