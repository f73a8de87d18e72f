"""Shortlist, rounds, assignments, votes and final results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.models.base import Base, utcnow


class ShortlistItem(Base):
    __tablename__ = "shortlist_items"
    __table_args__ = (UniqueConstraint("contest_id", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    rank: Mapped[int | None] = mapped_column(Integer)
    likes_at_freeze: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20), default="likes")  # likes | wildcard
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(120), default="rules")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class Round(Base):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("contest_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    method: Mapped[str] = mapped_column(String(20))  # yesno | rating | ranking
    status: Mapped[str] = mapped_column(String(20), default="draft")
    quorum: Mapped[int] = mapped_column(Integer, default=3)
    # Method details: criteria and weights, tally (borda|schulze), normalise, entry source.
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    activated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    finalized_at: Mapped[datetime | None]

    jurors: Mapped[list[RoundJuror]] = relationship(cascade="all, delete-orphan")
    entries: Mapped[list[RoundEntry]] = relationship(cascade="all, delete-orphan")


class RoundJuror(Base):
    __tablename__ = "round_jurors"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))


class RoundEntry(Base):
    __tablename__ = "round_entries"
    __table_args__ = (UniqueConstraint("round_id", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))


class Assignment(Base):
    """A juror's task to judge one entry in one round."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("round_id", "entry_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|done|skipped|recused
    sort_key: Mapped[int] = mapped_column(Integer, default=0)  # shuffled order per juror
    recusal_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("round_id", "entry_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # yesno: {"yes": true}; rating: {"stars": 4} or {"criteria": {...}}; ranking: {"points": 8}
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    cast_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TieDecision(Base):
    __tablename__ = "tie_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    entry_ids: Mapped[list[int]] = mapped_column(JSON)  # the order chosen, best first
    note: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResultPlace(Base):
    """The final places; public once the contest's `results_published_at` is set."""

    __tablename__ = "result_places"
    __table_args__ = (UniqueConstraint("contest_id", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    place: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
