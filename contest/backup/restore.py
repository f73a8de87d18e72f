"""`downtown-snap restore PATH`: check an archive completely, then put it back.

Nothing is touched until every member's checksum matches the manifest, the member names are
safe, and the schema is one this version knows. Erasures made after the backup was taken are
not undone by it: the current database's tombstones are carried over and applied again.

The shared core does not know where images live or how an erasure is carried out; those two
duties come in as a `RestoreAftercare` (the CLI passes `privacy.RESTORE_AFTERCARE`), so that
`contest/` imports nothing else of ours and no caller can restore without them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.backup import postgres_db, sqlite_db
from contest.backup.archive import backend_of
from contest.backup.manifest import (
    MANIFEST_NAME,
    MEDIA_PREFIX,
    FileRecord,
    Manifest,
    ManifestError,
    check_relative_path,
)
from contest.backup.snapshot import table_counts
from contest.db import make_engine, make_session_factory, transaction
from contest.errors import UserFacingError
from contest.models import Contest, Tombstone
from contest.schema import MIGRATIONS_DIR, head_revision, upgrade_to_head
from contest.settings import Settings

CHUNK = 1 << 20
MAX_MANIFEST_BYTES = 64 << 20


class RestoreAftercare(Protocol):
    """What a restore must do that the shared core cannot: see the module docstring."""

    def media_files(self, data_dir: Path) -> Iterable[tuple[str, Path]]:
        """(sha256, path) of every content-addressed image file under the data directory."""
        ...

    def erase_again(self, session: Session, settings: Settings, *, actor: str) -> int:
        """Erase whatever the tombstones name; return how many entries went."""
        ...


@dataclass
class RestoreSummary:
    manifest: Manifest
    upgraded_from: str | None = None
    files_written: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    tombstones_carried_over: int = 0
    entries_erased_again: int = 0
    warnings: list[str] = field(default_factory=list)


def _refuse(
    message: str, hint: str = "Use an intact backup made by `downtown-snap backup`."
) -> UserFacingError:
    return UserFacingError(f"Cannot restore: {message}.", hint)


@contextmanager
def _open(path: Path) -> Iterator[tarfile.TarFile]:
    if not path.is_file():
        raise UserFacingError(f"There is no backup file {path}.", "Check the path.")
    try:
        with tarfile.open(path, "r:") as archive:
            yield archive
    except tarfile.TarError as error:
        raise _refuse(f"{path} is not a readable tar archive ({error})") from error


def _sha256(stream: Any) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def verify_archive(path: Path) -> Manifest:
    """Read the whole archive and return its manifest, or refuse with the reason."""
    with _open(path) as archive:
        members = {}
        for member in archive.getmembers():
            try:
                check_relative_path(member.name)
            except ManifestError as error:
                raise _refuse(str(error)) from error
            if not member.isfile():
                raise _refuse(
                    f"{member.name!r} is not a plain file (links and devices are refused)"
                )
            if member.name in members:
                raise _refuse(f"{member.name!r} appears twice")
            members[member.name] = member
        manifest_member = members.pop(MANIFEST_NAME, None)
        if manifest_member is None:
            raise _refuse("the archive has no manifest.json, so it is not a Downtown-Snap backup")
        if manifest_member.size > MAX_MANIFEST_BYTES:
            raise _refuse("the manifest is implausibly large")
        try:
            manifest = Manifest.from_json(archive.extractfile(manifest_member).read())  # type: ignore[union-attr]
        except ManifestError as error:
            raise _refuse(str(error)) from error
        expected = manifest.expected_members()
        if set(members) != set(expected):
            extra = sorted(set(members) - set(expected))[:3]
            missing = sorted(set(expected) - set(members))[:3]
            raise _refuse(
                f"the archive does not match its manifest (extra: {extra}, missing: {missing})"
            )
        for name, member in members.items():
            digest, size = _sha256(archive.extractfile(member))
            record = expected[name]
            if (digest, size) != (record.sha256, record.size):
                raise _refuse(f"{name} is damaged (its checksum does not match the manifest)")
    return manifest


def check_schema(manifest: Manifest) -> None:
    """Refuse a backup whose schema this version of Downtown-Snap does not know (a newer one)."""
    revision = manifest.schema_revision
    if revision is None:
        raise _refuse("the backed-up database has no schema")
    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    known = {script.revision for script in scripts.walk_revisions()}
    if revision not in known:
        raise _refuse(
            f"the backup has database schema {revision}, newer than this version knows "
            f"(up to {head_revision()}); it was made by Downtown-Snap {manifest.app_version}",
            "Install that version (or a later one) to restore it.",
        )


def _current_tombstones(engine: Engine) -> list[dict[str, Any]]:
    """The target database's tombstones (by contest slug), if it has any yet."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("tombstones"):
                return []
            rows = connection.execute(
                select(Tombstone.__table__, Contest.slug).outerjoin(
                    Contest, Contest.id == Tombstone.contest_id
                )
            )
            return [dict(row._mapping) for row in rows]
    except SQLAlchemyError:
        return []


