"""The contest itself: its identity, its contest file and its publication state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from contest.models.base import Base, utcnow


class Contest(Base):
    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The contest file as loaded (TOML). `rules` parses it; the core only keeps it.
    rules_toml: Mapped[str] = mapped_column(Text)
    rules_source: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    shortlist_frozen_at: Mapped[datetime | None]
    results_published_at: Mapped[datetime | None]
