"""Participants' data-protection rights and retention (GDPR / DSGVO).

Its own top-level package because it reaches across the house: it reads the contest file
(`rules`), knows where `ingest` stores images, and deletes rows of the shared core (`contest`).

- `export_participant`: right of access, everything stored about an account as JSON;
- `forget_participant`: right to erasure, rows and files removed, a keyed-hash tombstone kept;
- `purge_contest` and `housekeeping`: retention after the contest, orphaned files, old log-ins;
- `reapply_tombstones` (and `RESTORE_AFTERCARE`, which `downtown-snap restore` passes to the
  backup): after restoring an older backup, erase again what was erased since.

Services take the caller's session and do not commit. Image files are removed only after the
caller's transaction commits (see `privacy.media_files`).
"""

from privacy.erasure import ErasureReport, forget_participant, reapply_tombstones
from privacy.export import export_participant
from privacy.restore_aftercare import RESTORE_AFTERCARE
from privacy.retention import (
    HousekeepingReport,
    PurgeReport,
    housekeeping,
    purge_contest,
    purge_due_at,
)

__all__ = [
    "RESTORE_AFTERCARE",
    "ErasureReport",
    "HousekeepingReport",
    "PurgeReport",
    "export_participant",
    "forget_participant",
    "housekeeping",
    "purge_contest",
    "purge_due_at",
    "reapply_tombstones",
]
