"""Organiser and juror accounts: creation, passwords (argon2) and sessions.

Jurors' conflicts of interest belong to judging (`judging.conflicts`).

Every change here is made by a person (an organiser in the console, an operator on the command
line, or the account holder) and is audited with a dotted `user.*` action.
"""

from __future__ import annotations

import contextlib
import functools
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import ROLES, User

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,79}$")
# No 0/O, 1/l/i: one-time passwords are read aloud on the phone and typed from paper.
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("no-such-user-" + secrets.token_hex(8))


def spend_equal_time_on_unknown_user(password: str) -> None:
    """Verify against a dummy hash so response times do not reveal which usernames exist."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash(), password)


def rehash_if_outdated(user: User, password: str) -> None:
    """After a successful log-in, upgrade the stored hash when argon2's parameters changed."""
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFacingError(
            f"The password is shorter than {MIN_PASSWORD_LENGTH} characters.",
            "Choose a longer password (a passphrase of several words works well).",
        )


def normalise_username(username: str) -> str:
    return username.strip().lower()


def generate_one_time_password() -> str:
    """Four groups of four unambiguous characters, e.g. `k7mp-w3ra-9xte-hq2n`."""
    groups = ("".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    actor: str,
    display_name: str = "",
    email: str | None = None,
    password_change_required: bool = False,
) -> User:
    """Create an account; refuses unknown roles, short passwords and taken usernames."""
    if role not in ROLES:
        raise UserFacingError(f"Unknown role {role!r}.", f"Use one of: {', '.join(ROLES)}.")
    check_password_strength(password)
    username = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(username):
        raise UserFacingError(
            f"The username {username!r} is not usable.",
            "Use 2 to 80 letters, digits, dots, dashes or @, starting with a letter or digit.",
        )
    if session.scalar(select(User).where(User.username == username)):
        raise UserFacingError(f"The user {username!r} exists already.", "Pick another name.")
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        email=email or None,
        role=role,
        password_hash=hash_password(password),
        password_change_required=password_change_required,
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


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise UserFacingError(
            f"There is no account {normalise_username(username)!r}.",
            "List the accounts with: downtown-snap user list",
        )
    return user


def list_users(session: Session, *, role: str | None = None) -> list[User]:
    query = select(User).order_by(User.role, User.username)
    if role:
        query = query.where(User.role == role)
    return list(session.scalars(query))


def _end_sessions(user: User) -> None:
    """Signed cookies carry the version they were issued for; a new version voids them all."""
    user.session_version = (user.session_version or 1) + 1


def reset_password(
    session: Session, user: User, *, password: str, actor: str, one_time: bool
) -> None:
    """Set a password chosen by someone else; a one-time password must be replaced at log-in."""
    check_password_strength(password)
    user.password_hash = hash_password(password)
    user.password_change_required = one_time
    _end_sessions(user)
    session.flush()
    log_action(
        session,
        "user.password.reset",
        actor=actor,
        subject_type="user",
        subject_id=user.id,
        username=user.username,
        one_time=one_time,
    )


def change_own_password(session: Session, user: User, *, current: str, new: str) -> None:
    """The account holder's own change: proves the current password, ends other sessions."""
    if not password_matches(user, current):
        raise UserFacingError("The current password is wrong.", "Type the password you used.")
    check_password_strength(new)
    if new == current:
        raise UserFacingError(
            "The new password is the same as the current one.", "Choose a new password."
        )
    user.password_hash = hash_password(new)
    user.password_change_required = False
    _end_sessions(user)
    session.flush()
    log_action(
        session,
        "user.password.changed",
        actor=user.username,
        subject_type="user",
        subject_id=user.id,
    )


def log_out_everywhere(session: Session, user: User, *, actor: str) -> None:
    _end_sessions(user)
    session.flush()
    log_action(
        session,
        "user.sessions.revoked",
        actor=actor,
        subject_type="user",
        subject_id=user.id,
        username=user.username,
    )


def set_active(session: Session, user: User, *, active: bool, actor: str) -> None:
    """Deactivate (ends every session, keeps votes and history) or reactivate an account."""
    if user.active == active:
        return
    user.active = active
    if not active:
        _end_sessions(user)
    session.flush()
    log_action(
        session,
        "user.reactivated" if active else "user.deactivated",
        actor=actor,
        subject_type="user",
        subject_id=user.id,
        username=user.username,
    )
