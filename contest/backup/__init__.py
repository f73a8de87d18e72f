"""Backups: the database (SQLite online backup or `pg_dump -Fc`) and the data directory in one
tar archive with a checksummed manifest; restore verifies everything before it changes a thing.
"""

from contest.backup.archive import BackupSummary, create_backup
from contest.backup.manifest import Manifest
from contest.backup.restore import RestoreSummary, restore_backup, verify_archive

__all__ = [
    "BackupSummary",
    "Manifest",
    "RestoreSummary",
    "create_backup",
    "restore_backup",
    "verify_archive",
]
