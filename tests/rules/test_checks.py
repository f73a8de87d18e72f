"""Each single-post rule, table-driven against the 2025 preset."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from rules.checks import (
    check_account,
    check_ai,
    check_hashtag,
    check_image,
    check_media,
    check_mentions,
    check_period,
)
from rules.contest_file import parse_contest_text
from rules.contest_rules import CarouselPolicy
from tests.rules.factories import berlin, post, preset

RULES = preset()


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("posted_at", "inside"),
    [
        (berlin(2025, 5, 4, 23, 59, 59), False),  # the evening before opening day
        (berlin(2025, 5, 5, 0, 0, 0), True),  # midnight of opening day (22:00 UTC the day before)
        (utc("2025-05-04T21:59:59"), False),
        (utc("2025-05-04T22:00:00"), True),
        (utc("2025-05-05T01:30:00"), True),
        (berlin(2025, 6, 22, 23, 59, 59), True),  # last second of closing day
        (berlin(2025, 6, 23, 0, 0, 0), False),  # midnight after closing day
        (utc("2025-06-22T21:59:59"), True),
        (utc("2025-06-22T22:00:00"), False),  # still 22 June in UTC, already 23 June in Berlin
        (utc("2025-06-22T23:30:00"), False),
    ],
)
def test_period_edges_in_berlin_summer_time(posted_at: datetime, inside: bool) -> None:
    assert codes(check_period(RULES, post(posted_at=posted_at))) == (
        [] if inside else ["outside_period"]
    )


WINTER = parse_contest_text(
    '[contest]\nslug = "winter"\nname = "Winter"\n'
    "opens_at = 2025-03-30T00:00:00\ncloses_at = 2025-10-26T23:59:59\n"
)


@pytest.mark.parametrize(
    ("posted_at", "inside"),
    [
        # Opening day is the day clocks go forward: midnight is still CET (UTC+1).
        (utc("2025-03-29T22:59:59"), False),
        (utc("2025-03-29T23:00:00"), True),
        # Closing day is the day clocks go back: its last second is CET again.
        (utc("2025-10-26T22:59:59"), True),
        (utc("2025-10-26T23:00:00"), False),
        # The repeated hour 02:00-03:00 on 26 October lies inside.
        (utc("2025-10-26T00:30:00"), True),
        (utc("2025-10-26T01:30:00"), True),
    ],
)
def test_period_edges_across_dst_changes(posted_at: datetime, inside: bool) -> None:
    assert codes(check_period(WINTER, post(posted_at=posted_at))) == (
        [] if inside else ["outside_period"]
    )


def test_outside_period_detail_gives_local_time() -> None:
    [finding] = check_period(RULES, post(posted_at=utc("2025-06-22T22:00:05")))
    assert finding.detail == "posted 2025-06-23 00:00:05 CEST"


@pytest.mark.parametrize(
    ("changes", "rules_changes", "expected"),
    [
        ({}, {}, []),
        ({"is_video": True}, {}, ["not_a_photo"]),
        ({"is_video": True}, {"photo_only": False}, []),
        ({"is_carousel": True}, {}, []),
        ({"is_carousel": True}, {"carousel": CarouselPolicy.not_allowed}, ["not_a_photo"]),
    ],
)
def test_media(changes: dict, rules_changes: dict, expected: list[str]) -> None:
    assert codes(check_media(replace(RULES, **rules_changes), post(**changes))) == expected


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("anna.foto", []),
        ("downtownsnaps_th", ["excluded_account"]),
        ("DowntownSnaps_TH", ["excluded_account"]),
    ],
)
def test_excluded_account(username: str, expected: list[str]) -> None:
    assert codes(check_account(RULES, post(username=username))) == expected


@pytest.mark.parametrize(
    ("caption", "hashtags", "expected"),
    [
        ("Gotha #ThüringenDownTown", (), []),
        ("Gotha #ThueringenDownTown", (), []),
        ("Gotha #THÜRINGENDOWNTOWN", (), []),
        ("Gotha #Thu\u0308ringenDownTown", (), []),  # decomposed umlaut
        ("Gotha", ("thüringendowntown",), []),  # from instaloader's caption_hashtags
        ("Gotha #ThüringenDownTown2025", (), ["missing_hashtag"]),
        ("Gotha #Thüringen #DownTown", (), ["missing_hashtag"]),
        ("Gotha ThüringenDownTown", (), ["missing_hashtag"]),  # no '#': a word, not a tag
        ("Gotha", (), ["missing_hashtag"]),  # the hashtag was only in a comment
    ],
)
def test_hashtag(caption: str, hashtags: tuple[str, ...], expected: list[str]) -> None:
    assert codes(check_hashtag(RULES, post(caption=caption, hashtags=hashtags))) == expected


@pytest.mark.parametrize(
    ("caption", "mentions", "tagged", "expected"),
    [
        ("mit @downtownsnaps_th", (), (), []),
        ("mit @DownTownSnaps_TH", (), (), []),
        ("", ("downtownsnaps_th",), (), []),
        ("", (), ("downtownsnaps_th",), []),  # tagged in the photo
        ("mit @downtownsnaps", (), (), ["missing_mention"]),
        ("downtownsnaps_th", (), (), ["missing_mention"]),
    ],
)
def test_mention(caption: str, mentions: tuple, tagged: tuple, expected: list[str]) -> None:
    facts = post(caption=caption, mentions=mentions, tagged_users=tagged)
    assert codes(check_mentions(RULES, facts)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"width": 1080, "height": 1350}, []),
        ({"width": 640, "height": 640}, []),
        ({"width": 639, "height": 1350}, ["too_small"]),
        ({"width": 1350, "height": 320}, ["too_small"]),
        ({"width": None, "height": None}, []),  # not measured: nothing to say
        ({"image_readable": False, "image_problem": "truncated JPEG"}, ["image_unreadable"]),
        ({"image_readable": False, "width": 10, "height": 10}, ["image_unreadable"]),
    ],
)
def test_image(changes: dict, expected: list[str]) -> None:
    assert codes(check_image(RULES, post(**changes))) == expected


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Gotha #ThüringenDownTown", []),
        ("Gotha #aiart", ["ai_suspected"]),
        ("Gotha #AI_Art", ["ai_suspected"]),
        ("Gotha #Midjourney #photography", ["ai_suspected"]),
        ("Gotha #KIgeneriert", ["ai_suspected"]),
        ("Gotha, kein aiart, nur Foto", []),  # a word, not a hashtag
        ("Gotha #aiartist", []),  # not on the list
    ],
)
def test_ai_hashtags(caption: str, expected: list[str]) -> None:
    assert codes(check_ai(RULES, post(caption=caption, hashtags=()))) == expected
