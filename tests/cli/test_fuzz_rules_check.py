"""`downtown-snap rules check` on whatever file it is given: a summary or one clear error."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.main import app
from tests.rules.toml_fuzz import CONTEST_FILES, preset_with

pytestmark = pytest.mark.slow
runner = CliRunner()

FILES = (
    CONTEST_FILES.map(lambda text: text.encode("utf-8"))
    | st.binary(max_size=400)
    | st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe[contest]", b"[contest]\nslug = 1\n"])
)


@settings(
    max_examples=int(os.environ.get("DOWNTOWN_SNAP_FUZZ_EXAMPLES", "30")) * 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=FILES)
@example(content=preset_with([("contest", "name", "[bold]Markup[/] [link=x]")]).encode())
@example(content=preset_with([("contest", "opens_at", "0001-01-01T00:00:00")]).encode())
def test_rules_check_answers_every_file_without_a_traceback(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "contest.toml"
        path.write_bytes(content)
        result = runner.invoke(app, ["rules", "check", str(path)])
    assert result.exit_code in (0, 2), (result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert result.output.startswith("Error: ") and "contest.toml" in result.output
    else:
        assert "Contest file OK" in result.output


NAMES = st.sampled_from(
    ["[/]", "[bold]x", "a\x00b", "Nul\u0000", "\x1b[2J", "Ümlaut „Name“"]
) | st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)


@settings(
    max_examples=int(os.environ.get("DOWNTOWN_SNAP_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=CONTEST_FILES, name=NAMES)
@example(content=preset_with([]), name="[/]")
@example(content=preset_with([]), name="Nul\x00")
def test_init_loads_a_contest_file_or_says_why_not(
    app_env: object, content: str, name: str
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "contest.toml"
        text = content.replace('"name" = "Downtown Snaps 2025"', f'"name" = {json.dumps(name)}', 1)
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["init", "--contest", str(path)])
    assert result.exit_code in (0, 2), (result.output, result.exception)
    if result.exit_code == 2:
        assert result.output.startswith("Error: ")
