"""Checking the manual add form: every mistake gets its own message (pure, table-driven)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.web.admin_support import jpeg_bytes
from web.admin.manual_form import (
    image_problem,
    parse_local_time,
    shortcode_from,
    validate_manual_post,
)
from web.request_limits import MAX_UPLOAD_BYTES

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 7, 1, tzinfo=UTC)
GOOD = {
    "post": "https://www.instagram.com/p/C9xYz123AbC/",
    "username": "@Anna.Foto",
    "posted_at": "2025-05-17T14:30",
    "caption": "Marktplatz #ThüringenDownTown",
    "location_name": " Marktplatz Gotha ",
    "likes": "42",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C9xYz123AbC", "C9xYz123AbC"),
        ("https://www.instagram.com/p/C9xYz123AbC/", "C9xYz123AbC"),
        ("https://instagram.com/p/C9xYz123AbC", "C9xYz123AbC"),
        ("instagram.com/reel/C9x-Yz_12/?igsh=abc", "C9x-Yz_12"),
        ("https://www.instagram.com/anna.foto/p/C9xYz123AbC/", "C9xYz123AbC"),
        ("  C9xYz123AbC  ", "C9xYz123AbC"),
        ("https://evil.example/p/C9xYz123AbC/", None),
        ("https://www.instagram.com/anna.foto/", None),
        ("../../etc/passwd", None),
        ("abc", None),
        ("", None),
    ],
)
def test_shortcode_from_links_and_bare_codes(text: str, expected: str | None) -> None:
    assert shortcode_from(text) == expected


@given(st.text(max_size=80))
def test_shortcode_is_never_anything_but_safe_characters(text: str) -> None:
    found = shortcode_from(text)
    assert found is None or found.replace("-", "").replace("_", "").isalnum()
    assert found is None or found.isascii()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-17T14:30", datetime(2025, 5, 17, 12, 30, tzinfo=UTC)),  # summer: UTC+2
        ("2025-01-17T14:30:15", datetime(2025, 1, 17, 13, 30, 15, tzinfo=UTC)),  # winter: UTC+1
        ("2025-05-17 14:30", datetime(2025, 5, 17, 12, 30, tzinfo=UTC)),
        ("17.05.2025 14:30", None),
        ("", None),
    ],
)
def test_posted_time_is_read_in_the_contest_zone(text: str, expected: datetime | None) -> None:
    assert parse_local_time(text, BERLIN) == expected


def test_a_good_form_becomes_a_manual_post() -> None:
    post, errors = validate_manual_post(**GOOD, image=jpeg_bytes(), zone=BERLIN, now=NOW)
    assert errors == []
    assert post is not None
    assert (post.shortcode, post.username, post.likes) == ("C9xYz123AbC", "anna.foto", 42)
    assert post.location_name == "Marktplatz Gotha"
    assert post.image_type == "image/jpeg"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("post", "not a link", "Paste the link"),
        ("username", "anna foto", "up to 30 letters"),
        ("username", "a" * 31, "up to 30 letters"),
        ("posted_at", "", "date and time"),
        ("posted_at", "2025-07-02T10:00", "future"),
        ("caption", "x" * 2201, "longer than %(limit)s characters"),
        ("location_name", "x" * 301, "longer than %(limit)s characters"),
        ("likes", "-3", "whole number"),
        ("likes", "²", "whole number"),
    ],
)
def test_each_mistake_is_named_at_its_field(field: str, value: str, message: str) -> None:
    post, errors = validate_manual_post(
        **{**GOOD, field: value}, image=jpeg_bytes(), zone=BERLIN, now=NOW
    )
    assert post is None
    assert [error.field for error in errors] == [field]
    assert message in errors[0].message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "choose the photo"),
        (b"GIF89a" + b"\0" * 100, "not a readable photo"),
        (b"%PDF-1.4 not an image", "not a readable photo"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "larger than %(limit)s MB"),
    ],
)
def test_image_problems_are_explained(data: bytes, message: str) -> None:
    problem = image_problem(data)
    assert problem is not None and message in problem.message


def test_a_gif_is_refused_with_the_formats_that_work() -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    problem = image_problem(buffer.getvalue())
    assert problem is not None and "JPEG, PNG or WebP" in problem.message


def test_a_decompression_bomb_is_refused() -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")  # 400 megapixels, tiny file
    problem = image_problem(buffer.getvalue())
    assert problem is not None and "too many pixels" in problem.message
