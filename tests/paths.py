"""Paths of the repository, for tests that read shipped files."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PRESET = REPO_ROOT / "rules" / "contests" / "downtown-snaps-2025.toml"
