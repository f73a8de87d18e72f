"""Text normalisation shared by the contest file, the gazetteer and the rules.

Instagram text arrives in every Unicode form and spelling: `#ThüringenDownTown` typed on an
iPhone may be decomposed (u + combining diaeresis), and people without umlauts on their keyboard
write `#Schmoelln` for Schmölln. Everything that compares names goes through these functions so
the contest file, the gazetteer and the posts meet in one canonical form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@([\w.]*\w)")
_NON_WORD = re.compile(r"[\W_]+")


def nfc_casefold(text: str) -> str:
    """Case-insensitive comparison key that keeps spelling (hashtags, account handles)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def fold(text: str) -> str:
    """Comparison key for place names: NFC, case-folded, ä/ö/ü -> ae/oe/ue and ß -> ss.

    `casefold` already turns ß (and ẞ) into "ss"; umlauts are spelled out so that "Schmölln",
    "SCHMÖLLN" and "Schmoelln" all give "schmoelln".
    """
    return nfc_casefold(text).translate(_UMLAUTS)


def compact(text: str) -> str:
    """`fold` without spaces, hyphens, slashes or other punctuation: how names appear as hashtags.

    "Zeulenroda-Triebes" and "#ZeulenrodaTriebes" both give "zeulenrodatriebes".
    """
    return _NON_WORD.sub("", fold(text))


def normalise_tag(tag: str) -> str:
    """A hashtag as the rules compare it: NFC, case-folded, without a leading '#'."""
    return nfc_casefold(tag.strip().lstrip("#"))


def normalise_handle(handle: str) -> str:
    """An Instagram account name as the rules compare it: lower-case, without a leading '@'."""
    return nfc_casefold(handle.strip().lstrip("@"))


def caption_hashtags(caption: str) -> tuple[str, ...]:
    """Hashtags written in a caption, normalised, in order of appearance, without repeats."""
    return _unique(normalise_tag(match) for match in _HASHTAG.findall(_nfc(caption)))


def caption_mentions(caption: str) -> tuple[str, ...]:
    """@-mentions written in a caption, normalised, in order of appearance, without repeats."""
    return _unique(normalise_handle(match) for match in _MENTION.findall(_nfc(caption)))


def strip_tags_and_mentions(caption: str) -> str:
    """The caption's prose: hashtags and @-mentions replaced by spaces.

    Town names are looked for in prose only; hashtags have their own, earlier turn, and an
    account name such as `@gotha` says whom the post addresses, not where it was taken.
    """
    text = _HASHTAG.sub(" ", _nfc(caption))
    return _MENTION.sub(" ", text)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
