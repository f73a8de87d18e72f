"""The README's security test list names tests; each must exist, so the list cannot rot."""

from __future__ import annotations

import re

from tests.paths import REPO_ROOT

# `tests/x.py`, `tests/x.py::test_y`, and `::test_z` meaning "in the file named just before".
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def referenced_tests() -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for line in (REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        current = None
        for match in REFERENCE.finditer(line):
            path, name = match.groups()
            if path is None and name is None:
                continue
            current = path or current
            assert current, f"'::{name}' without a file before it: {line}"
            found.append((current, name))
    return found


def test_the_readme_names_tests_at_all() -> None:
    assert len(referenced_tests()) > 20


def test_every_test_the_readme_names_exists() -> None:
    missing = []
    for path, name in referenced_tests():
        file = REPO_ROOT / path
        if not file.is_file():
            missing.append(path)
        elif name and not re.search(rf"^(async )?def {name}\(", file.read_text("utf-8"), re.M):
            missing.append(f"{path}::{name}")
    assert not missing, missing
