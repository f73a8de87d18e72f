"""The backup manifest: what an archive holds and the checksums that prove it is intact.

Pure data and checks, no I/O: an archive is trusted only as far as its manifest agrees with
every byte in it, and member names are checked before anything is written to disk.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

FORMAT = "downtown-snap-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class ManifestError(ValueError):
    """The archive is not a Downtown-Snap backup, or not an intact one."""


@dataclass(frozen=True)
class FileRecord:
    path: str
    sha256: str
    size: int


@dataclass
class Manifest:
    app_version: str
    created_at: str
    backend: str
    schema_revision: str | None
    table_counts: dict[str, int]
    database: FileRecord
    media: list[FileRecord] = field(default_factory=list)
    format: str = FORMAT
    version: int = FORMAT_VERSION

    @property
    def media_bytes(self) -> int:
        return sum(record.size for record in self.media)

    def expected_members(self) -> dict[str, FileRecord]:
        members = {self.database.path: self.database}
        members.update({MEDIA_PREFIX + record.path: record for record in self.media})
        return members

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data: dict[str, Any] = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT:
                raise ManifestError("the archive is not a Downtown-Snap backup")
            if data.get("version") != FORMAT_VERSION:
                raise ManifestError(
                    f"backup format version {data.get('version')} is not supported "
                    f"(this version reads {FORMAT_VERSION})"
                )
            manifest = cls(
                app_version=str(data["app_version"]),
                created_at=str(data["created_at"]),
                backend=str(data["backend"]),
                schema_revision=data["schema_revision"],
                table_counts={str(k): int(v) for k, v in data["table_counts"].items()},
                database=FileRecord(**data["database"]),
                media=[FileRecord(**record) for record in data["media"]],
            )
        except ManifestError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ManifestError(f"the manifest is damaged ({error})") from error
        if DATABASE_MEMBERS.get(manifest.backend) != manifest.database.path:
            raise ManifestError(f"unknown database kind {manifest.backend!r} in the manifest")
        for record in manifest.media:
            check_relative_path(record.path)
        return manifest


def check_relative_path(name: str) -> PurePosixPath:
    """A path inside the archive or the data directory: relative, no `..`, no oddities."""
    path = PurePosixPath(name)
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or any(part in {"", ".", ".."} for part in name.split("/"))
    ):
        raise ManifestError(f"unsafe path in the archive: {name!r}")
    return path
