"""Contest files (TOML): loading and validation into `ContestRules`.

A contest file is the call for entries as data; organisers write it by hand, so every wrong key
or value is an error that names the file, the key and what was expected, and unknown keys are
errors too. Every key except `contest.slug` and `contest.name` may be left out and then takes the
2025 preset's value (listed by `downtown-snap rules check`). The README documents every key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rules.contest_rules import CarouselPolicy, ContestRules, TieBreak
from rules.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from rules.reasons import REASON_CODES, Severity
from rules.text import fold, normalise_handle, normalise_tag
from rules.toml_reader import ContestFileError, TableReader, root_reader

__all__ = ["ContestFileError", "ContestRules", "load_contest_file", "parse_contest_text"]

PRESET = ContestRules(slug="", name="", source_text="")  # the defaults, i.e. the 2025 preset
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HASHTAG = re.compile(r"#?\w+")
HANDLE = re.compile(r"@?[A-Za-z0-9._]{1,30}")
END_OF_DAY = time(23, 59, 59)  # Instagram times have whole seconds
# Contests run on Instagram (2010 on); the bounds keep later date arithmetic (retention,
# time zones) far from the calendar's edges.
EARLIEST = datetime(2010, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def load_contest_file(path: Path) -> ContestRules:
    """Read and validate a contest file; a relative gazetteer path is taken from its folder."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContestFileError(f"{path}: no such contest file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContestFileError(f"{path}: cannot read the contest file ({error})") from error
    return parse_contest_text(text, origin=str(path), base_dir=path.resolve().parent)


