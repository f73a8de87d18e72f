"""Finding an account's name and shortcodes in free text: whole tokens only, nothing left."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.mentions import (
    ERASED,
    mention_pattern,
    mentions_in,
    normalise_username,
    scrub_text,
    scrub_value,
)

PATTERN = mention_pattern(["anna"], ["Cx9_-aB"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foto von @anna", f"Foto von @{ERASED}"),
        ("Danke anna.", f"Danke {ERASED}."),
        ("ANNA war da", f"{ERASED} war da"),
        ("https://www.instagram.com/anna/", f"https://www.instagram.com/{ERASED}/"),
        ("@anna.schmidt ist jemand anderes", "@anna.schmidt ist jemand anderes"),
        ("Susanna und annabell", "Susanna und annabell"),
        ("anna_b", "anna_b"),
        ("Jörganna", "Jörganna"),
        ("https://instagram.com/p/Cx9_-aB/", f"https://instagram.com/p/{ERASED}/"),
        ("cx9_-ab", "cx9_-ab"),  # shortcodes are case-sensitive
        ("XCx9_-aB", "XCx9_-aB"),
        ("anna.Cx9_-aB", f"{ERASED}.{ERASED}"),  # blanking the code exposes the name
    ],
)
def test_whole_tokens_are_blanked(text: str, expected: str) -> None:
    assert scrub_text(text, PATTERN) == expected


@pytest.mark.parametrize(
    ("given_name", "stored"),
    [("@Anna.B", "anna.b"), ("  anna_b ", "anna_b"), ("ANNA", "anna")],
)
def test_usernames_are_normalised_like_stored_ones(given_name: str, stored: str) -> None:
    assert normalise_username(given_name) == stored


def test_json_documents_are_walked_keys_included() -> None:
    value = {"anna": ["x", {"of": "Cx9_-aB"}], "n": 3, "ok": None}
    assert scrub_value(value, PATTERN) == {ERASED: ["x", {"of": ERASED}], "n": 3, "ok": None}


def test_an_empty_pattern_finds_nothing() -> None:
    pattern = mention_pattern([" "], [""])
    assert not pattern
    assert scrub_text("anna", pattern) == "anna"


usernames = st.from_regex(r"[a-z0-9_]([a-z0-9._]{0,20}[a-z0-9_])?", fullmatch=True)
shortcodes = st.from_regex(r"[A-Za-z0-9_-]{6,12}", fullmatch=True)


@given(
    names=st.lists(usernames, min_size=1, max_size=3),
    codes=st.lists(shortcodes, max_size=3),
    pieces=st.lists(st.one_of(st.text(max_size=8), st.sampled_from(["@", ".", "/", " ", "ö"]))),
    data=st.data(),
)
def test_after_scrubbing_no_mention_is_left(names, codes, pieces, data) -> None:
    pattern = mention_pattern(names, codes)
    words = [*pieces, *names, *codes, *(name.upper() for name in names)]
    text = "".join(data.draw(st.permutations(words)))
    scrubbed = scrub_text(text, pattern)
    assert not mentions_in(scrubbed, pattern)


@given(text=st.text(alphabet=st.characters(blacklist_characters="aA"), max_size=60))
def test_text_without_the_names_is_left_alone(text: str) -> None:
    assert scrub_text(text, mention_pattern(["anna"], ["aaaaaa"])) == text
