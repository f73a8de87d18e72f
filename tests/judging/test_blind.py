"""Blind view: nothing in a caption points a juror to the author."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from judging.blind import blind_alt_text, mask_caption, username_pattern


@pytest.mark.parametrize(
    ("caption", "usernames", "expected"),
    [
        (
            "Marktplatz Gotha 😍 @downtownsnaps_th #ThüringenDownTown",
            [],
            "Marktplatz Gotha 😍 @••• #ThüringenDownTown",
        ),
        ("Foto: anna.knipst – mein Lieblingsort", ["anna.knipst"], "Foto: ••• – mein Lieblingsort"),
        ("ANNA.KNIPST war hier", ["anna.knipst"], "••• war hier"),
        ("hannah.knipst bleibt", ["anna.knipst"], "hannah.knipst bleibt"),
        ("Mail an anna@example.org", [], "Mail an •••"),
        ("mehr auf https://example.org/anna und www.anna.de", [], "mehr auf [Link] und [Link]"),
        ("(@a.b_c) und @x.", [], "(@•••) und @•••"),
    ],
)
def test_mask_caption(caption: str, usernames: list[str], expected: str) -> None:
    assert mask_caption(caption, usernames) == expected


@pytest.mark.parametrize(
    ("alt", "expected"),
    [
        (
            "Photo by Anna Knipst on June 01, 2025. May be an image of fountain and town square.",
            "May be an image of fountain and town square.",
        ),
        ("Photo shared by Anna on May 5, 2025 tagging @gotha.", None),
        ("May be an image of 1 person.", "May be an image of 1 person."),
        (None, None),
    ],
)
def test_blind_alt_text_drops_the_photographers_name(alt, expected) -> None:
    assert blind_alt_text(alt) == expected


usernames = st.from_regex(r"[a-z0-9_][a-z0-9._]{1,20}[a-z0-9_]", fullmatch=True)


@given(st.text(max_size=200), usernames)
def test_property_no_handle_and_no_username_survives(text: str, username: str) -> None:
    caption = f"{text} @{username} {text} {username.upper()} {text}"
    masked = mask_caption(caption, [username])
    assert not re.search(r"(?<![\w.])@[\w.]+", masked)
    assert not username_pattern(username).search(masked)
