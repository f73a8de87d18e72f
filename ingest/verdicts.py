"""Applying the rules engine to stored entries, and organiser overrides.

`recompute_verdicts` turns every stored entry of a contest into `PostFacts`, runs the pure engine
over all of them at once (the original of a duplicate and the entry limit depend on every post)
and writes the verdicts back. The ingestion job calls it after posts arrive; whoever reloads a
contest file calls it too. An organiser's decision (`override_verdict`) is kept in its own columns,
so recomputation never undoes it: the effective `status` is the override if there is one, else
the rules' status. Services here take the session and do not commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contest.audit import log_action
from contest.errors import ConfigurationError, UserFacingError
from contest.models import Contest, Entry, utcnow
from rules.contest_file import ContestFileError, ContestRules, parse_contest_text
from rules.engine import evaluate
from rules.facts import Geotag, PostFacts, SimilarPhoto, Status, Verdict
from rules.gazetteer import GazetteerError, load_gazetteer

OVERRIDE_STATUSES = (Status.accepted.value, Status.rejected.value)
NO_PHOTO = "the post has no photo"
_POST_URL = re.compile(r"instagram\.com/(?:[\w.]+/)?(?:p|reel|tv)/([\w-]+)")


def contest_rules(contest: Contest) -> ContestRules:
    """The contest's stored contest file, parsed; a relative gazetteer path is taken from the
    folder the file was loaded from."""
    base_dir = Path(contest.rules_source).resolve().parent if contest.rules_source else None
    try:
        return parse_contest_text(
            contest.rules_toml, origin=contest.rules_source or contest.slug, base_dir=base_dir
        )
    except ContestFileError as error:
        raise ConfigurationError(
            f"The contest file stored for {contest.slug} is not valid: {error}",
            "Fix the contest file and load it again with: downtown-snap init --contest FILE",
        ) from error


def recompute_verdicts(
    session: Session,
    contest: Contest,
    similar: Mapping[str, Sequence[SimilarPhoto]],
    *,
    rules: ContestRules | None = None,
) -> dict[str, int]:
    """Recompute every entry's verdict; returns counts per effective status.

    `similar` maps a shortcode to the duplicate index's matches for that entry's photos (either
    side of a pair may report it). Only entries whose verdict changed are written, and only they
    get a new `verdict_computed_at`.
    """
    rules = rules or contest_rules(contest)
    try:
        gazetteer = load_gazetteer(rules.gazetteer_path)
    except GazetteerError as error:
        raise ConfigurationError(
            f"The towns gazetteer of {contest.slug} cannot be read: {error}",
            "Restore the file or change [towns] gazetteer in the contest file.",
        ) from error
    entries = list(
        session.scalars(
            select(Entry)
            .where(Entry.contest_id == contest.id)
            .options(selectinload(Entry.participant), selectinload(Entry.photos))
        )
    )
    verdicts = evaluate(
        rules, gazetteer, [post_facts(entry, similar.get(entry.shortcode, ())) for entry in entries]
    )
    now = utcnow()
    counts = {status.value: 0 for status in Status}
    for entry in entries:
        if _write_verdict(entry, verdicts[entry.shortcode]):
            entry.verdict_computed_at = now
        counts[entry.status] = counts.get(entry.status, 0) + 1
    session.flush()
    return counts


def post_facts(entry: Entry, similar: Iterable[SimilarPhoto] = ()) -> PostFacts:
    """What the engine needs to know about a stored entry; the first photo is the entry's image."""
    first = entry.photos[0] if entry.photos else None
    # A post that is not a video but has no photo (a carousel whose item list is missing or holds
    # only videos) leaves the jury nothing to look at: the organisers must check it.
    no_photo = first is None and not entry.is_video
    geotag = None
    if entry.location_name or entry.location_lat is not None:
        geotag = Geotag(entry.location_name, entry.location_lat, entry.location_lng)
    return PostFacts(
        shortcode=entry.shortcode,
        username=entry.participant.username,
        posted_at=entry.posted_at,
        caption=entry.caption or "",
        hashtags=tuple(entry.hashtags or ()),
        mentions=tuple(entry.mentions or ()),
        is_video=entry.is_video,
        geotag=geotag,
        width=first.width if first else None,
        height=first.height if first else None,
        image_readable=not no_photo and (first is None or first.unreadable_reason is None),
        similar=tuple(similar),
        likes=entry.likes,
        is_carousel=entry.typename == "GraphSidecar",
        image_problem=NO_PHOTO if no_photo else first.unreadable_reason if first else None,
    )


def _write_verdict(entry: Entry, verdict: Verdict) -> bool:
    """Store the rules' verdict and the effective status; True if anything changed."""
    values: dict[str, Any] = {
        "rules_status": verdict.status.value,
        "reasons": list(verdict.reasons),
        "reason_details": dict(verdict.details),
        "town": verdict.town,
        "town_method": verdict.town_method,
        "duplicate_of": verdict.duplicate_of,
        "duplicate_distance": verdict.duplicate_distance,
        "status": entry.override_status or verdict.status.value,
    }
    changed = entry.verdict_computed_at is None
    for name, value in values.items():
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            changed = True
    return changed


def find_entry(session: Session, contest: Contest, shortcode_or_url: str) -> Entry:
    """The contest's entry with this shortcode; an Instagram link to the post works too."""
    shortcode = _shortcode(shortcode_or_url)
    entry = session.scalar(
        select(Entry).where(Entry.contest_id == contest.id, Entry.shortcode == shortcode)
    )
    if entry is None:
        raise UserFacingError(
            f"Contest {contest.slug} has no entry {shortcode!r}.",
            "Check the shortcode: downtown-snap entries --format csv lists them all.",
        )
    return entry


def _shortcode(text: str) -> str:
    match = _POST_URL.search(text)
    return match.group(1) if match else text.strip()


def override_verdict(
    session: Session, entry: Entry, *, status: str | None, note: str, actor: str
) -> None:
    """Set (status accepted/rejected) or clear (status None) an organiser's decision; audited.

    A decision needs a note saying why: it is shown in the review queue, the export and the audit
    log. Clearing hands the entry back to the rules' verdict.
    """
    note = (note or "").strip()
    before = _decision(entry)
    if status is None:
        if entry.override_status is None:
            raise UserFacingError(
                f"Entry {entry.shortcode} has no organiser decision to clear.",
                "Its status comes from the rules already.",
            )
        entry.override_status = entry.override_note = entry.override_by = None
        entry.override_at = None
        entry.status = entry.rules_status
        action = "entry.verdict.override_cleared"
    else:
        if status not in OVERRIDE_STATUSES:
            raise UserFacingError(
                f"An organiser decision is 'accepted' or 'rejected', not {status!r}.",
                "To hand the entry back to the rules, clear the decision instead.",
            )
        if not note:
            raise UserFacingError(
                f"A decision on entry {entry.shortcode} needs a note saying why.",
                "Add the note; participants and the audit log rely on it.",
            )
        entry.override_status = status
        entry.override_note = note
        entry.override_by = actor
        entry.override_at = utcnow()
        entry.status = status
        action = "entry.verdict.overridden"
    session.flush()
    log_action(
        session,
        action,
        actor=actor,
        contest_id=entry.contest_id,
        subject_type="entry",
        subject_id=entry.shortcode,
        before=before,
        after=_decision(entry),
        note=note or None,
    )


def _decision(entry: Entry) -> dict[str, Any]:
    return {
        "status": entry.status,
        "rules_status": entry.rules_status,
        "override_status": entry.override_status,
        "reasons": list(entry.reasons or []),
    }
