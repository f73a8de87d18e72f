"""Typed reading of one TOML table, with errors that name the file, the key and what was expected.

Organisers edit contest files by hand; a typo must produce "contest.toml: entries.per_acount is
not a known key (did you mean per_account?)", not a traceback or a silently ignored setting.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

T = TypeVar("T")
# Keys are shown as TOML writes them: bare when they may be, quoted (escapes and all) otherwise,
# so a key holding a line break or a terminal escape cannot garble the one-line error.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MISSING: Any = object()


class ContestFileError(ValueError):
    """A contest file is missing, unreadable or invalid; the message names file and key."""


class TableReader:
    """Reads the keys of one table; `finish()` rejects the keys nobody asked for."""

    def __init__(self, origin: str, name: str, data: dict[str, Any], defaulted: list[str]):
        self.origin = origin
        self.name = name
        self.data = data
        self.known: list[str] = []
        self._defaulted = defaulted

    def key(self, key: str) -> str:
        shown = key if _BARE_KEY.fullmatch(key) else json.dumps(key)  # TOML's quoted-key form
        return f"{self.name}.{shown}" if self.name else shown

    def fail(self, key: str, message: str) -> ContestFileError:
        return ContestFileError(f"{self.origin}: {self.key(key)} {message}")

    def raw(self, key: str, default: Any = _MISSING, *, note_default: bool = True) -> Any:
        """The value as TOML gave it; the default (and a note) when absent, an error if required."""
        self.known.append(key)
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise self.fail(key, "is missing")
        if note_default and default is not None:  # optional keys without a value are no news
            self._defaulted.append(self.key(key))
        return default

    def string(self, key: str, default: Any = _MISSING, *, empty_ok: bool = False) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, str):
            raise self.fail(key, f"must be a text in quotes, got {_show(value)}")
        if "\x00" in value:  # TOML lets "\u0000" through; no database column takes it
            raise self.fail(key, "must not contain a NUL character (\\u0000)")
        if not empty_ok and not value.strip():
            raise self.fail(key, "must not be empty")
        return value.strip()

    def integer(self, key: str, default: Any = _MISSING, *, low: int, high: int) -> Any:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"must be a whole number, got {_show(value)}")
        if not low <= value <= high:
            raise self.fail(key, f"must be between {low} and {high}, got {value}")
        return value

    def number(self, key: str, default: Any = _MISSING, *, low: float, high: float) -> Any:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"must be a number, got {_show(value)}")
        if not low <= value <= high:
            raise self.fail(key, f"must be between {low} and {high}, got {value}")
        return float(value)

    def boolean(self, key: str, default: Any = _MISSING) -> Any:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {_show(value)}")
        return value

    def choice(self, key: str, choices: Callable[[str], T], options: list[str], default: Any) -> T:
        value = self.raw(key, default)
        if value not in options:
            raise self.fail(
                key, f"must be one of {', '.join(map(repr, options))}, got {_show(value)}"
            )
        return choices(value)

    def strings(
        self, key: str, default: Any = _MISSING, *, check: Callable[[str], str | None] | None = None
    ) -> Any:
        """A list of texts; `check` returns an error message for a bad item (or None)."""
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, list):
            raise self.fail(key, f'must be a list like ["a", "b"], got {_show(value)}')
        for position, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip() or "\x00" in item:
                raise self.fail(key, f"item {position} must be a non-empty text, got {_show(item)}")
            problem = check(item) if check else None
            if problem:
                raise self.fail(key, f"item {position} ({item!r}) {problem}")
        return [item.strip() for item in value]

    def table(self, key: str) -> TableReader:
        value = self.raw(key, {}, note_default=False)
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table [{self.key(key)}], got {_show(value)}")
        return TableReader(self.origin, self.key(key), value, self._defaulted)

    def finish(self) -> None:
        """Unknown keys are errors: a misspelt key must never be silently ignored."""
        for key in self.data:
            if key not in self.known:
                close = difflib.get_close_matches(key, self.known, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                known = ", ".join(self.known) or "none"
                raise self.fail(key, f"is not a known key{hint}; known keys here: {known}")


def root_reader(origin: str, data: dict[str, Any], defaulted: list[str]) -> TableReader:
    """A reader for the file's top level, whose keys are the tables."""
    return TableReader(origin, "", data, defaulted)


def _show(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)
