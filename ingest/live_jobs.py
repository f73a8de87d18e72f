"""Ingestion jobs that read Instagram live: hashtag feed, one post, like re-readings.

Same run machinery as the folder import (`ingest.job.run_ingest`): lock, per-post commits, run
record, verdicts. The caller passes a logged-in `instaloader.Instaloader` (see
`ingest.instagram.make_loader`), which keeps these functions testable with a faked transport.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import chain

import instaloader
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from contest.audit import log_action
from contest.db import transaction
from contest.errors import UserFacingError
from contest.models import Entry, IngestRun, LikeReading
from contest.settings import Settings
from ingest.contest_rules import rules_of
from ingest.job import load_contest, run_ingest
from ingest.likes import Reading, Spike, find_spikes
from ingest.live import hashtag_items, like_items, single_post_item
from ingest.manual import parse_shortcode
from ingest.runs import ingest_lock


def ingest_hashtag(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest_id: int,
    *,
    loader: instaloader.Instaloader,
    tags: Sequence[str] = (),
    max_posts: int | None = None,
    derivatives: bool = True,
    show_progress: bool = True,
) -> IngestRun:
    """Read the hashtag feed(s) live; by default every hashtag the contest file accepts."""
    with transaction(sessions) as session:
        contest_tags = rules_of(load_contest(session, contest_id)).hashtags
    chosen = [tag.strip().lstrip("#") for tag in tags if tag.strip()] or list(contest_tags)
    if not chosen:
        raise UserFacingError("No hashtag to read.", "Name one, or list them in the contest file.")
    notes: list[str] = []
    with ingest_lock(settings.data_dir, contest_id):
        items = chain.from_iterable(
            hashtag_items(
                loader,
                tag,
                data_dir=settings.data_dir,
                max_posts=max_posts,
                notes=notes,
                strict=len(chosen) == 1,
            )
            for tag in chosen
        )
        return run_ingest(
            sessions,
            settings,
            contest_id,
            items,
            source="hashtag",
            detail=", ".join(f"#{tag}" for tag in chosen),
            total=None,
            derivatives=derivatives,
            show_progress=show_progress,
            notes=notes,
        )


def ingest_post(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest_id: int,
    *,
    loader: instaloader.Instaloader,
    shortcode_or_url: str,
    actor: str,
    derivatives: bool = True,
    show_progress: bool = False,
) -> IngestRun:
    """Add (or refresh) one post the feed missed, read live by its shortcode; audited."""
    shortcode = parse_shortcode(shortcode_or_url)
    with ingest_lock(settings.data_dir, contest_id):
        item = single_post_item(loader, shortcode, data_dir=settings.data_dir)
        run = run_ingest(
            sessions,
            settings,
            contest_id,
            [item],
            source="manual",
            detail=f"https://www.instagram.com/p/{shortcode}/",
            total=1,
            derivatives=derivatives,
            show_progress=show_progress,
        )
        if run.new:
            with transaction(sessions) as session:
                entry_id = session.scalar(
                    select(Entry.id).where(
                        Entry.contest_id == contest_id, Entry.shortcode == shortcode
                    )
                )
                log_action(
                    session,
                    "entry.added_manually",
                    actor=actor,
                    contest_id=contest_id,
                    subject_type="entry",
                    subject_id=entry_id,
                    shortcode=shortcode,
                    via="instagram",
                )
        return run


def shortcodes_to_refresh(
    session: Session, contest_id: int, *, include_rejected: bool
) -> list[str]:
    """Entries whose like count is oldest first, so a stopped refresh resumes with them."""
    latest = (
        select(LikeReading.entry_id, func.max(LikeReading.read_at).label("latest"))
        .group_by(LikeReading.entry_id)
        .subquery()
    )
    query = (
        select(Entry.shortcode)
        .outerjoin(latest, latest.c.entry_id == Entry.id)
        .where(Entry.contest_id == contest_id)
        .order_by(latest.c.latest.is_not(None), latest.c.latest, Entry.id)
    )
    if not include_rejected:
        query = query.where(Entry.status != "rejected")
    return list(session.scalars(query))


def contest_spikes(session: Session, contest_id: int) -> list[Spike]:
    rows = session.execute(
        select(Entry.shortcode, LikeReading.read_at, LikeReading.likes)
        .join(LikeReading, LikeReading.entry_id == Entry.id)
        .where(Entry.contest_id == contest_id)
    ).all()
    readings: dict[str, list[Reading]] = {}
    for shortcode, read_at, likes in rows:
        readings.setdefault(shortcode, []).append(Reading(read_at, likes))
    return [spike for code, found in sorted(readings.items()) for spike in find_spikes(code, found)]


def refresh_likes(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest_id: int,
    *,
    loader: instaloader.Instaloader,
    include_rejected: bool = False,
    limit: int | None = None,
    now: datetime | None = None,
    show_progress: bool = True,
) -> IngestRun:
    """Re-read like counts until the freeze moment; every reading is kept."""
    moment = now or datetime.now(UTC)
    with transaction(sessions) as session:
        contest = load_contest(session, contest_id)
        freeze_at = rules_of(contest).likes_freeze_at
    if freeze_at is not None and moment > freeze_at:
        raise UserFacingError(
            f"Likes were frozen at {freeze_at:%Y-%m-%d %H:%M %Z}; later readings do not count.",
            "Nothing to refresh. The shortlist uses the counts read before the freeze.",
        )
    with ingest_lock(settings.data_dir, contest_id):
        with transaction(sessions) as session:
            shortcodes = shortcodes_to_refresh(
                session, contest_id, include_rejected=include_rejected
            )
        if limit is not None:
            shortcodes = shortcodes[:limit]
        run = run_ingest(
            sessions,
            settings,
            contest_id,
            like_items(
                loader,
                shortcodes,
                data_dir=settings.data_dir,
                clock=(lambda: moment) if now else (lambda: datetime.now(UTC)),
            ),
            source="likes",
            detail=f"{len(shortcodes)} entries",
            total=len(shortcodes),
            derivatives=False,
            show_progress=show_progress,
        )
        with transaction(sessions) as session:
            spikes = contest_spikes(session, contest_id)
            if spikes:
                stored = session.get(IngestRun, run.id)
                assert stored is not None
                lines = "\n".join(f"Like spike: {spike.describe()}" for spike in spikes[:20])
                stored.message = "\n".join(part for part in (stored.message, lines) if part)
                run = stored
        return run
