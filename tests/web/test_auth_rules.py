"""The pure decisions behind log-in: throttling windows and safe redirects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from web.auth.redirects import home_for_role, safe_next
from web.auth.throttle import attempt_keys, blocked_until

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def minutes_ago(*values: int) -> list[datetime]:
    return [NOW - timedelta(minutes=value) for value in values]


@pytest.mark.parametrize(
    ("failures", "limit", "expected"),
    [
        (minutes_ago(), 3, None),
        (minutes_ago(1, 2), 3, None),
        (minutes_ago(1, 2, 3), 3, NOW + timedelta(minutes=12)),  # the oldest of 3 leaves
        (minutes_ago(1, 2, 3, 10), 3, NOW + timedelta(minutes=12)),  # the 3rd newest counts
        (minutes_ago(1, 2, 16), 3, None),  # outside the window
        (minutes_ago(1), 1, NOW + timedelta(minutes=14)),
        (minutes_ago(1, 2, 3), 0, None),  # a limit of 0 switches the pause off
    ],
)
def test_blocked_until(failures: list[datetime], limit: int, expected: datetime | None) -> None:
    assert blocked_until(failures, limit=limit, now=NOW) == expected


def test_attempts_are_keyed_by_account_and_address() -> None:
    assert attempt_keys(" Olga ", "10.0.0.1") == ("account:olga", "address:10.0.0.1")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/admin/review?page=2", "/admin/review?page=2"),
        ("/jury", "/jury"),
        ("", "/home"),
        (None, "/home"),
        ("admin", "/home"),
        ("//evil.example", "/home"),
        ("/\\evil.example", "/home"),
        ("https://evil.example/admin", "/home"),
        ("/admin\r\nSet-Cookie: x=1", "/home"),
        ("/ok\\..\\", "/home"),
    ],
)
def test_safe_next(target: str | None, expected: str) -> None:
    assert safe_next(target, fallback="/home") == expected


def test_each_role_has_a_home() -> None:
    assert (home_for_role("organiser"), home_for_role("juror")) == ("/admin", "/jury")
