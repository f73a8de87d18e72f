"""The one place where the console reaches into services other areas build in parallel.

Each import is guarded: until the rules, ingestion or judging work lands, the console still
runs and says plainly which feature is not available yet instead of failing with a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import Contest, Entry
from contest.settings import Settings
from ingest import verdicts
from rules.contest_file import ContestFileError, parse_contest_text

try:
    from rules.reasons import explain as _explain
except ImportError:  # the rules work adds plain-language reasons
    _explain = None

try:
    from ingest.manual import add_manual_post as _add_manual_post
except ImportError:  # the ingestion work adds the manual source
    _add_manual_post = None

try:
    from ingest.entry_export import entry_rows as _entry_rows
except ImportError:  # the rules work adds the entries export
    _entry_rows = None

DEFAULT_TIME_ZONE = "Europe/Berlin"


class FeatureMissing(UserFacingError):
    """A console feature whose service has not been installed with this version."""


def explain_reason(code: str, lang: str) -> str:
    """The reason in plain words for people, or the code itself when no text exists."""
    if _explain is None:
        return code
    try:
        return _explain(code, lang)
    except (KeyError, ValueError, LookupError):
        return code


def override_verdict(
    session: Session, entry: Entry, *, status: str | None, note: str, actor: str
) -> None:
    """Accept or reject an entry against the rules (status None: back to the rules' verdict)."""
    try:
        verdicts.override_verdict(session, entry, status=status, note=note, actor=actor)
    except NotImplementedError as error:
        raise FeatureMissing(
            "Decisions on entries are not available in this installation yet.",
            "Update Downtown-Snap; the rules engine records organiser decisions.",
        ) from error


def add_manual_post(
    session: Session,
    settings: Settings,
    contest: Contest,
    *,
    shortcode: str,
    username: str,
    posted_at: datetime,
    caption: str,
    image_bytes: bytes,
    location_name: str | None,
    likes: int,
    actor: str,
) -> Entry:
    if _add_manual_post is None:
        raise FeatureMissing(
            "Adding posts by hand is not available in this installation yet.",
            "Update Downtown-Snap; the ingestion module adds manual posts.",
        )
    try:
        return _add_manual_post(
            session,
            settings,
            contest,
            shortcode=shortcode,
            username=username,
            posted_at=posted_at,
            caption=caption,
            image_bytes=image_bytes,
            location_name=location_name,
            likes=likes,
            actor=actor,
        )
    except NotImplementedError as error:
        raise FeatureMissing("Adding posts by hand is not available yet.") from error


def entry_rows(
    session: Session, contest: Contest, status: str | None
) -> Iterable[Mapping[str, Any]]:
    """Rows of the entries export, one mapping (column -> value) per entry."""
    if _entry_rows is None:
        raise FeatureMissing(
            "The entries export is not available in this installation yet.",
            "Update Downtown-Snap; the rules module provides the export.",
        )
    return _entry_rows(session, contest, status=status)


def round_progress(session: Session, contest: Contest) -> list[Any] | None:
    """SLOT for the judging work: progress per round and juror for the dashboard.

    Returns None until judging provides a progress service; the dashboard then shows a note.
    """
    return None


def contest_time_zone(contest: Contest) -> ZoneInfo:
    """The contest file's time zone (dates in the console are shown in it)."""
    return _time_zone_of(contest.rules_toml)


@functools.lru_cache(maxsize=8)
def _time_zone_of(rules_toml: str) -> ZoneInfo:
    """Parsed once per contest file text, not on every page view."""
    try:
        name = getattr(parse_contest_text(rules_toml), "time_zone", DEFAULT_TIME_ZONE)
        return ZoneInfo(str(name))
    except (ContestFileError, ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)
