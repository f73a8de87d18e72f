"""`downtown-snap backup PATH`: the database and the data directory in one tar file.

The database is copied first and the media second: ingestion writes a file before it commits
the row naming it, so every photo in the copied database has its file by the time the media
are read. The manifest goes last, with a checksum of every member.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import make_url

from contest.backup import postgres_db, sqlite_db
from contest.backup.manifest import (
    DATABASE_MEMBERS,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    FileRecord,
    Manifest,
)
from contest.db import normalise_database_url
from contest.errors import UserFacingError
from contest.settings import Settings

BACKUP_SUFFIX = ".tar"


def app_version() -> str:
    try:
        return metadata.version("downtown-snap")
    except metadata.PackageNotFoundError:
        return "source"


def backend_of(url: str) -> str:
    return make_url(normalise_database_url(url)).get_backend_name()


def backup_target(path: Path, now: datetime) -> Path:
    """A directory gets a time-stamped file inside it; a file path is used as given."""
    if path.is_dir():
        return path / f"downtown-snap-{now:%Y%m%dT%H%M%SZ}{BACKUP_SUFFIX}"
    return path


class _HashingReader:
    """Hashes what tarfile reads, so each media file is read once."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        return chunk


def _media_files(data_dir: Path, skip: set[Path]) -> Iterator[tuple[str, Path]]:
    if not data_dir.is_dir():
        return
    for folder, directories, files in os.walk(data_dir):
        directories.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or path.resolve() in skip:
                continue
            yield path.relative_to(data_dir).as_posix(), path


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> FileRecord:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as stream:
        reader = _HashingReader(stream)
        archive.addfile(info, reader)  # type: ignore[arg-type]
    return FileRecord(path=name, sha256=reader.digest.hexdigest(), size=info.size)


def _database_files(url: str) -> set[Path]:
    """An SQLite file kept inside the data directory is not media: it is in the archive already."""
    if backend_of(url) != "sqlite":
        return set()
    database = sqlite_db.database_path(url).resolve()
    return {
        database,
        *(database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal")),
    }


@dataclass
class BackupSummary:
    path: Path
    manifest: Manifest


def create_backup(settings: Settings, path: Path) -> BackupSummary:
    """Write a backup archive to `path` (or a new file inside the directory `path`)."""
    now = datetime.now(UTC)
    target = backup_target(path, now).resolve()
    if target.exists():
        raise UserFacingError(
            f"{target} exists already; a backup never overwrites a file.",
            "Give a new file name or a directory.",
        )
    if not target.parent.is_dir():
        raise UserFacingError(
            f"The folder {target.parent} does not exist.", "Create it or choose another path."
        )
    backend = backend_of(settings.database_url)
    member = DATABASE_MEMBERS[backend]
    module = sqlite_db if backend == "sqlite" else postgres_db
    descriptor, partial_name = tempfile.mkstemp(prefix=".partial-", dir=target.parent)
    os.close(descriptor)
    partial = Path(partial_name)
    try:
        os.chmod(partial, 0o600)  # the archive holds personal data
        with tempfile.TemporaryDirectory(prefix="downtown-snap-backup-") as scratch:
            dump_file = Path(scratch) / member
            revision, counts = module.dump(settings.database_url, dump_file)
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
                database = _add_file(archive, member, dump_file)
                skip = {target, partial.resolve(), *_database_files(settings.database_url)}
                media = [
                    _add_file(archive, MEDIA_PREFIX + name, file)
                    for name, file in _media_files(settings.data_dir, skip)
                ]
                media = [
                    FileRecord(r.path.removeprefix(MEDIA_PREFIX), r.sha256, r.size) for r in media
                ]
                manifest = Manifest(
                    app_version=app_version(),
                    created_at=now.isoformat(),
                    backend=backend,
                    schema_revision=revision,
                    table_counts=counts,
                    database=database,
                    media=media,
                )
                raw = manifest.to_json()
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size = len(raw)
                info.mtime = int(now.timestamp())
                archive.addfile(info, io.BytesIO(raw))
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupSummary(path=target, manifest=manifest)
