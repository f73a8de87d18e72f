"""Contest files (TOML): loading and validation.

PLACEHOLDER from the foundation: only `[contest] slug` and `name` are read. The rules issue
replaces this with the full, validated schema; keep `load_contest_file`, `ContestRules.slug`,
`ContestRules.name` and `ContestFileError` as the interface the CLI uses.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


class ContestFileError(ValueError):
    """A contest file is missing, unreadable or invalid; the message names file and key."""


@dataclass(frozen=True)
class ContestRules:
    slug: str
    name: str
    source_text: str


def parse_contest_text(text: str, *, origin: str = "<text>") -> ContestRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContestFileError(f"{origin}: not valid TOML ({error})") from error
    section = data.get("contest")
    if not isinstance(section, dict):
        raise ContestFileError(f"{origin}: missing the [contest] table")
    for key in ("slug", "name"):
        if not isinstance(section.get(key), str) or not section[key].strip():
            raise ContestFileError(f"{origin}: contest.{key} must be a non-empty string")
    return ContestRules(slug=section["slug"], name=section["name"], source_text=text)


def load_contest_file(path: Path) -> ContestRules:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContestFileError(f"{path}: no such contest file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContestFileError(f"{path}: cannot read the contest file ({error})") from error
    return parse_contest_text(text, origin=str(path))
