"""Small pure helpers of the console: notices in URLs, audit prefixes, contest values."""

from __future__ import annotations

import pytest

from web.admin.audit_log import action_prefixes
from web.admin.common import with_notice
from web.admin.contest_view import display_value


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/review", "/admin/review?notice=accepted"),
        ("/admin/review?page=2", "/admin/review?page=2&notice=accepted"),
        ("/admin/review?notice=rejected&page=2", "/admin/review?page=2&notice=accepted"),
    ],
)
def test_with_notice_replaces_an_earlier_notice(url: str, expected: str) -> None:
    assert with_notice(url, "accepted") == expected


def test_action_prefixes_offer_every_level() -> None:
    assert action_prefixes(["entry.verdict.overridden", "vote.cast"]) == [
        "entry.",
        "entry.verdict.",
        "vote.",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "true"), (["a", "b"], "a, b"), ([], "–"), (50, "50"), ([{"x": 1}], "1 ×")],
)
def test_contest_values_are_shown_as_in_the_file(value: object, expected: str) -> None:
    assert display_value(value) == expected
