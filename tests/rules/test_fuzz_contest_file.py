"""Fuzzing contest files: whatever an organiser writes, the answer is rules or a clear error."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rules.contest_file import ContestFileError, parse_contest_text
from rules.engine import evaluate
from rules.gazetteer import load_gazetteer
from tests.rules.factories import post
from tests.rules.toml_fuzz import CONTEST_FILES, PRESET_DATA, preset_with, toml_document

pytestmark = pytest.mark.slow


def test_the_writer_reproduces_the_preset() -> None:
    assert parse_contest_text(toml_document(PRESET_DATA)).slug == "downtown-snaps-2025"


@settings(max_examples=int(os.environ.get("DOWNTOWN_SNAP_FUZZ_EXAMPLES", "30")) * 10, deadline=None)
@given(text=CONTEST_FILES | st.text(max_size=300))
# What fuzzing found: a key with a line break, a NUL in a file name, someone else's home.
@example(text=preset_with([("contest", "\n\x1b[31m", [])]))
@example(text=preset_with([("towns", "gazetteer", "towns\x00.csv")]))
@example(text=preset_with([("towns", "gazetteer", "~no-such-person/towns.csv")]))
@example(text=preset_with([("contest", "opens_at", datetime(1, 1, 1))]))
@example(text=preset_with([("contest", "closes_at", date(9999, 12, 31))]))
def test_a_contest_file_is_rules_or_one_clear_error(text: str) -> None:
    try:
        rules = parse_contest_text(text, origin="fuzz.toml")
    except ContestFileError as error:
        message = str(error)
        assert message.startswith("fuzz.toml: ") and "\n" not in message.strip()
        return
    # Whatever was accepted, the engine can judge posts with it.
    verdicts = evaluate(rules, load_gazetteer(rules.gazetteer_path), [post("A"), post("B")])
    assert set(verdicts) == {"A", "B"}
