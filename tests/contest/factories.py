"""Small factories for contest data, written straight into the tables and the data directory.

Ingestion is not needed to test privacy and backups: a photo is a row plus files at the paths
`ingest.media_paths` names, with bytes unique to the photo so tests can find them by hash.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.models import (
    Assignment,
    Contest,
    Entry,
    LikeReading,
    Participant,
    Photo,
    ResultPlace,
    Round,
    RoundEntry,
    ShortlistItem,
    User,
    Vote,
)
from ingest.media_paths import DERIVATIVE_WIDTHS, derivative_path, original_path
from tests.paths import PRESET

POSTED = datetime(2025, 5, 20, 10, 0, tzinfo=UTC)


def make_contest(session: Session, slug: str = "downtown-snaps-2025") -> Contest:
    text = PRESET.read_text(encoding="utf-8")
    if slug != "downtown-snaps-2025":
        text = text.replace('slug = "downtown-snaps-2025"', f'slug = "{slug}"')
    contest = Contest(slug=slug, name=f"Contest {slug}", rules_toml=text)
    session.add(contest)
    session.flush()
    return contest


def make_participant(
    session: Session, contest: Contest, username: str, instagram_id: str | None = None
) -> Participant:
    participant = Participant(
        contest_id=contest.id,
        username=username,
        instagram_id=instagram_id or str(zlib.crc32(username.encode())),
    )
    session.add(participant)
    session.flush()
    return participant


def make_entry(
    session: Session,
    participant: Participant,
    shortcode: str,
    *,
    caption: str = "Blick auf den Marktplatz #ThüringenDownTown @downtownsnaps_th",
    posted_at: datetime = POSTED,
    **fields: Any,
) -> Entry:
    entry = Entry(
        contest_id=participant.contest_id,
        participant_id=participant.id,
        shortcode=shortcode,
        posted_at=posted_at,
        caption=caption,
        hashtags=["thüringendowntown"],
        mentions=["downtownsnaps_th"],
        location_name="Marktplatz Gotha",
        likes=fields.pop("likes", 42),
        source="directory",
        status=fields.pop("status", "accepted"),
        rules_status="accepted",
        town="Gotha",
        **fields,
    )
    session.add(entry)
    session.flush()
    return entry


def photo_bytes(label: str) -> bytes:
    """Bytes that stand in for a JPEG; unique per label so tests can look for them on disk."""
    return b"\xff\xd8\xff\xe0 fake jpeg for " + label.encode() + b"\xff\xd9"


def write_media(data_dir: Path, content: bytes) -> tuple[str, list[Path]]:
    """Store an original and its derivatives where ingestion would; returns (sha256, paths)."""
    sha = hashlib.sha256(content).hexdigest()
    paths = [original_path(data_dir, sha)]
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    paths[0].write_bytes(content)
    for width in DERIVATIVE_WIDTHS:
        path = derivative_path(data_dir, sha, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"RIFF webp " + str(width).encode() + b" of " + content)
        paths.append(path)
    return sha, paths


def make_photo(
    session: Session, entry: Entry, data_dir: Path, *, content: bytes, position: int = 0
) -> tuple[Photo, list[Path]]:
    sha, paths = write_media(data_dir, content)
    photo = Photo(
        entry_id=entry.id,
        position=position,
        sha256=sha,
        width=1080,
        height=1350,
        byte_size=len(content),
        phash=123456789,
        dhash=-987654321,
        derivatives_ready=True,
    )
    session.add(photo)
    session.flush()
    return photo, paths


def make_like_readings(session: Session, entry: Entry, counts: list[int]) -> None:
    for hours, likes in enumerate(counts):
        session.add(
            LikeReading(
                entry_id=entry.id,
                likes=likes,
                source="refresh",
                read_at=POSTED + timedelta(hours=hours),
            )
        )
    session.flush()


def make_user(session: Session, username: str, role: str = "juror") -> User:
    user = User(username=username, display_name=username.title(), role=role, password_hash="x")
    session.add(user)
    session.flush()
    return user


def make_round(session: Session, contest: Contest, sequence: int = 1) -> Round:
    round_ = Round(
        contest_id=contest.id, sequence=sequence, name=f"Runde {sequence}", method="rating"
    )
    session.add(round_)
    session.flush()
    return round_


def judge(session: Session, round_: Round, entry: Entry, juror: User, stars: int) -> Vote:
    """A juror's assignment and vote on an entry, with the entry in the round."""
    session.add(RoundEntry(round_id=round_.id, entry_id=entry.id))
    session.add(Assignment(round_id=round_.id, entry_id=entry.id, user_id=juror.id, status="done"))
    vote = Vote(
        round_id=round_.id, entry_id=entry.id, user_id=juror.id, value={"stars": stars}, score=stars
    )
    session.add(vote)
    session.flush()
    log_action(
        session,
        "vote.cast",
        actor=juror.username,
        contest_id=entry.contest_id,
        subject_type="entry",
        subject_id=entry.id,
        stars=stars,
    )
    return vote


def shortlist(session: Session, entry: Entry, rank: int) -> ShortlistItem:
    item = ShortlistItem(
        contest_id=entry.contest_id, entry_id=entry.id, rank=rank, likes_at_freeze=entry.likes
    )
    session.add(item)
    session.flush()
    return item


def place(session: Session, entry: Entry, place: int) -> ResultPlace:
    result = ResultPlace(contest_id=entry.contest_id, entry_id=entry.id, place=place, score=4.5)
    session.add(result)
    session.flush()
    return result
