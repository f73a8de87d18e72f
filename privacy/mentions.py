"""Finding and blanking an account's name and post shortcodes inside free text and JSON.

Pure functions, no database. A mention is matched as a whole token, so erasing `anna` leaves
`anna.schmidt` and `Susanna` alone, while `@anna`, `anna.` at the end of a sentence and
`instagram.com/anna/` are caught. Usernames match case-insensitively (Instagram treats them so);
shortcodes are case-sensitive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ERASED = "[gelöscht]"

# Boundaries are Unicode-aware (`\w` includes umlauts), so the replacement "[gelöscht]" can
# never contain a match of an ASCII username or shortcode: scrubbing always terminates.
MAX_PASSES = 20


def normalise_username(username: str) -> str:
    """The form participants are stored in: no `@`, no surrounding space, lower case."""
    return username.strip().removeprefix("@").strip().lower()


@dataclass(frozen=True)
class MentionPattern:
    """What to look for: some usernames and some shortcodes, compiled once."""

    usernames: frozenset[str]
    shortcodes: frozenset[str]
    regexes: tuple[re.Pattern[str], ...]

    def __bool__(self) -> bool:
        return bool(self.regexes)


def mention_pattern(usernames: Iterable[str], shortcodes: Iterable[str]) -> MentionPattern:
    names = frozenset(normalise_username(name) for name in usernames if name.strip())
    codes = frozenset(code.strip() for code in shortcodes if code.strip())
    regexes: list[re.Pattern[str]] = []
    if names:
        alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        # A trailing period ends a sentence; a period followed by more name characters
        # continues someone else's username.
        regexes.append(
            re.compile(
                rf"(?<![\w.])(?:{alternatives})(?!\w)(?!\.\w)",
                re.IGNORECASE,
            )
        )
    if codes:
        alternatives = "|".join(re.escape(code) for code in sorted(codes, key=len, reverse=True))
        regexes.append(re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])"))
    return MentionPattern(names, codes, tuple(regexes))


def mentions_in(text: str, pattern: MentionPattern) -> bool:
    return any(regex.search(text) for regex in pattern.regexes)


def scrub_text(text: str, pattern: MentionPattern) -> str:
    """Blank every mention; repeated because blanking one can expose its neighbour
    (in `anna.XYZ`, `anna` is only a whole token once the shortcode `XYZ` is gone)."""
    for _ in range(MAX_PASSES):
        before = text
        for regex in pattern.regexes:
            text = regex.sub(ERASED, text)
        if text == before:
            break
    return text


def scrub_value(value: Any, pattern: MentionPattern) -> Any:
    """`value` with every mention blanked; JSON documents are walked, keys included."""
    if isinstance(value, str):
        return scrub_text(value, pattern)
    if isinstance(value, dict):
        return {scrub_text(str(k), pattern): scrub_value(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_value(item, pattern) for item in value]
    return value


def value_mentions(value: Any, pattern: MentionPattern) -> bool:
    return scrub_value(value, pattern) != value


def excerpts(value: Any, pattern: MentionPattern, *, width: int = 60) -> list[str]:
    """Short passages around each mention, for the access report."""
    texts: list[str] = []

    def collect(item: Any) -> None:
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                collect(str(key))
                collect(inner)
        elif isinstance(item, list):
            for inner in item:
                collect(inner)

    collect(value)
    found: list[str] = []
    for text in texts:
        for regex in pattern.regexes:
            for match in regex.finditer(text):
                start, end = max(0, match.start() - width), match.end() + width
                found.append(
                    ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
                )
    return found
