"""Contest files (TOML): loading and validation.

PLACEHOLDER from the foundation: only `[contest] slug` and `name` are read. The rules issue
replaces this with the full, validated schema; keep `load_contest_file`, `ContestRules.slug`,
`ContestRules.name` and `ContestFileError` as the interface the CLI uses.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo


class ContestFileError(ValueError):
    """A contest file is missing, unreadable or invalid; the message names file and key."""


@dataclass(frozen=True)
class ContestRules:
    """Placeholder fields with the 2025 preset's values; the rules issue reads them from TOML."""

    slug: str
    name: str
    source_text: str
    time_zone: str = "Europe/Berlin"
    opens_at: datetime = datetime(2025, 5, 5, 0, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    closes_at: datetime = datetime(2025, 6, 22, 23, 59, 59, tzinfo=ZoneInfo("Europe/Berlin"))
    likes_freeze_at: datetime = datetime(2025, 6, 22, 23, 59, 59, tzinfo=ZoneInfo("Europe/Berlin"))
    hashtags: tuple[str, ...] = ("thüringendowntown", "thueringendowntown")
    required_mentions: tuple[str, ...] = ("downtownsnaps_th",)
    entries_per_account: int = 3
    min_image_side: int = 640
    duplicate_reject_distance: int = 10
    duplicate_review_distance: int = 16
    shortlist_size: int = 50
    places: int = 10
    retention_days: int = 365


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
