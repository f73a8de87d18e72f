"""Participants, their entries (one Instagram post each), photos and like readings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.models.base import Base, utcnow


class Participant(Base):
    """An Instagram account; only username and numeric id are kept (GDPR: nothing more)."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("contest_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(64))
    instagram_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    entries: Mapped[list[Entry]] = relationship(back_populates="participant")


class Entry(Base):
    """One post is one entry; verdict fields are written by the rules engine or an organiser."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("contest_id", "shortcode"),
        Index("ix_entries_contest_status", "contest_id", "status"),
        # The public gallery: one page in posting order, by likes, or of one town (covering).
        Index("ix_entries_gallery_newest", "contest_id", "status", "posted_at", "id"),
        Index("ix_entries_gallery_likes", "contest_id", "status", "likes", "posted_at", "id"),
        Index("ix_entries_gallery_town", "contest_id", "status", "town", "posted_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    shortcode: Mapped[str] = mapped_column(String(40))
    media_id: Mapped[str | None] = mapped_column(String(40))
    typename: Mapped[str] = mapped_column(String(40), default="GraphImage")
    is_video: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_at: Mapped[datetime]
    caption: Mapped[str] = mapped_column(Text, default="")
    accessibility_caption: Mapped[str | None] = mapped_column(Text)
    hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    mentions: Mapped[list[str]] = mapped_column(JSON, default=list)
    location_id: Mapped[str | None] = mapped_column(String(40))
    location_name: Mapped[str | None] = mapped_column(String(300))
    location_lat: Mapped[float | None] = mapped_column(Float)
    location_lng: Mapped[float | None] = mapped_column(Float)
    likes: Mapped[int] = mapped_column(Integer, default=0)
    comments: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(20))  # directory | hashtag | manual
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    # Verdict (rules engine); `status` is the effective status, overrides included.
    status: Mapped[str] = mapped_column(String(20), default="review")
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason_details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    town: Mapped[str | None] = mapped_column(String(120), index=True)
    town_method: Mapped[str | None] = mapped_column(String(40))
    duplicate_of: Mapped[str | None] = mapped_column(String(40))
    duplicate_distance: Mapped[int | None] = mapped_column(Integer)
    rules_status: Mapped[str] = mapped_column(String(20), default="review")
    verdict_computed_at: Mapped[datetime | None]
    # Organiser decision overriding the rules (survives recomputation).
    override_status: Mapped[str | None] = mapped_column(String(20))
    override_note: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[str | None] = mapped_column(String(120))
    override_at: Mapped[datetime | None]

    participant: Mapped[Participant] = relationship(back_populates="entries")
    photos: Mapped[list[Photo]] = relationship(
        back_populates="entry", order_by="Photo.position", cascade="all, delete-orphan"
    )
    like_readings: Mapped[list[LikeReading]] = relationship(
        back_populates="entry", order_by="LikeReading.read_at", cascade="all, delete-orphan"
    )

    @property
    def decided_by(self) -> str:
        return "organiser" if self.override_status else "rules"

    @property
    def instagram_url(self) -> str:
        return f"https://www.instagram.com/p/{self.shortcode}/"


class Photo(Base):
    """One image of an entry; stored content-addressed by SHA-256 under the data directory."""

    __tablename__ = "photos"
    __table_args__ = (UniqueConstraint("entry_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(40), default="image/jpeg")
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    byte_size: Mapped[int | None] = mapped_column(Integer)
    # 64-bit perceptual hashes stored as signed integers (PostgreSQL has no unsigned bigint).
    phash: Mapped[int | None] = mapped_column(BigInteger)
    dhash: Mapped[int | None] = mapped_column(BigInteger)
    phash_mirror: Mapped[int | None] = mapped_column(BigInteger)
    hash_decoder: Mapped[str | None] = mapped_column(String(20))  # which decoder made the hashes
    unreadable_reason: Mapped[str | None] = mapped_column(Text)
    derivatives_ready: Mapped[bool] = mapped_column(Boolean, default=False)

    entry: Mapped[Entry] = relationship(back_populates="photos")


class LikeReading(Base):
    """Every like count ever read, so the shortlist at the freeze is auditable."""

    __tablename__ = "like_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    read_at: Mapped[datetime] = mapped_column(default=utcnow)
    likes: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))

    entry: Mapped[Entry] = relationship(back_populates="like_readings")
