"""Atomic, content-addressed files under the data directory.

A file is written to a temporary name in its final folder and renamed into place, so a reader
(or a re-run after `kill -9`) sees either the whole file or none; never a torn one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path

from ingest.media_paths import original_path

TEMP_SUFFIX = ".part"


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and a rename in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_original(data_dir: Path, data: bytes, sha256: str | None = None) -> str:
    """Keep the original bytes under their SHA-256; returns the digest. Idempotent."""
    digest = sha256 or sha256_hex(data)
    path = original_path(data_dir, digest)
    if not (path.is_file() and path.stat().st_size == len(data)):
        atomic_write(path, data)
    return digest


def remove_stale_temp_files(folder: Path, *, older_than_seconds: float = 3600) -> int:
    """Delete temporary files a killed process left behind; returns how many."""
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    removed = 0
    for path in folder.rglob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed
