"""Gallery facets (the stats and the per-town counts), cached for a short while per process.

They aggregate every accepted entry, which costs more than the page of entries itself; they only
change when ingestion or an organiser changes a verdict, and a public page may trail that by a
few seconds. The cache lives on the app, so each app (and each test's app) has its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from web.public_queries import GalleryStats, gallery_stats, town_counts

FACETS_TTL_SECONDS = 20.0


@dataclass(frozen=True)
class GalleryFacets:
    stats: GalleryStats
    towns: tuple[tuple[str, int], ...]  # (town, accepted entries), most first


def gallery_facets(request: Request, session: Session, contest_id: int) -> GalleryFacets:
    cache: dict[int, tuple[float, GalleryFacets]] = getattr(request.app.state, "facets", None) or {}
    request.app.state.facets = cache
    now = time.monotonic()
    found = cache.get(contest_id)
    if found and now - found[0] < FACETS_TTL_SECONDS:
        return found[1]
    facets = GalleryFacets(
        stats=gallery_stats(session, contest_id),
        towns=tuple(town_counts(session, contest_id)),
    )
    cache[contest_id] = (now, facets)
    return facets
