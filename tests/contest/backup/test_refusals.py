"""Restore refuses damaged, foreign, newer or hostile archives before it changes anything."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from contest.backup import create_backup, restore_backup
from contest.errors import UserFacingError
from privacy import RESTORE_AFTERCARE
from tests.contest.backup.archives import (
    edit_manifest,
    file_member,
    link_member,
    rewrite,
)
from tests.contest.backup.conftest import Installation


@pytest.fixture
def good(installation: Installation, backups: Path) -> Path:
    return create_backup(installation.settings, backups / "good.tar").path


def refused(installation: Installation, archive: Path, message: str) -> None:
    before = installation.state()
    with pytest.raises(UserFacingError, match=message):
        restore_backup(installation.settings, archive, actor="cli", aftercare=RESTORE_AFTERCARE)
    assert installation.state() == before, "a refused restore must not change anything"


def test_a_flipped_byte_in_a_photo_is_caught(
    installation: Installation, good: Path, tmp_path: Path
) -> None:
    def damage(members):
        return [
            (
                info,
                data[:-1] + bytes([data[-1] ^ 1])
                if info.name.startswith("media/originals")
                else data,
            )
            for info, data in members
        ]

    refused(installation, rewrite(good, tmp_path / "bad.tar", damage), "is damaged")


def test_a_truncated_archive_is_refused(
    installation: Installation, good: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.tar"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(installation, cut, "Cannot restore")


@pytest.mark.parametrize(
    "evil",
    [
        file_member("../outside.txt", b"escape"),
        file_member("/etc/cron.d/evil", b"escape"),
        file_member("media/../../outside.txt", b"escape"),
        link_member("media/originals/link", "/etc/passwd"),
    ],
    ids=["dot-dot", "absolute", "nested-dot-dot", "symlink"],
)
def test_hostile_member_names_are_refused(
    installation: Installation, good: Path, tmp_path: Path, evil
) -> None:
    hostile = rewrite(good, tmp_path / "evil.tar", lambda members: [*members, evil])
    refused(installation, hostile, "unsafe path|not a plain file")
    assert not (tmp_path / "outside.txt").exists()


def test_a_file_the_manifest_does_not_list_is_refused(
    installation: Installation, good: Path, tmp_path: Path
) -> None:
    extra = rewrite(good, tmp_path / "extra.tar", lambda m: [*m, file_member("media/x.txt", b"?")])
    refused(installation, extra, "does not match its manifest")


def test_a_newer_schema_is_refused(installation: Installation, good: Path, tmp_path: Path) -> None:
    def future(manifest: dict) -> None:
        manifest["schema_revision"] = "9999_from_the_future"
        manifest["app_version"] = "9.0"

    newer = rewrite(good, tmp_path / "newer.tar", lambda m: edit_manifest(m, future))
    refused(installation, newer, "newer than this version knows")


def test_a_manifest_pointing_outside_is_refused(
    installation: Installation, good: Path, tmp_path: Path
) -> None:
    data = b"escape"
    record = {"path": "../../outside.txt", "sha256": hashlib.sha256(data).hexdigest(), "size": 6}

    def add(manifest: dict) -> None:
        manifest["media"].append(record)

    hostile = rewrite(
        good,
        tmp_path / "evil.tar",
        lambda m: [*edit_manifest(m, add), file_member("media/../../outside.txt", data)],
    )
    refused(installation, hostile, "unsafe path")


def test_something_else_entirely_is_refused(installation: Installation, tmp_path: Path) -> None:
    foreign = rewrite_plain(tmp_path)
    refused(installation, foreign, "no manifest.json")


def test_another_kind_of_database_is_refused(
    installation: Installation, good: Path, tmp_path: Path
) -> None:
    def swap(members):
        other = (
            "database.pgdump"
            if installation.settings.database_url.startswith("sqlite")
            else "database.sqlite3"
        )
        kind = "postgresql" if other.endswith("pgdump") else "sqlite"
        renamed = []
        for info, data in members:
            if info.name.startswith("database."):
                info.name = other
            renamed.append((info, data))

        def edit(manifest: dict) -> None:
            manifest["backend"] = kind
            manifest["database"]["path"] = other

        return edit_manifest(renamed, edit)

    refused(
        installation, rewrite(good, tmp_path / "other.tar", swap), "same kind of database|holds a"
    )


def test_missing_file_is_a_clear_error(installation: Installation, tmp_path: Path) -> None:
    refused(installation, tmp_path / "nope.tar", "There is no backup file")


def rewrite_plain(tmp_path: Path) -> Path:
    import tarfile

    path = tmp_path / "photos.tar"
    with tarfile.open(path, "w") as archive:
        source = tmp_path / "holiday.jpg"
        source.write_bytes(json.dumps({"not": "a backup"}).encode())
        archive.add(source, arcname="holiday.jpg")
    return path
