"""Organiser and juror accounts, their declared conflicts and log-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.models.base import Base, utcnow

ROLES = ("organiser", "juror")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # organiser | juror
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped by "log out everywhere" and password resets; signed cookies carry the version.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Set for invitations and resets with a one-time password: the next log-in must choose one.
    password_change_required: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conflicts: Mapped[list[JurorConflict]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )


class JurorConflict(Base):
    """A declared conflict: the juror's own account, a relative's, or a whole town."""

    __tablename__ = "juror_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contest_id: Mapped[int | None] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # account | town
    value: Mapped[str] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="conflicts")


class LoginAttempt(Base):
    """Kept in the database so rate limits hold across several web processes."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
