"""Retention: once the contest file's `retention_days` have passed after the contest closed,
the media and personal data of every entry that won no place are deleted.

Winners are the entries with a result place; they stay, because their names and photos are
published. Purged posts get a tombstone of keyed shortcode hashes, so a timer still running a
hashtag ingestion does not bring them back. The same run sweeps image files no photo refers to
and log-in attempts older than the rate limiter needs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest, Entry, LoginAttempt, Participant, ResultPlace, Tombstone
from contest.settings import Settings
from contest.tombstones import keyed_hash
from privacy.erasure import erase_rows_and_files
from privacy.media_files import sweep_orphan_media
from privacy.mentions import mention_pattern
from rules.contest_file import ContestFileError, parse_contest_text

LOGIN_ATTEMPT_RETENTION = timedelta(days=30)


@dataclass
class PurgeReport:
    contest: str
    due_at: datetime
    due: bool
    dry_run: bool
    winners_kept: int = 0
    entries: int = 0
    participants: int = 0
    rows_deleted: Counter[str] = field(default_factory=Counter)
    rows_scrubbed: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    files_kept_shared: int = 0


@dataclass
class HousekeepingReport:
    orphan_files: list[Path] = field(default_factory=list)
    orphan_files_too_young: int = 0
    login_attempts: int = 0


def retention_period(contest: Contest) -> tuple[datetime, int]:
    """When the contest closed and for how many days after that its data is kept."""
    try:
        rules = parse_contest_text(contest.rules_toml, origin=contest.slug)
    except ContestFileError as error:
        raise UserFacingError(
            f"The stored contest file of {contest.slug!r} cannot be read: {error}",
            "Fix it and load it again with `downtown-snap init --contest PATH`.",
        ) from error
    return rules.closes_at, rules.retention_days


def purge_due_at(contest: Contest) -> datetime:
    closes_at, days = retention_period(contest)
    return closes_at + timedelta(days=days)


def purge_contest(
    session: Session,
    settings: Settings,
    contest: Contest,
    *,
    actor: str,
    now: datetime,
    dry_run: bool = False,
    without_results: bool = False,
) -> PurgeReport:
    """Delete non-winning entries once retention has run out; a dry run changes nothing."""
    due_at = purge_due_at(contest)
    report = PurgeReport(contest=contest.slug, due_at=due_at, due=now >= due_at, dry_run=dry_run)
    if not report.due:
        return report
    winners = set(
        session.scalars(select(ResultPlace.entry_id).where(ResultPlace.contest_id == contest.id))
    )
    if not winners and not without_results:
        raise UserFacingError(
            f"The retention period of {contest.slug!r} ended on {due_at:%Y-%m-%d}, but the "
            "contest has no results, so every entry would be deleted.",
            "Record the results first, or delete every entry with `downtown-snap purge "
            "--without-results`.",
        )
    report.winners_kept = len(winners)
    doomed = list(
        session.execute(
            select(Entry.id, Entry.shortcode).where(
                Entry.contest_id == contest.id, Entry.id.not_in(winners)
            )
        )
    )
    keeping = set(session.scalars(select(Entry.participant_id).where(Entry.id.in_(winners))))
    leaving = list(
        session.execute(
            select(Participant.id, Participant.username).where(
                Participant.contest_id == contest.id, Participant.id.not_in(keeping)
            )
        )
    )
    report.entries = len(doomed)
    report.participants = len(leaving)
    if not doomed and not leaving:
        return report
    nested = session.begin_nested() if dry_run else None
    erased = erase_rows_and_files(
        session,
        settings.data_dir,
        participant_ids=[row.id for row in leaving],
        entry_ids=[row.id for row in doomed],
        pattern=mention_pattern(
            [row.username for row in leaving], [row.shortcode for row in doomed]
        ),
    )
    report.rows_deleted = erased.rows_deleted
    report.rows_scrubbed = erased.rows_scrubbed
    report.files = erased.files
    report.files_kept_shared = erased.files_kept_shared
    if nested is not None:
        nested.rollback()
        session.expire_all()
        return report
    key = settings.secret_key.get_secret_value()
    session.add(
        Tombstone(
            contest_id=contest.id,
            # Not a username: the colons make it one no Instagram account can have.
            username_hash=keyed_hash(f"retention-purge:{contest.slug}:{now.isoformat()}", key),
            shortcode_hashes=[keyed_hash(row.shortcode, key) for row in doomed],
            by=actor,
            note="retention purge",
        )
    )
    log_action(
        session,
        "retention.purged",
        actor=actor,
        contest_id=contest.id,
        due_at=due_at.isoformat(),
        entries=report.entries,
        participants=report.participants,
        files=len(report.files),
        winners_kept=report.winners_kept,
    )
    return report


def housekeeping(
    session: Session, settings: Settings, *, now: datetime, dry_run: bool = False
) -> HousekeepingReport:
    """Contest-independent clean-up: orphaned image files and old log-in attempts."""
    sweep = sweep_orphan_media(session, settings.data_dir, dry_run=dry_run)
    report = HousekeepingReport(orphan_files=sweep.removed, orphan_files_too_young=sweep.too_young)
    old = LoginAttempt.at < now - LOGIN_ATTEMPT_RETENTION
    if dry_run:
        report.login_attempts = session.scalar(select(func.count(LoginAttempt.id)).where(old)) or 0
    else:
        report.login_attempts = session.execute(delete(LoginAttempt).where(old)).rowcount or 0
    return report
