"""Organiser and juror accounts: creation and password checks (argon2)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import ROLES, User

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    actor: str,
    display_name: str = "",
    email: str | None = None,
) -> User:
    """Create an account; refuses unknown roles, short passwords and taken usernames."""
    if role not in ROLES:
        raise UserFacingError(f"Unknown role {role!r}.", f"Use one of: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFacingError(
            f"The password is shorter than {MIN_PASSWORD_LENGTH} characters.",
            "Choose a longer password (a passphrase of several words works well).",
        )
    username = username.strip().lower()
    if session.scalar(select(User).where(User.username == username)):
        raise UserFacingError(f"The user {username!r} exists already.", "Pick another name.")
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        role=role,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    log_action(
        session,
        "user.created",
        actor=actor,
        subject_type="user",
        subject_id=user.id,
        username=username,
        role=role,
    )
    return user