def parse_contest_text(
    text: str, *, origin: str = "<text>", base_dir: Path | None = None
) -> ContestRules:
    """Validate contest-file text (as stored in the database) into `ContestRules`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContestFileError(f"{origin}: not valid TOML ({error})") from error
    if not isinstance(data.get("contest"), dict):
        raise ContestFileError(f"{origin}: missing the [contest] table")
    defaulted: list[str] = []
    root = root_reader(origin, data, defaulted)
    tables = {
        name: root.table(name)
        for name in ("contest", "entries", "towns", "duplicates", "judging", "privacy")
    }
    values: dict[str, Any] = {
        **_contest_table(tables["contest"]),
        **_entries_table(tables["entries"]),
        **_towns_table(tables["towns"], base_dir),
        **_duplicates_table(tables["duplicates"]),
        **_judging_table(tables["judging"]),
        "retention_days": tables["privacy"].integer(
            "retention_days", PRESET.retention_days, low=1, high=3650
        ),
        "severities": _severity_table(root),
    }
    for table in tables.values():
        table.finish()
    root.finish()
    return ContestRules(source_text=text, origin=origin, defaulted_keys=tuple(defaulted), **values)


def _contest_table(table: TableReader) -> dict[str, Any]:
    slug = table.string("slug")
    if not SLUG.fullmatch(slug) or len(slug) > 80:
        raise table.fail(
            "slug", f"must be lower-case letters, digits and single hyphens, got {slug!r}"
        )
    name = table.string("name")
    if len(name) > 200:
        raise table.fail("name", "must be at most 200 characters")
    zone_name = table.string("time_zone", PRESET.time_zone)
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise table.fail(
            "time_zone", f"must be an IANA time zone such as 'Europe/Berlin', got {zone_name!r}"
        ) from None
    opens_at = _moment(table, "opens_at", zone, PRESET.opens_at, end_of_day=False)
    closes_at = _moment(table, "closes_at", zone, PRESET.closes_at, end_of_day=True)
    if closes_at <= opens_at:
        raise table.fail("closes_at", f"must be after opens_at ({opens_at.isoformat()})")
    likes_freeze_at = _moment(table, "likes_freeze_at", zone, closes_at, end_of_day=True)
    if likes_freeze_at < opens_at:
        raise table.fail("likes_freeze_at", "must not be before opens_at")
    terms_url = table.string("terms_url", None)
    if terms_url is not None and not terms_url.startswith(("https://", "http://")):
        raise table.fail("terms_url", f"must be a web address (https://...), got {terms_url!r}")
    return {
        "slug": slug,
        "name": name,
        "organiser": table.string("organiser", PRESET.organiser),
        "terms_url": terms_url,
        "disclaimer": table.string("disclaimer", PRESET.disclaimer),
        "time_zone": zone_name,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "likes_freeze_at": likes_freeze_at,
    }


def _entries_table(table: TableReader) -> dict[str, Any]:
    def hashtags(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        items = table.strings(key, list(default), check=_hashtag_problem)
        return tuple(dict.fromkeys(normalise_tag(item) for item in items))

    def handles(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        items = table.strings(key, list(default), check=_handle_problem)
        return tuple(dict.fromkeys(normalise_handle(item) for item in items))

    contest_tags = hashtags("hashtags", PRESET.hashtags)
    if not contest_tags:
        raise table.fail("hashtags", "must name at least one hashtag")
    return {
        "hashtags": contest_tags,
        "required_mentions": handles("required_mentions", PRESET.required_mentions),
        "excluded_accounts": handles("excluded_accounts", PRESET.excluded_accounts),
        "entries_per_account": table.integer(
            "per_account", PRESET.entries_per_account, low=1, high=10_000
        ),
        "photo_only": table.boolean("photo_only", PRESET.photo_only),
        "carousel": table.choice(
            "carousel", CarouselPolicy, [p.value for p in CarouselPolicy], PRESET.carousel.value
        ),
        "min_image_side": table.integer(
            "min_image_side", PRESET.min_image_side, low=0, high=20_000
        ),
        "ai_hashtags": hashtags("ai_hashtags", PRESET.ai_hashtags),
    }


def _towns_table(table: TableReader, base_dir: Path | None) -> dict[str, Any]:
    gazetteer_path = None
    written = table.string("gazetteer", None)
    if written is not None:
        try:
            gazetteer_path = Path(written).expanduser()
        except RuntimeError:  # "~someone" who has no home directory here
            raise table.fail("gazetteer", f"names an unknown home directory: {written!r}") from None
        if not gazetteer_path.is_absolute():
            gazetteer_path = (base_dir or Path.cwd()) / gazetteer_path
    try:
        gazetteer = load_gazetteer(gazetteer_path)
    except GazetteerError as error:
        raise table.fail("gazetteer", f"cannot be used: {error}") from error
    has_range = "population_min" in table.data or "population_max" in table.data
    if "eligible" in table.data and has_range:
        raise table.fail(
            "eligible", "replaces population_min/population_max: give one or the other, not both"
        )
    eligible_towns = eligible_population = None
    if "eligible" in table.data:
        eligible_towns = _town_names(table, "eligible", gazetteer)
        if not eligible_towns:
            raise table.fail("eligible", "must name at least one town")
        table.known += ["population_min", "population_max"]
    else:
        table.known.append("eligible")
        low = table.integer("population_min", PRESET.eligible_population[0], low=0, high=10**8)
        high = table.integer("population_max", PRESET.eligible_population[1], low=0, high=10**8)
        if high < low:
            raise table.fail("population_max", f"must not be below population_min ({low})")
        if not any(low <= town.population <= high for town in gazetteer):
            raise table.fail("population_max", f"leaves no town of {gazetteer.source} eligible")
        eligible_population = (low, high)
    search_km = table.number("geotag_search_km", PRESET.geotag_search_km, low=0.1, high=100)
    homonym_km = table.number("homonym_distance_km", PRESET.homonym_distance_km, low=0.1, high=1000)
    if homonym_km < search_km:
        raise table.fail("homonym_distance_km", f"must not be below geotag_search_km ({search_km})")
    return {
        "gazetteer_path": gazetteer_path.resolve() if gazetteer_path else None,
        "eligible_population": eligible_population,
        "eligible_towns": eligible_towns,
        "max_geotag_distance_km": table.number(
            "max_geotag_distance_km", PRESET.max_geotag_distance_km, low=0.1, high=100
        ),
        "geotag_search_km": search_km,
        "homonym_distance_km": homonym_km,
        "vague_geotags": tuple(table.strings("vague_geotags", list(PRESET.vague_geotags))),
    }


def _duplicates_table(table: TableReader) -> dict[str, Any]:
    reject = table.integer("reject_distance", PRESET.duplicate_reject_distance, low=0, high=64)
    review = table.integer("review_distance", PRESET.duplicate_review_distance, low=0, high=64)
    if review < reject:
        raise table.fail("review_distance", f"must not be below reject_distance ({reject})")
    return {"duplicate_reject_distance": reject, "duplicate_review_distance": review}


def _judging_table(table: TableReader) -> dict[str, Any]:
    shortlist_size = table.integer("shortlist_size", PRESET.shortlist_size, low=1, high=100_000)
    places = table.integer("places", PRESET.places, low=1, high=10_000)
    if places > shortlist_size:
        raise table.fail("places", f"must not exceed shortlist_size ({shortlist_size})")
    return {
        "shortlist_size": shortlist_size,
        "places": places,
        "tie_break": table.choice(
            "tie_break", TieBreak, [t.value for t in TieBreak], PRESET.tie_break.value
        ),
    }


def _severity_table(root: TableReader) -> MappingProxyType[str, Severity]:
    if not isinstance(root.data.get("severity", {}), dict):
        raise root.fail("severity", "must be a table [severity] of reason code = severity")
    table = root.table("severity")
    severities: dict[str, Severity] = {}
    for code, value in table.data.items():
        if code not in REASON_CODES:
            close = difflib.get_close_matches(code, REASON_CODES, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise table.fail(
                code, f"is not a reason code{hint}; known codes: {', '.join(REASON_CODES)}"
            )
        if value not in list(Severity):
            raise table.fail(code, f"must be 'reject', 'review' or 'off', got {value!r}")
        severities[code] = Severity(value)
    return MappingProxyType(severities)


def _moment(
    table: TableReader, key: str, zone: ZoneInfo, default: datetime, *, end_of_day: bool
) -> datetime:
    """A moment from a TOML local date-time (in the contest's zone), offset date-time or date.

    A bare date means the start of that day for opening and its last second for closing, so
    `closes_at = 2025-06-22` includes the whole 22nd.
    """
    value = table.raw(key, default)
    if value is default:
        return default.astimezone(zone)
    try:
        moment = _aware(table, key, value, zone, end_of_day=end_of_day)
    except OverflowError:  # a date-time at the very edge of the calendar, moved by the offset
        moment = None
    if moment is None or not EARLIEST <= moment < LATEST:
        raise table.fail(
            key, f"must lie between {EARLIEST.year} and {LATEST.year - 1}, got {_plain(value)}"
        )
    return moment


def _aware(
    table: TableReader, key: str, value: Any, zone: ZoneInfo, *, end_of_day: bool
) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise table.fail(
                key, f"must be a date-time like 2025-05-05T00:00:00, got {value!r}"
            ) from None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(zone)
        return _local(table, key, value, zone)
    if isinstance(value, date):
        return _local(
            table, key, datetime.combine(value, END_OF_DAY if end_of_day else time()), zone
        )
    raise table.fail(
        key, f"must be a date-time like 2025-05-05T00:00:00 (local time), got {value!r}"
    )


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else repr(value)


def _local(table: TableReader, key: str, naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach the zone to a wall-clock time, refusing times that DST skips or repeats."""
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise table.fail(
            key, f"{naive.isoformat()} does not exist in {zone.key} (the clocks skip it for DST)"
        )
    if aware.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset():
        raise table.fail(
            key,
            f"{naive.isoformat()} happens twice in {zone.key} (DST ends); add the offset, "
            f"e.g. {aware.isoformat()}",
        )
    return aware


def _town_names(table: TableReader, key: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Town names from the contest file, spelt as the gazetteer spells them."""
    by_spelling = {fold(spelling): town.name for town in gazetteer for spelling in town.spellings}

    def problem(item: str) -> str | None:
        if gazetteer.get(item) is not None:
            return None
        if fold(item) in by_spelling:
            return f"is written {by_spelling[fold(item)]!r} in the gazetteer"
        close = difflib.get_close_matches(item, gazetteer.names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"is not a town of the gazetteer {gazetteer.source}{hint}"

    items = table.strings(key, check=problem)
    return tuple(sorted({gazetteer[item].name for item in items}))


def _hashtag_problem(item: str) -> str | None:
    if HASHTAG.fullmatch(unicodedata.normalize("NFC", item.strip())):
        return None
    return "must be one word of letters, digits or _ (hashtags have no spaces or hyphens)"


def _handle_problem(item: str) -> str | None:
    if HANDLE.fullmatch(item.strip()):
        return None
    return "must be an Instagram account name: up to 30 letters, digits, '.' or '_'"
