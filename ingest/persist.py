"""Storing one prepared post: insert or update its entry, photos and like reading.

Idempotent by design: the entry is found by (contest, shortcode); a reading already recorded
(same time) is not added twice; photos are replaced only by readable ones. Verdict fields and
organiser overrides are never touched here. The caller commits (one post, one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contest.models import Entry, LikeReading, Participant, Photo, utcnow
from contest.tombstones import is_forgotten
from ingest.imaging import to_signed
from ingest.likes import Reading, counts_for_shortlist, likes_after_reading
from ingest.records import ImageFacts, PostRecord, PreparedPost


class Outcome(StrEnum):
    new = "new"
    updated = "updated"
    unchanged = "unchanged"
    forgotten = "forgotten"


@dataclass
class SaveContext:
    """What stays the same for every post of a run."""

    contest_id: int
    source: str  # directory | hashtag | manual
    forget_key: str
    likes_freeze_at: datetime | None
    participant_ids: dict[str, int] = field(default_factory=dict)  # username -> id, this run

    def forget_cache(self) -> None:
        """After a rollback, ids of participants created in that transaction are void."""
        self.participant_ids.clear()


def _participant(session: Session, ctx: SaveContext, record: PostRecord) -> Participant:
    cached = ctx.participant_ids.get(record.username)
    if cached is not None:
        participant = session.get(Participant, cached)
        if participant is not None:
            return participant
    participant = session.scalar(
        select(Participant).where(
            Participant.contest_id == ctx.contest_id, Participant.username == record.username
        )
    )
    if participant is None and record.owner_id:
        # The same account under another name: renamed, or first seen by id only ("#id").
        participant = session.scalar(
            select(Participant).where(
                Participant.contest_id == ctx.contest_id,
                Participant.instagram_id == record.owner_id,
            )
        )
        if participant is not None and record.username_known:
            participant.username = record.username
    if participant is None:
        participant = Participant(
            contest_id=ctx.contest_id, username=record.username, instagram_id=record.owner_id
        )
        session.add(participant)
        session.flush()
    elif participant.instagram_id is None and record.owner_id:
        participant.instagram_id = record.owner_id
    ctx.participant_ids[record.username] = participant.id
    return participant


def _post_fields(record: PostRecord) -> dict[str, object]:
    location = record.location
    return {
        "media_id": record.media_id,
        "typename": record.typename,
        "is_video": record.is_video,
        "posted_at": record.posted_at,
        "caption": record.caption,
        "accessibility_caption": record.accessibility_caption,
        "hashtags": list(record.hashtags),
        "mentions": list(record.mentions),
        "location_id": location.location_id if location else None,
        "location_name": location.name if location else None,
        "location_lat": location.lat if location else None,
        "location_lng": location.lng if location else None,
        "comments": record.comments,
    }


def _photo(facts: ImageFacts) -> Photo:
    photo = Photo(position=facts.position)
    _copy_facts(photo, facts)
    return photo


def _copy_facts(photo: Photo, facts: ImageFacts) -> None:
    photo.sha256 = facts.sha256
    photo.media_type = facts.media_type
    photo.width = facts.width
    photo.height = facts.height
    photo.byte_size = facts.byte_size
    photo.phash = None if facts.phash is None else to_signed(facts.phash)
    photo.dhash = None if facts.dhash is None else to_signed(facts.dhash)
    photo.phash_mirror = None if facts.phash_mirror is None else to_signed(facts.phash_mirror)
    photo.hash_decoder = facts.hash_decoder
    photo.unreadable_reason = facts.unreadable_reason
    photo.derivatives_ready = False


def _apply_photos(session: Session, entry: Entry, images: tuple[ImageFacts, ...]) -> bool:
    """Bring the entry's photos in line; a readable stored photo is never replaced by a failure."""
    changed = False
    by_position = {photo.position: photo for photo in entry.photos}
    wanted = {facts.position for facts in images}
    for facts in images:
        photo = by_position.get(facts.position)
        if photo is None:
            entry.photos.append(_photo(facts))
            changed = True
        elif facts.readable and photo.sha256 != facts.sha256:
            _copy_facts(photo, facts)
            changed = True
        elif (
            not facts.readable
            and photo.unreadable_reason is not None
            and photo.unreadable_reason != facts.unreadable_reason
        ):
            photo.unreadable_reason = facts.unreadable_reason
            changed = True
    for position, photo in by_position.items():
        if position not in wanted:
            entry.photos.remove(photo)
            session.delete(photo)
            changed = True
    return changed


def _apply_reading(session: Session, ctx: SaveContext, entry: Entry, record: PostRecord) -> bool:
    read_at = record.read_at or utcnow()
    reading = Reading(read_at, record.likes)
    first = entry.id is None
    latest_counted: datetime | None = None
    if not first:
        earlier = session.execute(
            select(LikeReading.read_at, LikeReading.likes).where(LikeReading.entry_id == entry.id)
        ).all()
        if any(at == read_at for at, _likes in earlier):
            return False  # this very reading is already on record (a re-run)
        counted = [at for at, _likes in earlier if counts_for_shortlist(at, ctx.likes_freeze_at)]
        latest_counted = max(counted, default=None)
        first = not earlier
    entry.like_readings.append(LikeReading(read_at=read_at, likes=record.likes, source=ctx.source))
    entry.likes = likes_after_reading(
        entry.likes or 0, latest_counted, reading, ctx.likes_freeze_at, first_reading=first
    )
    return True


def find_entry(session: Session, contest_id: int, shortcode: str) -> Entry | None:
    return session.scalar(
        select(Entry)
        .where(Entry.contest_id == contest_id, Entry.shortcode == shortcode)
        .options(selectinload(Entry.photos))
    )


def save_post(session: Session, ctx: SaveContext, prepared: PreparedPost) -> Outcome:
    """Insert or update one post in the caller's transaction; erased accounts are skipped."""
    record = prepared.record
    if is_forgotten(
        session,
        contest_id=ctx.contest_id,
        username=record.username,
        shortcode=record.shortcode,
        key=ctx.forget_key,
    ):
        return Outcome.forgotten
    if prepared.likes_only:
        existing = find_entry(session, ctx.contest_id, record.shortcode)
        if existing is None:
            raise ValueError(f"no entry {record.shortcode} in this contest")
        changed = _apply_reading(session, ctx, existing, record)
        session.flush()
        return Outcome.updated if changed else Outcome.unchanged
    participant = _participant(session, ctx, record)
    entry = find_entry(session, ctx.contest_id, record.shortcode)
    if entry is None:
        entry = Entry(
            contest_id=ctx.contest_id,
            participant=participant,
            shortcode=record.shortcode,
            source=ctx.source,
            likes=record.likes,
            **_post_fields(record),
        )
        entry.photos = [_photo(facts) for facts in prepared.images]
        session.add(entry)
        _apply_reading(session, ctx, entry, record)
        session.flush()
        return Outcome.new
    changed = False
    if entry.participant_id != participant.id:
        entry.participant = participant
        changed = True
    for name, value in _post_fields(record).items():
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            changed = True
    changed |= _apply_photos(session, entry, prepared.images)
    changed |= _apply_reading(session, ctx, entry, record)
    session.flush()
    return Outcome.updated if changed else Outcome.unchanged
