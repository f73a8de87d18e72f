"""Right to erasure (Art. 17 GDPR): forget an Instagram account.

Deletes the account's participant rows, entries, photo records, like history and every judging
row on its entries; removes the image files (original and derivatives) that no remaining entry
uses; blanks the username and shortcodes wherever else they appear (audit trail, ingestion
reports, other people's captions). What stays is a tombstone of keyed hashes, so re-ingesting
the hashtag skips the account, and an audit event that names nobody.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Base, Entry, JurorConflict, Participant, Tombstone
from contest.settings import Settings
from contest.tombstones import keyed_hash
from privacy.footprint import find_account
from privacy.media_files import remove_after_commit, shas_still_referenced, stored_files
from privacy.mentions import MentionPattern, mention_pattern, mentions_in
from privacy.removal import remove_entries, remove_participants
from privacy.scanning import scrub_mentions


@dataclass
class ErasureReport:
    """What an erasure removed; holds no name, so it can be shown and logged."""

    username_hash: str
    contests: list[str] = field(default_factory=list)
    entries: int = 0
    rows_deleted: Counter[str] = field(default_factory=Counter)
    rows_scrubbed: Counter[str] = field(default_factory=Counter)
    files_removed: list[Path] = field(default_factory=list)
    files_kept_shared: int = 0
    tombstone_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Erased:
    rows_deleted: Counter[str]
    rows_scrubbed: Counter[str]
    files: list[Path]
    files_kept_shared: int


def erase_rows_and_files(
    session: Session,
    data_dir: Path,
    *,
    participant_ids: Iterable[int] = (),
    entry_ids: Iterable[int] = (),
    pattern: MentionPattern,
) -> _Erased:
    """Shared by erasure, retention and restore: delete, blank mentions, schedule the files."""
    removal = remove_participants(session, participant_ids)
    extra = remove_entries(session, entry_ids)
    removal.rows.update(extra.rows)
    removal.photo_shas |= extra.photo_shas
    scrubbed = scrub_mentions(session, Base.metadata, pattern)
    shared = shas_still_referenced(session, removal.photo_shas)
    files = [
        path
        for sha in sorted(removal.photo_shas - shared)
        for path in stored_files(data_dir, sha)
        if path.exists()
    ]
    remove_after_commit(session, files)
    return _Erased(removal.rows, scrubbed, files, len(shared))


def forget_participant(
    session: Session, settings: Settings, username: str, *, actor: str, note: str | None = None
) -> ErasureReport:
    """Erase the account in every contest; the files go when the caller's transaction commits."""
    footprint = find_account(session, username)
    pattern = footprint.pattern
    if note and mentions_in(note, pattern):
        raise UserFacingError(
            "The note names the account or one of its posts; it would keep what is being erased.",
            "Use a case or ticket number as the note instead.",
        )
    key = settings.secret_key.get_secret_value()
    report = ErasureReport(username_hash=keyed_hash(footprint.username, key))
    contests = footprint.contests(session)
    report.contests = [contest.slug for contest in contests]
    report.entries = len(footprint.entries)
    for contest in contests:
        if mentions_in(contest.rules_toml, pattern):
            report.warnings.append(
                f"The contest file of {contest.slug!r} names this account; edit it by hand "
                "and load it again with `downtown-snap init --contest PATH`."
            )
    shortcodes_by_contest: dict[int, list[str]] = {c.id: [] for c in contests}
    for entry in footprint.entries:
        shortcodes_by_contest[entry.contest_id].append(entry.shortcode)

    conflicts = session.execute(
        delete(JurorConflict).where(
            JurorConflict.kind == "account",
            func.lower(JurorConflict.value) == footprint.username,
        )
    )
    erased = erase_rows_and_files(
        session,
        settings.data_dir,
        participant_ids=[p.id for p in footprint.participants],
        pattern=pattern,
    )
    report.rows_deleted = erased.rows_deleted
    if conflicts.rowcount:
        report.rows_deleted["juror_conflicts"] += conflicts.rowcount
    report.rows_scrubbed = erased.rows_scrubbed
    report.files_removed = erased.files
    report.files_kept_shared = erased.files_kept_shared

    for contest in contests:
        stone = Tombstone(
            contest_id=contest.id,
            username_hash=report.username_hash,
            shortcode_hashes=[keyed_hash(code, key) for code in shortcodes_by_contest[contest.id]],
            by=actor,
            note=note,
        )
        session.add(stone)
        session.flush()
        report.tombstone_ids.append(stone.id)
        log_action(
            session,
            "participant.forgotten",
            actor=actor,
            contest_id=contest.id,
            subject_type="tombstone",
            subject_id=stone.id,
            username_hash=report.username_hash,
            entries=len(shortcodes_by_contest[contest.id]),
            files=len(report.files_removed),
            note=note,
        )
    return report


def reapply_tombstones(session: Session, settings: Settings, *, actor: str) -> ErasureReport | None:
    """Erase again whatever the tombstones name: for a restored backup older than an erasure."""
    key = settings.secret_key.get_secret_value()
    stones = list(session.scalars(select(Tombstone)))
    if not stones:
        return None
    participant_ids: list[int] = []
    usernames: list[str] = []
    entry_ids: list[int] = []
    shortcodes: list[str] = []
    for participant in session.scalars(select(Participant)):
        digest = keyed_hash(participant.username, key)
        if any(_applies(s, participant.contest_id) and s.username_hash == digest for s in stones):
            participant_ids.append(participant.id)
            usernames.append(participant.username)
    for entry in session.scalars(select(Entry)):
        digest = keyed_hash(entry.shortcode, key)
        if entry.participant_id in participant_ids or any(
            _applies(s, entry.contest_id) and digest in s.shortcode_hashes for s in stones
        ):
            entry_ids.append(entry.id)
            shortcodes.append(entry.shortcode)
    if not entry_ids and not participant_ids:
        return None
    erased = erase_rows_and_files(
        session,
        settings.data_dir,
        participant_ids=participant_ids,
        entry_ids=entry_ids,
        pattern=mention_pattern(usernames, shortcodes),
    )
    report = ErasureReport(
        username_hash="",
        entries=len(entry_ids),
        rows_deleted=erased.rows_deleted,
        rows_scrubbed=erased.rows_scrubbed,
        files_removed=erased.files,
        files_kept_shared=erased.files_kept_shared,
    )
    log_action(
        session,
        "tombstones.reapplied",
        actor=actor,
        participants=len(participant_ids),
        entries=len(entry_ids),
        files=len(erased.files),
    )
    return report


def _applies(stone: Tombstone, contest_id: int) -> bool:
    return stone.contest_id is None or stone.contest_id == contest_id
