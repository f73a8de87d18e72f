"""`web.deps.begin_for_writing`: form posts start their transaction ready to write."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.orm import Session

from contest.db import SQLITE_BEGIN, make_engine
from web.deps import begin_for_writing


@pytest.mark.parametrize(("method", "immediate"), [("POST", True), ("GET", False)])
def test_posts_begin_immediate(tmp_path: Path, method: str, immediate: bool) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deps.sqlite3'}")
    try:
        with Session(engine) as session:
            begin_for_writing(SimpleNamespace(method=method), session)  # type: ignore[arg-type]
            assert session.in_transaction() is immediate
            options = session.connection().get_execution_options()
            assert (options.get(SQLITE_BEGIN) == "IMMEDIATE") is immediate
    finally:
        engine.dispose()
