"""Near-duplicates among a contest's entries, from the stored hashes of every photo.

Feeds the rules engine: for each entry, the other entries with a photo within the review
distance. Which of two is the original (the earlier post) and what that means (duplicate,
duplicate by another account, possible duplicate) is the rules engine's decision.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Entry, Photo
from ingest.dedupe import HashIndex
from ingest.imaging import HASH_DECODER
from rules.facts import SimilarPhoto


def contest_similarities(
    session: Session, contest_id: int, reject_distance: int, review_distance: int
) -> dict[str, tuple[SimilarPhoto, ...]]:
    """Every entry's shortcode -> its matches (nearest first); empty for entries without any.

    All photos of a carousel are compared; photos of the same entry never match each other, and
    videos are not entries, so they take no part. `borderline` marks matches beyond
    `reject_distance` (human review), the rest are duplicates.
    """
    shortcodes = list(
        session.scalars(select(Entry.shortcode).where(Entry.contest_id == contest_id))
    )
    result: dict[str, tuple[SimilarPhoto, ...]] = {shortcode: () for shortcode in shortcodes}
    rows = session.execute(
        select(Entry.id, Entry.shortcode, Photo.phash, Photo.dhash, Photo.phash_mirror)
        .join(Photo, Photo.entry_id == Entry.id)
        .where(
            Entry.contest_id == contest_id,
            Entry.is_video.is_(False),
            Photo.phash.is_not(None),
            Photo.dhash.is_not(None),
            Photo.phash_mirror.is_not(None),
            Photo.hash_decoder == HASH_DECODER,
        )
    ).all()
    if len(rows) < 2:
        return result
    index = HashIndex(
        [row.phash for row in rows],
        [row.dhash for row in rows],
        [row.phash_mirror for row in rows],
        groups=[row.id for row in rows],
    )
    pairs = index.pairs(review_distance)
    nearest: dict[tuple[str, str], int] = {}
    for first, second, distance in zip(
        pairs.first.tolist(), pairs.second.tolist(), pairs.distance.tolist(), strict=True
    ):
        a, b = rows[first].shortcode, rows[second].shortcode
        for key in ((a, b), (b, a)):
            if distance < nearest.get(key, 65):
                nearest[key] = distance
    matches: dict[str, list[SimilarPhoto]] = {}
    for (shortcode, other), distance in nearest.items():
        matches.setdefault(shortcode, []).append(
            SimilarPhoto(shortcode=other, distance=distance, borderline=distance > reject_distance)
        )
    for shortcode, found in matches.items():
        result[shortcode] = tuple(
            sorted(found, key=lambda match: (match.distance, match.shortcode))
        )
    return result
