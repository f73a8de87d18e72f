"""Account services: usernames, one-time passwords and sessions."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.accounts import (
    change_own_password,
    create_user,
    generate_one_time_password,
    password_matches,
    set_active,
)
from contest.errors import UserFacingError
from contest.models import AuditEvent


def test_one_time_passwords_are_long_unambiguous_and_different() -> None:
    passwords = {generate_one_time_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert len(password) == 19 and password.count("-") == 3
        assert not set(password) & set("01ilo")


@pytest.mark.parametrize("username", ["anna schmidt", "a", "-anna", "anna/../x", "ä" * 5])
def test_unusable_usernames_are_refused(session: Session, username: str) -> None:
    with pytest.raises(UserFacingError, match="not usable"):
        create_user(session, username=username, password="x" * 12, role="juror", actor="t")


def test_changing_the_own_password_ends_other_sessions(session: Session) -> None:
    user = create_user(
        session,
        username="jana",
        password="one-time-pass",
        role="juror",
        actor="t",
        password_change_required=True,
    )
    change_own_password(session, user, current="one-time-pass", new="my own passphrase")
    assert password_matches(user, "my own passphrase")
    assert (user.session_version, user.password_change_required) == (2, False)
    with pytest.raises(UserFacingError, match="same as the current"):
        change_own_password(session, user, current="my own passphrase", new="my own passphrase")


def test_deactivating_twice_writes_one_audit_row(session: Session) -> None:
    user = create_user(session, username="jana", password="x" * 12, role="juror", actor="t")
    set_active(session, user, active=False, actor="olga")
    set_active(session, user, active=False, actor="olga")
    actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("user.deactivated") == 1
