"""Who copied whom: turning the duplicate index's matches into duplicate reasons.

The ingestion's index finds pairs of similar photos; this module decides, for every pair, which
post is the original: the one posted first (by posting time, ties by shortcode), never the one
ingested first, so a late-arriving post can become the original of posts already stored.
The later post of a pair gets
- `duplicate` when the same account posted both (a clear match),
- `duplicate_other_account` when another account posted the original (a clear match),
- `possible_duplicate` when the match is only borderline, whoever posted it.
A match reported by either side counts; the smaller distance and the clearer verdict win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from rules.facts import PostFacts
from rules.text import normalise_handle

DUPLICATE_CODES = ("duplicate", "duplicate_other_account", "possible_duplicate")


@dataclass(frozen=True, slots=True, order=True)
class DuplicateMatch:
    """The later post of a pair matches `original`, posted earlier."""

    original_posted_at: datetime
    original: str  # the original's shortcode
    distance: int
    code: str


def posting_order(post: PostFacts) -> tuple[datetime, str]:
    """The order in which posts count: posting time, then shortcode for the same second."""
    return post.posted_at, post.shortcode


def duplicate_matches(posts: Mapping[str, PostFacts]) -> dict[str, list[DuplicateMatch]]:
    """For each later post of a similar pair: its matches against earlier posts, earliest first.

    Matches naming a shortcode that is not among `posts` (an erased entry, another contest) are
    ignored.
    """
    pairs: dict[tuple[str, str], tuple[int, bool]] = {}  # (a, b) sorted -> (distance, clear)
    for post in posts.values():
        for match in post.similar:
            if match.shortcode == post.shortcode or match.shortcode not in posts:
                continue
            first, second = sorted((post.shortcode, match.shortcode))
            distance, clear = pairs.get((first, second), (match.distance, False))
            pairs[first, second] = (min(distance, match.distance), clear or not match.borderline)

    found: dict[str, list[DuplicateMatch]] = {}
    for (a, b), (distance, clear) in sorted(pairs.items()):
        earlier, later = sorted((posts[a], posts[b]), key=posting_order)
        if not clear:
            code = "possible_duplicate"
        elif normalise_handle(earlier.username) == normalise_handle(later.username):
            code = "duplicate"
        else:
            code = "duplicate_other_account"
        found.setdefault(later.shortcode, []).append(
            DuplicateMatch(earlier.posted_at, earlier.shortcode, distance, code)
        )
    return {shortcode: sorted(matches) for shortcode, matches in found.items()}
