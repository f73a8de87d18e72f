"""A small reader for systemd unit files: sections, repeated keys, comments, continuations.

`configparser` cannot read them (keys like ExecStart repeat), and `systemd-analyze verify` is
not on every machine, so the structure is checked with this and the commands with the CLI.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

EXEC_KEYS = ("ExecStartPre", "ExecStart", "ExecStartPost", "ExecStop", "ExecReload")
# Prefixes systemd allows before the program path (ignore failure, no env expansion, ...).
EXEC_PREFIXES = "-@:+!"


@dataclass
class Unit:
    path: Path
    sections: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def values(self, section: str, key: str) -> list[str]:
        return self.sections.get(section, {}).get(key, [])

    def value(self, section: str, key: str) -> str | None:
        found = self.values(section, key)
        return found[-1] if found else None

    def commands(self) -> list[list[str]]:
        """Every Exec* line as argv, prefixes removed."""
        argvs = []
        for key in EXEC_KEYS:
            for line in self.values("Service", key):
                argv = shlex.split(line)
                argv[0] = argv[0].lstrip(EXEC_PREFIXES)
                argvs.append(argv)
        return argvs


class UnitSyntaxError(ValueError):
    pass


def read_unit(path: Path) -> Unit:
    unit = Unit(path)
    section: str | None = None
    pending = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            if not line.endswith("]"):
                raise UnitSyntaxError(f"{path.name}:{number}: broken section header")
            section = line[1:-1]
            unit.sections.setdefault(section, {})
            continue
        if section is None or "=" not in line:
            raise UnitSyntaxError(f"{path.name}:{number}: expected KEY=VALUE inside a section")
        key, value = line.split("=", 1)
        unit.sections[section].setdefault(key.strip(), []).append(value.strip())
    if pending:
        raise UnitSyntaxError(f"{path.name}: file ends in a line continuation")
    return unit
