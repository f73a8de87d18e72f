"""Looking for what erasure must leave behind nowhere: text in any row, bytes in any file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Base


def rows_holding(session: Session, needles: list[str]) -> list[tuple[str, str, Any]]:
    """Every (table, column, value) in the whole schema whose text contains a needle."""
    lowered = [needle.lower() for needle in needles]
    found = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(select(table)):
            for column in table.columns:
                value = row._mapping[column]
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, default=str)
                text = text.lower()
                # JSON stores non-ASCII as \\u escapes; compare decoded text too.
                if not isinstance(value, str):
                    text += json.dumps(value, default=str, ensure_ascii=False).lower()
                if any(needle in text for needle in lowered):
                    found.append((table.name, column.name, value))
    return found


def file_hashes(data_dir: Path) -> dict[str, Path]:
    return {
        hashlib.sha256(path.read_bytes()).hexdigest(): path
        for path in data_dir.rglob("*")
        if path.is_file()
    }


def hashes_of(paths: list[Path]) -> set[str]:
    return {hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}
