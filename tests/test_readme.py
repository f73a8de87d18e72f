"""Documentation that cannot rot: every CLI command is in the README, and every command the
README names exists."""

from __future__ import annotations

import re

import typer
from typer.main import get_command

from cli.main import app
from tests.paths import REPO_ROOT


def command_paths(group: typer.Typer) -> set[str]:
    root = get_command(group)
    paths: set[str] = set()

    def walk(command: object, prefix: str) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            paths.add(prefix)

    walk(root, "")
    return paths


README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def documented_commands() -> set[str]:
    """Commands the README names, literally or as `group a|b|c` alternatives."""
    found = set(re.findall(r"downtown-snap ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)*)", README))
    alternatives = r"downtown-snap ((?:[a-z][a-z-]* )*)([a-z][a-z-]*(?:\\?\|[a-z][a-z-]*)+)"
    for prefix, choices in re.findall(alternatives, README):
        found.update(prefix + choice for choice in re.split(r"\\?\|", choices))
    return {" ".join(phrase.split()[:depth]) for phrase in found for depth in (1, 2, 3)}


def test_every_cli_command_is_documented() -> None:
    missing = sorted(command_paths(app) - documented_commands())
    assert missing == [], f"document these commands in README.md: {missing}"


def test_every_documented_command_exists() -> None:
    known = command_paths(app)
    prefixes = {" ".join(p.split()[:n]) for p in known for n in range(1, len(p.split()) + 1)}
    leaves = {p for p in known if " " not in p}
    named = re.findall(r"`downtown-snap ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*){0,2})", README)
    unknown = set()
    for phrase in named:
        words = phrase.split()
        if words[0] in leaves:
            continue  # what follows is an argument, not a subcommand
        while words and " ".join(words) not in prefixes:
            words.pop()  # trailing words may be arguments (NAME, PATH...)
        if not words:
            unknown.add(phrase)
    assert sorted(unknown) == [], f"README names commands that do not exist: {unknown}"
