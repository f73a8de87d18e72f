"""Backups round-trip: every row and every file comes back, into an empty database or over
a changed one, and erasures made after the backup stay erased."""

from __future__ import annotations

import json
import stat
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select

from contest.backup import create_backup, restore_backup, verify_archive
from contest.errors import UserFacingError
from contest.models import AuditEvent, Entry
from contest.schema import head_revision
from privacy import RESTORE_AFTERCARE, forget_participant
from tests.contest import factories as f
from tests.contest.backup.conftest import Installation
from tests.privacy.residue import rows_holding
from tests.privacy.world import TARGET


def test_restore_into_an_empty_database_brings_back_every_row_and_file(
    installation: Installation, backups: Path
) -> None:
    before = installation.state()
    summary = create_backup(installation.settings, backups)
    installation.wipe()
    restored = restore_backup(
        installation.settings, summary.path, actor="cli", aftercare=RESTORE_AFTERCARE
    )
    assert installation.state() == before
    assert restored.files_written == len(before["files"])


def test_restore_undoes_changes_made_after_the_backup(
    installation: Installation, backups: Path
) -> None:
    before = installation.state()
    summary = create_backup(installation.settings, backups / "before-changes.tar")
    with installation.session() as session:
        bernd = session.scalars(select(Entry).where(Entry.shortcode == "BerndPost01")).one()
        bernd.caption = "changed later"
        extra = f.make_entry(session, bernd.participant, "LaterPost01")
        f.make_photo(session, extra, installation.settings.data_dir, content=b"later")
    installation.world.bernd_files[0].unlink()
    restored = restore_backup(
        installation.settings, summary.path, actor="cli", aftercare=RESTORE_AFTERCARE
    )
    assert installation.state() == before
    assert restored.files_written == 1 and restored.files_removed == 3
    assert restored.files_unchanged == len(before["files"]) - 1


def test_manifest_describes_the_backup(installation: Installation, backups: Path) -> None:
    summary = create_backup(installation.settings, backups)
    manifest = verify_archive(summary.path)
    assert summary.path.parent == backups and summary.path.name.endswith(".tar")
    assert manifest.schema_revision == head_revision()
    assert manifest.table_counts["entries"] == 3
    assert manifest.table_counts["photos"] == 4
    assert len(manifest.media) == 12  # 4 photos: original and two derivatives each
    assert all(len(record.sha256) == 64 for record in manifest.media)
    with tarfile.open(summary.path) as archive:
        assert json.loads(archive.extractfile("manifest.json").read())["format"] == (  # type: ignore[union-attr]
            "downtown-snap-backup"
        )


def test_archive_is_readable_by_its_owner_only(installation: Installation, backups: Path) -> None:
    summary = create_backup(installation.settings, backups)
    assert stat.S_IMODE(summary.path.stat().st_mode) == 0o600


def test_backup_never_overwrites_a_file(installation: Installation, backups: Path) -> None:
    existing = backups / "monday.tar"
    existing.write_bytes(b"keep me")
    with pytest.raises(UserFacingError, match="exists already"):
        create_backup(installation.settings, existing)
    assert existing.read_bytes() == b"keep me"
    assert [p.name for p in backups.iterdir()] == ["monday.tar"], "no partial file left behind"


def test_erasure_after_the_backup_survives_a_restore(
    installation: Installation, backups: Path
) -> None:
    summary = create_backup(installation.settings, backups)
    with installation.session() as session:
        forget_participant(session, installation.settings, TARGET, actor="orga")
    restored = restore_backup(
        installation.settings, summary.path, actor="cli", aftercare=RESTORE_AFTERCARE
    )
    assert restored.tombstones_carried_over == 1
    assert restored.entries_erased_again == 2
    with installation.session() as session:
        assert rows_holding(session, [TARGET, *installation.world.anna_shortcodes]) == []
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "backup.restored")
        ).one()
        assert event.data["entries_erased_again"] == 2
    assert not any(path.exists() for path in installation.world.anna_files)


def test_restore_is_audited(installation: Installation, backups: Path) -> None:
    summary = create_backup(installation.settings, backups)
    restore_backup(installation.settings, summary.path, actor="cli", aftercare=RESTORE_AFTERCARE)
    with installation.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "backup.restored")
        ).one()
    assert event.actor == "cli"
    assert event.data["backup_created_at"] == summary.manifest.created_at
