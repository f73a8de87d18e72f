"""Contest files for fuzzing: the preset with keys removed, retyped or added, written as TOML."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, time
from typing import Any

from hypothesis import strategies as st

from tests.paths import PRESET

PRESET_DATA: dict[str, dict[str, Any]] = tomllib.loads(PRESET.read_text(encoding="utf-8"))


def toml_value(value: Any) -> str:
    """One value in TOML syntax (inline tables for nested ones)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (
            f"{json.dumps(key, ensure_ascii=False)} = {toml_value(v)}" for key, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(type(value))


def toml_document(data: dict[str, Any]) -> str:
    lines = []
    for name, table in data.items():
        if isinstance(table, dict):
            lines.append(f"[{json.dumps(name, ensure_ascii=False)}]")
            lines += [
                f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in table.items()
            ]
        else:
            lines.insert(0, f"{json.dumps(name, ensure_ascii=False)} = {toml_value(table)}")
    return "\n".join(lines) + "\n"


# Values that mean something somewhere in a contest file (zones, paths, severities, names).
SPECIAL = st.sampled_from(
    [
        "",
        " ",
        "Europe/Berlin",
        "../../etc/passwd",
        "Etc/GMT+14",
        "UTC",
        "~nobody/x.csv",
        "~no-such-person/towns.csv",
        "reject",
        "review",
        "off",
        "organiser",
        "most_likes",
        "all_photos",
        "#",
        "@",
        "https://example.org",
        "\x00",
        ".",
        "/",
        "missing.csv",
        "Gotha",
        "Erfurt",
        "ThüringenDownTown",
        "Gotha",
        "Thu\u0308ringenDownTown",
    ]
)
# TOML strings cannot hold surrogates; everything else goes.
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
TOML_SCALARS = (
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats()
    | TEXT
    | st.dates()
    | st.datetimes()
    | st.times()
    | SPECIAL
)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=8,
)
# Every key the preset sets, and the optional ones it leaves out.
KNOWN_KEYS = [(table, key) for table, keys in PRESET_DATA.items() for key in keys] + [
    ("contest", "terms_url"),
    ("towns", "gazetteer"),
    ("towns", "eligible"),
]
TABLES = sorted(PRESET_DATA)


def preset_with(changes: list[tuple[str, str, Any]]) -> str:
    """The preset as TOML after (table, key, value) changes; key \"\" replaces the table."""
    document: dict[str, Any] = {name: dict(table) for name, table in PRESET_DATA.items()}
    for table, key, value in changes:
        if key == "":
            document[table] = value  # a whole table replaced by something else
            continue
        target = document.setdefault(table, {})
        if not isinstance(target, dict):
            continue
        if value is _DELETE:
            target.pop(key, None)
        else:
            target[key] = value
    return toml_document(document)


_DELETE = object()
CHANGES = st.lists(
    st.one_of(
        st.sampled_from(KNOWN_KEYS).flatmap(
            lambda where: st.tuples(
                st.just(where[0]), st.just(where[1]), st.just(_DELETE) | TOML_VALUES
            )
        ),
        st.tuples(st.sampled_from(TABLES) | TEXT, TEXT, TOML_VALUES),  # unknown keys and tables
        st.tuples(st.sampled_from(TABLES), st.just(""), TOML_SCALARS),
    ),
    min_size=1,
    max_size=4,
)
CONTEST_FILES = CHANGES.map(preset_with)
