"""Where images live under the data directory.

Everything is addressed by the SHA-256 of the original file's bytes, so no name from Instagram
metadata or from a request ever becomes part of a path.
"""

from __future__ import annotations

import re
from pathlib import Path

DERIVATIVE_WIDTHS = (400, 1200)
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def _checked(sha256: str) -> str:
    if not SHA256_PATTERN.fullmatch(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return sha256


def original_path(data_dir: Path, sha256: str) -> Path:
    digest = _checked(sha256)
    return data_dir / "originals" / digest[:2] / digest


def derivative_path(data_dir: Path, sha256: str, width: int) -> Path:
    if width not in DERIVATIVE_WIDTHS:
        raise ValueError(f"no derivative of width {width}")
    digest = _checked(sha256)
    return data_dir / "derivatives" / str(width) / digest[:2] / f"{digest}.webp"
