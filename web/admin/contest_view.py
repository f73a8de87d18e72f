"""`/admin/contest`: the contest file's settings, readable, and the file itself."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.admin.common import ContestDep, render_console

router = APIRouter(prefix="/admin")


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class Section:
    name: str  # the dotted TOML table name; "" for top-level keys
    settings: list[Setting]


@dataclass(frozen=True, slots=True)
class ContestPage:
    sections: list[Section]
    parse_error: str | None


def display_value(value: Any) -> str:
    """A TOML value as an organiser reads it, spelt as in the file; lists comma-separated."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list):
        if all(not isinstance(item, dict) for item in value):
            return ", ".join(display_value(item) for item in value) or "–"
        return f"{len(value)} ×"
    return str(value)


def settings_sections(data: dict[str, Any], prefix: str = "") -> list[Section]:
    """Flatten nested tables into sections, keeping the file's order."""
    own = [
        Setting(key, display_value(value)) for key, value in data.items() if not _is_table(value)
    ]
    sections = [Section(prefix, own)] if own else []
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            sections.extend(settings_sections(value, name))
        elif _is_table(value):
            for index, item in enumerate(value, start=1):
                sections.extend(settings_sections(item, f"{name}[{index}]"))
    return sections


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)
    )


@router.get("/contest", response_class=HTMLResponse)
def contest_settings(request: Request, contest: ContestDep) -> HTMLResponse:
    try:
        sections, error = settings_sections(tomllib.loads(contest.rules_toml)), None
    except tomllib.TOMLDecodeError as failure:
        sections, error = [], str(failure)
    return render_console(
        request,
        "admin/contest.html",
        contest,
        section="contest",
        page=ContestPage(sections=sections, parse_error=error),
    )
