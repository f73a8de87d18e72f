"""Text from outside (file names, metadata, contest files) printed on the command line as it is:
square brackets are Rich markup, and a stray `[/]` used to end the command with a traceback."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from contest.settings import Settings
from tests.ingest.factories import post, write_folder
from tests.ingest.hostile import post_document, write_document
from tests.paths import PRESET

runner = CliRunner()
MARKUP = "[/][bold]x"


def test_an_error_naming_a_file_with_brackets_is_printed_as_it_is(tmp_path: Path) -> None:
    missing = tmp_path / f"{MARKUP}.toml"
    result = runner.invoke(app, ["rules", "check", str(missing)])
    assert result.exit_code == 2, result.exception
    assert f"{MARKUP}.toml: no such contest file" in " ".join(result.output.split())


def test_init_prints_a_contest_name_with_brackets(app_env: Settings, tmp_path: Path) -> None:
    contest = tmp_path / "contest.toml"
    text = PRESET.read_text(encoding="utf-8")
    contest.write_text(text.replace('name = "Downtown Snaps 2025"', f'name = "{MARKUP}"'), "utf-8")
    result = runner.invoke(app, ["init", "--contest", str(contest)])
    assert result.exit_code == 0, result.exception
    assert f"Created contest {MARKUP}" in result.output


def test_the_ingestion_report_prints_hostile_file_names_and_values(
    app_env: Settings, tmp_path: Path
) -> None:
    assert runner.invoke(app, ["init", "--contest", str(PRESET)]).exit_code == 0
    folder = write_folder(tmp_path / "#tag", [post(1)])
    node = post(2).node()
    node["owner"]["username"] = MARKUP
    write_document(folder / f"{MARKUP}.json", post_document(node))
    result = runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress"])
    assert result.exit_code == 0, result.exception
    output = "".join(result.output.split())
    assert f"implausibleusername'{MARKUP}'" in output  # (the file name is folded in the table)
    decided = runner.invoke(app, ["review", "accept", "Cx000000001", "--note", MARKUP])
    assert decided.exit_code == 0, decided.exception
    listing = runner.invoke(app, ["review", "list", "--status", "accepted"])
    assert listing.exit_code == 0, listing.exception
    assert "[/]" in listing.output  # the note as typed (the narrow table folds the rest)
