"""The house's layering, enforced: which of our packages each package may import.

Data flows one way (ingest → rules → judging → web); a package that reaches back up the stream
would make a change in a downstream room break an upstream one. The checker reads every module's
imports with `ast` (including imports inside functions and under `TYPE_CHECKING`), so it needs no
import side effects and catches lazy imports too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.paths import REPO_ROOT

# package -> the packages of ours it may import (itself always allowed).
MAY_IMPORT: dict[str, frozenset[str]] = {
    # The call for entries as data and the pure eligibility engine.
    "rules": frozenset(),
    # Shared core: settings, database, models, migrations, audit, backups.
    "contest": frozenset(),
    "ingest": frozenset({"rules", "contest"}),
    # Judging reads its section of the contest file (shortlist size, places, likes freeze,
    # tie-break rule) through the contest file's own parser in `rules`: one parser, one
    # validation, no second reading of the TOML that could drift from the first. That follows the
    # data flow (rules → judging). It may not use anything else of `rules` (the eligibility
    # engine's verdicts reach judging already stored on the entries): see NARROWED below.
    "judging": frozenset({"contest", "rules"}),
    # GDPR rights and retention reach across the house: the contest file's retention period
    # (`rules`), where `ingest` stores images, and rows of the shared core (`contest`).
    "privacy": frozenset({"contest", "ingest", "rules"}),
    "web": frozenset({"contest", "rules", "ingest", "judging", "privacy"}),
    # The command line wires everything together (it may start the web app).
    "cli": frozenset({"contest", "rules", "ingest", "judging", "privacy", "web"}),
}

# (importer, imported package) -> the only modules of it the importer may use.
NARROWED: dict[tuple[str, str], frozenset[str]] = {
    ("judging", "rules"): frozenset({"rules.contest_file"}),
}

OURS = frozenset(MAY_IMPORT)
NOT_APPLICATION_CODE = frozenset({"tests", "bench", "scripts", "deploy"})


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.imported}"


def _package_of(path: Path) -> str:
    return path.relative_to(REPO_ROOT).parts[0]


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_modules(source: str, module: list[str], *, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a module's source, relative ones resolved."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                anchor = module if is_package else module[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # `from pkg import mod` imports pkg.mod when mod is a module: count both spellings.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def violations_in(path: Path, source: str) -> list[Violation]:
    importer = _package_of(path)
    module = _module_name(path)
    allowed = MAY_IMPORT[importer]
    problems = []
    for line, name in imported_modules(source, module, is_package=path.name == "__init__.py"):
        target = name.split(".")[0]
        if target not in OURS or target == importer:
            continue
        narrowed = NARROWED.get((importer, target))
        permitted = target in allowed and (
            narrowed is None or any(name == m or name.startswith(m + ".") for m in narrowed)
        )
        if not permitted:
            problems.append(Violation(str(path.relative_to(REPO_ROOT)), line, name))
    return problems


def _application_modules(package: str) -> list[Path]:
    return sorted(
        path for path in (REPO_ROOT / package).rglob("*.py") if "__pycache__" not in path.parts
    )


def test_every_package_of_ours_has_a_row_in_the_table() -> None:
    packages = {
        path.parent.name
        for path in REPO_ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_APPLICATION_CODE
    }
    assert packages == OURS, "add the new package to MAY_IMPORT with what it may import"


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_package_imports_only_what_the_house_allows(package: str) -> None:
    problems = [
        problem
        for path in _application_modules(package)
        for problem in violations_in(path, path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("package", ["web", "cli"])
def test_nothing_but_the_command_line_imports_web_or_cli(package: str) -> None:
    importers = {name for name, allowed in MAY_IMPORT.items() if package in allowed}
    assert importers <= {"cli"}


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "contest/x.py",
            "from ingest.media_paths import original_path\n",
            ["ingest.media_paths.original_path"],
        ),
        ("contest/x.py", "def f():\n    import rules.engine\n", ["rules.engine"]),
        ("rules/x.py", "from contest import models\n", ["contest.models"]),
        ("judging/x.py", "from rules.engine import evaluate\n", ["rules.engine.evaluate"]),
        ("judging/x.py", "import rules\n", ["rules"]),
        ("judging/x.py", "from rules.contest_file import parse_contest_text\n", []),
        ("ingest/x.py", "from web.app import create_app\n", ["web.app.create_app"]),
        ("web/x.py", "from cli.main import main\n", ["cli.main.main"]),
        ("contest/sub/x.py", "from ..models import Entry\n", []),
        ("privacy/x.py", "from ingest.media_paths import original_path\n", []),
        ("contest/x.py", "from .models import Entry\nimport sqlalchemy\n", []),
    ],
)
def test_the_checker_catches_what_it_should(path: str, source: str, expected: list[str]) -> None:
    assert [v.imported for v in violations_in(REPO_ROOT / path, source)] == expected
