"""Participants' data-protection rights and retention (GDPR / DSGVO).

- `export_participant`: right of access, everything stored about an account as JSON;
- `forget_participant`: right to erasure, rows and files removed, a keyed-hash tombstone kept;
- `purge_contest` and `housekeeping`: retention after the contest, orphaned files, old log-ins;
- `reapply_tombstones`: after restoring an older backup, erase again what was erased since.

Services take the caller's session and do not commit. Image files are removed only after the
caller's transaction commits (see `contest.privacy.media_files`).
"""

from contest.privacy.erasure import ErasureReport, forget_participant, reapply_tombstones
from contest.privacy.export import export_participant
from contest.privacy.retention import (
    HousekeepingReport,
    PurgeReport,
    housekeeping,
    purge_contest,
    purge_due_at,
)

__all__ = [
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
