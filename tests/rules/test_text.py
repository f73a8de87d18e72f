"""Normalisation: what makes `#Schmoelln`, `#SCHMÖLLN` and a decomposed `ö` the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.text import caption_hashtags, caption_mentions, compact, fold, strip_tags_and_mentions


@pytest.mark.parametrize(
    ("text", "folded", "compacted"),
    [
        ("Schmölln", "schmoelln", "schmoelln"),
        ("SCHMÖLLN", "schmoelln", "schmoelln"),
        ("Schmo\u0308lln", "schmoelln", "schmoelln"),
        ("Gößnitz", "goessnitz", "goessnitz"),
        ("GROẞBREITENBACH", "grossbreitenbach", "grossbreitenbach"),
        ("Zeulenroda-Triebes", "zeulenroda-triebes", "zeulenrodatriebes"),
        ("Tambach-Dietharz/Thür. Wald", "tambach-dietharz/thuer. wald", "tambachdietharzthuerwald"),
    ],
)
def test_fold_and_compact(text: str, folded: str, compacted: str) -> None:
    assert (fold(text), compact(text)) == (folded, compacted)


def test_caption_tags_and_mentions() -> None:
    caption = "Blick #ThüringenDownTown #Gotha #gotha mit @DowntownSnaps_TH, info@example.org"
    assert caption_hashtags(caption) == ("thüringendowntown", "gotha")
    assert caption_mentions(caption) == ("downtownsnaps_th",)
    assert "Gotha" not in strip_tags_and_mentions(caption)


def test_decomposed_hashtag_equals_composed() -> None:
    assert caption_hashtags("#Thu\u0308ringenDownTown") == ("thüringendowntown",)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
