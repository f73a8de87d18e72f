"""Rewriting a good backup archive into a bad one, the way an attacker or a broken disk would."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path

Member = tuple[tarfile.TarInfo, bytes | None]


def rewrite(source: Path, target: Path, change: Callable[[list[Member]], list[Member]]) -> Path:
    with tarfile.open(source) as archive:
        members: list[Member] = [
            (info, archive.extractfile(info).read() if info.isfile() else None)  # type: ignore[union-attr]
            for info in archive.getmembers()
        ]
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as archive:
        for info, data in change(members):
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return target


def edit_manifest(members: list[Member], edit: Callable[[dict], None]) -> list[Member]:
    result = []
    for info, data in members:
        if info.name == "manifest.json" and data is not None:
            manifest = json.loads(data)
            edit(manifest)
            data = json.dumps(manifest).encode()
        result.append((info, data))
    return result


def file_member(name: str, data: bytes) -> Member:
    return tarfile.TarInfo(name), data


def link_member(name: str, target: str) -> Member:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    return info, None
