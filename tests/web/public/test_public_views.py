"""View helpers: page numbers, links, alt text."""

from __future__ import annotations

import pytest

from contest.models import Entry
from web.public_views import alt_text, page_numbers, paginate, query_url


@pytest.mark.parametrize(
    ("page", "pages", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_page_numbers(page: int, pages: int, expected: list[int | None]):
    assert page_numbers(page, pages) == expected


def test_paginate_clamps_and_links_neighbours():
    pagination = paginate(9, total=50, per_page=24, make_url=lambda n: f"/?page={n}")
    assert (pagination.page, pagination.pages) == (3, 3)
    assert pagination.previous_url == "/?page=2"
    assert pagination.next_url is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "/"),
        ({"town": None, "page": None}, "/"),
        ({"town": "Zeulenroda-Triebes", "page": 2}, "/?town=Zeulenroda-Triebes&page=2"),
        ({"town": "Bad Frankenhausen/Kyffh."}, "/?town=Bad+Frankenhausen%2FKyffh."),
    ],
)
def test_query_url(params: dict[str, object], expected: str):
    assert query_url("/", **params) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("accessibility", "caption", "expected"),
    [
        ("May be an image of a square", "Mein Markt", "May be an image of a square"),
        (None, "Mein\n\nMarkt  am Abend", "Mein Markt am Abend"),
        ("   ", "Markt", "Markt"),
        (None, "", ""),
        (None, "wort " * 60, ("wort " * 40).strip() + " …"),
    ],
)
def test_alt_text_prefers_instagrams_description(
    accessibility: str | None, caption: str, expected: str
):
    entry = Entry(accessibility_caption=accessibility, caption=caption)
    assert alt_text(entry) == expected
