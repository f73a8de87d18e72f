"""The privacy duties of `downtown-snap restore`, handed to `contest.backup.restore_backup`.

A restored backup must not bring back what was erased after it was made, and must not keep image
files that the restored database does not know. The shared core cannot do either on its own (it
knows neither where images live nor how an erasure is carried out), so the CLI passes this in.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from contest.settings import Settings
from privacy.erasure import reapply_tombstones
from privacy.media_files import media_files


class RestoreAftercare:
    """Satisfies `contest.backup.restore.RestoreAftercare`."""

    def media_files(self, data_dir: Path) -> Iterable[tuple[str, Path]]:
        return media_files(data_dir)

    def erase_again(self, session: Session, settings: Settings, *, actor: str) -> int:
        report = reapply_tombstones(session, settings, actor=actor)
        return 0 if report is None else report.entries


RESTORE_AFTERCARE = RestoreAftercare()