def _carry_over_tombstones(
    session: Session,
    settings: Settings,
    stones: list[dict[str, Any]],
    summary: RestoreSummary,
    aftercare: RestoreAftercare,
) -> None:
    """Add the tombstones the backup lacks and erase again whatever they name."""
    contests = {c.slug: c.id for c in session.scalars(select(Contest))}
    present = {
        (s.username_hash, tuple(s.shortcode_hashes), s.at)
        for s in session.scalars(select(Tombstone))
    }
    for stone in stones:
        key = (stone["username_hash"], tuple(stone["shortcode_hashes"]), stone["at"])
        if key in present or (stone["slug"] is not None and stone["slug"] not in contests):
            continue
        session.add(
            Tombstone(
                contest_id=contests.get(stone["slug"]),
                username_hash=stone["username_hash"],
                shortcode_hashes=stone["shortcode_hashes"],
                at=stone["at"],
                by=stone["by"],
                note=stone["note"],
            )
        )
        summary.tombstones_carried_over += 1
    session.flush()
    summary.entries_erased_again = aftercare.erase_again(session, settings, actor="restore")


def _restore_media(
    archive: tarfile.TarFile,
    manifest: Manifest,
    data_dir: Path,
    summary: RestoreSummary,
    aftercare: RestoreAftercare,
) -> None:
    wanted: set[Path] = set()
    for record in manifest.media:
        target = data_dir / check_relative_path(record.path)
        wanted.add(target)
        if target.is_file() and target.stat().st_size == record.size:
            with target.open("rb") as stream:
                if _sha256(stream)[0] == record.sha256:
                    summary.files_unchanged += 1
                    continue
        _write_member(archive, MEDIA_PREFIX + record.path, record, target)
        summary.files_written += 1
    # The content-addressed stores must match the restored database exactly; other files in
    # the data directory are left alone.
    for _digest, path in list(aftercare.media_files(data_dir)):
        if path not in wanted and _remove(path):
            summary.files_removed += 1


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _write_member(archive: tarfile.TarFile, name: str, record: FileRecord, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(prefix=".restore-", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            shutil.copyfileobj(archive.extractfile(name), out, CHUNK)  # type: ignore[misc]
        with open(partial, "rb") as stream:
            if _sha256(stream)[0] != record.sha256:  # the file changed under us
                raise _refuse(f"{name} changed while it was being restored")
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def restore_backup(
    settings: Settings, path: Path, *, actor: str, aftercare: RestoreAftercare
) -> RestoreSummary:
    """Replace the database and the media with the backup's; see the module docstring."""
    manifest = verify_archive(path)
    check_schema(manifest)
    backend = backend_of(settings.database_url)
    if backend != manifest.backend:
        raise _refuse(
            f"the backup holds a {manifest.backend} database, but "
            f"DOWNTOWN_SNAP_DATABASE_URL points at {backend}",
            "Restore into the same kind of database the backup was made from.",
        )
    summary = RestoreSummary(manifest=manifest)
    engine = make_engine(settings.database_url)
    try:
        stones = _current_tombstones(engine)
        engine.dispose()
        with (
            _open(path) as archive,
            tempfile.TemporaryDirectory(prefix="downtown-snap-restore-") as scratch,
        ):
            dump_file = Path(scratch) / manifest.database.path
            _write_member(archive, manifest.database.path, manifest.database, dump_file)
            if backend == "sqlite":
                sqlite_db.restore(dump_file, settings.database_url)
            else:
                postgres_db.restore(dump_file, settings.database_url, set(manifest.table_counts))
            with engine.connect() as connection:
                counts = table_counts(connection)
            if counts != manifest.table_counts:
                raise UserFacingError(
                    "The restored database does not hold what the manifest lists "
                    f"(expected {manifest.table_counts}, found {counts}).",
                    "Restore again into an empty database and report this as a bug.",
                )
            if manifest.schema_revision != head_revision():
                upgrade_to_head(engine)
                summary.upgraded_from = manifest.schema_revision
            _restore_media(archive, manifest, settings.data_dir, summary, aftercare)
        with transaction(make_session_factory(engine)) as session:
            if stones:
                _carry_over_tombstones(session, settings, stones, summary, aftercare)
            log_action(
                session,
                "backup.restored",
                actor=actor,
                backup_created_at=manifest.created_at,
                app_version=manifest.app_version,
                upgraded_from=summary.upgraded_from,
                files=len(manifest.media),
                tombstones_carried_over=summary.tombstones_carried_over,
                entries_erased_again=summary.entries_erased_again,
            )
    finally:
        engine.dispose()
    return summary
