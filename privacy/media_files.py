"""Image files on disk: which belong to a photo, removing them only once the database agrees,
and sweeping files no photo refers to any more.

Files are removed after the transaction that deleted their rows commits, so a failed erasure
never leaves entries pointing at missing images. If the process dies between commit and
removal, the files are orphans; `sweep_orphan_media` (run by `downtown-snap purge`) finds them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from contest.models import Photo
from ingest.media_paths import DERIVATIVE_WIDTHS, SHA256_PATTERN, derivative_path, original_path

log = logging.getLogger(__name__)

_PENDING = "downtown_snap.files_to_remove_after_commit"
# A file younger than this may belong to an ingestion that has not committed its row yet.
ORPHAN_GRACE_SECONDS = 3600


def stored_files(data_dir: Path, sha256: str) -> list[Path]:
    """The original and every display derivative made from the image with this content hash."""
    return [
        original_path(data_dir, sha256),
        *(derivative_path(data_dir, sha256, width) for width in DERIVATIVE_WIDTHS),
    ]


def shas_still_referenced(session: Session, shas: Iterable[str]) -> set[str]:
    wanted = sorted(set(shas))
    kept: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        kept.update(session.scalars(select(Photo.sha256).where(Photo.sha256.in_(chunk))))
    return kept


def remove_after_commit(session: Session, paths: Iterable[Path]) -> None:
    """Delete `paths` once the session's transaction commits; forget them if it rolls back."""
    pending: list[Path] = session.info.setdefault(_PENDING, [])
    pending.extend(paths)
    if not event.contains(session, "after_commit", _remove_pending):
        event.listen(session, "after_commit", _remove_pending)
        event.listen(session, "after_soft_rollback", _drop_pending)


def _remove_pending(session: Session) -> None:
    paths: list[Path] = session.info.pop(_PENDING, [])
    for path in paths:
        remove_file(path)


def _drop_pending(session: Session, _previous: object) -> None:
    # Keeping files is the safe side: rows may still point at them, and the sweep catches
    # the rare orphan.
    session.info.pop(_PENDING, None)


def remove_file(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as error:  # pragma: no cover - permissions on a broken installation
        log.error("could not remove %s: %s", path, error)
        return False
    return True


@dataclass
class SweepResult:
    removed: list[Path] = field(default_factory=list)
    too_young: int = 0


def media_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(sha256, path) of every content-addressed file: originals and derivatives."""
    folders = [data_dir / "originals"]
    folders += [derivative_path(data_dir, "0" * 64, w).parent.parent for w in DERIVATIVE_WIDTHS]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.glob("*/*"):
            digest = path.name.removesuffix(".webp")
            if path.is_file() and SHA256_PATTERN.fullmatch(digest):
                yield digest, path


def sweep_orphan_media(
    session: Session, data_dir: Path, *, grace_seconds: int = ORPHAN_GRACE_SECONDS, dry_run: bool
) -> SweepResult:
    """Remove image files that no photo row refers to (left by a crash or an old bug)."""
    result = SweepResult()
    referenced = set(session.scalars(select(Photo.sha256).where(Photo.sha256.is_not(None))))
    cutoff = time.time() - grace_seconds
    for digest, path in media_files(data_dir):
        if digest in referenced:
            continue
        if path.stat().st_mtime > cutoff:
            result.too_young += 1
            continue
        result.removed.append(path)
    if not dry_run:
        remove_after_commit(session, result.removed)
    return result
