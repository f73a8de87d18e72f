"""Organiser commands around verdicts: the entries export, the review queue and contest files.

- `entries`: every entry with its status and reasons, as JSON or CSV (the export contract).
- `review list|accept|reject|clear`: the review queue and organiser decisions (audited).
- `rules check|reasons`: validate a contest file and explain the reason codes.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import typer
from rich.markup import escape
from rich.table import Table

from cli.rules_summary import print_rules_summary
from cli.runtime import CLI_ACTOR, CONTEST_OPTION_HELP, console, friendly_errors, open_runtime
from contest.errors import ConfigurationError, UserFacingError
from ingest.entry_export import entry_rows, rows_to_csv
from ingest.verdicts import contest_rules, find_entry, override_verdict
from rules.contest_file import ContestFileError, load_contest_file
from rules.facts import Status
from rules.reasons import CATALOGUE

review_app = typer.Typer(help="The review queue: entries the rules could not decide alone.")
rules_app = typer.Typer(help="Contest files and reason codes.")


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


class Language(StrEnum):
    de = "de"
    en = "en"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("entries")(entries)
    app.add_typer(review_app, name="review")
    app.add_typer(rules_app, name="rules")


@friendly_errors
def entries(
    format: ExportFormat = typer.Option(ExportFormat.json, "--format", help="json or csv."),
    status: Status | None = typer.Option(None, "--status", help="Only entries with this status."),
    contest: str | None = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of standard output."
    ),
    delimiter: str = typer.Option(
        ",", "--delimiter", help="CSV field separator: ',' (default) or ';' for German Excel."
    ),
) -> None:
    """Print every entry of the contest with its status, reasons and town (JSON or CSV).

    CSV is UTF-8 with a byte-order mark and a header row; reasons are joined by ';'.
    """
    if delimiter not in {",", ";"}:
        raise UserFacingError(f"Unsupported delimiter {delimiter!r}.", "Use ',' or ';'.")
    runtime = open_runtime()
    with runtime.session() as session:
        record = runtime.contest(session, contest)
        rows = entry_rows(session, record, status.value if status else None)
    if format is ExportFormat.csv:
        data = rows_to_csv(rows, delimiter=delimiter)
    else:
        data = (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise UserFacingError(
            f"Cannot write {output}: {error.strerror}.", "Choose a writable path."
        ) from error
    console.print(f"Wrote {len(rows)} entries to {output}.")


@review_app.command("list")
@friendly_errors
def review_list(
    status: Status = typer.Option(Status.review, "--status", help="Which entries to list."),
    contest: str | None = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP),
) -> None:
    """List the entries waiting for a person's decision (or those of another status)."""
    runtime = open_runtime()
    with runtime.session() as session:
        record = runtime.contest(session, contest)
        zone = contest_rules(record).zone
        rows = entry_rows(session, record, status.value)
    if not rows:
        console.print(f"No entries with status {status.value}.")
        return
    table = Table(title=f"{escape(record.name)}: {len(rows)} entries with status {status.value}")
    for column in ("Shortcode", "Account", "Posted (local)", "Town", "Reasons", "Duplicate of"):
        table.add_column(column)
    for row in rows:
        posted = _local_time(row["posted_at"], zone)
        duplicate = row["duplicate_of"] or ""
        if duplicate and row["duplicate_distance"] is not None:
            duplicate += f" (distance {row['duplicate_distance']})"
        reasons = ", ".join(row["reasons"])
        if row["decided_by"] == "organiser":
            reasons = f"organiser: {row['override_note']} (rules: {reasons or 'none'})"
        cells = (row["shortcode"], "@" + row["username"], posted, row["town"] or "-", reasons)
        table.add_row(*map(escape, cells), escape(duplicate))
    console.print(table)


def _decide(shortcode: str, status: Status, note: str, contest: str | None) -> None:
    runtime = open_runtime()
    with runtime.session() as session:
        record = runtime.contest(session, contest)
        entry = find_entry(session, record, shortcode)
        override_verdict(session, entry, status=status.value, note=note, actor=CLI_ACTOR)
        console.print(
            f"Entry {entry.shortcode} by @{escape(entry.participant.username)} is now "
            f"[bold]{status.value}[/] (organiser decision; the rules said {entry.rules_status})."
        )


@review_app.command("accept")
@friendly_errors
def review_accept(
    shortcode: str = typer.Argument(..., help="The entry's shortcode or Instagram link."),
    note: str = typer.Option(..., "--note", help="Why: shown in the audit log and the export."),
    contest: str | None = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP),
) -> None:
    """Accept an entry whatever the rules said; survives recomputation."""
    _decide(shortcode, Status.accepted, note, contest)


@review_app.command("reject")
@friendly_errors
def review_reject(
    shortcode: str = typer.Argument(..., help="The entry's shortcode or Instagram link."),
    note: str = typer.Option(..., "--note", help="Why: shown in the audit log and the export."),
    contest: str | None = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP),
) -> None:
    """Reject an entry whatever the rules said; survives recomputation."""
    _decide(shortcode, Status.rejected, note, contest)


@review_app.command("clear")
@friendly_errors
def review_clear(
    shortcode: str = typer.Argument(..., help="The entry's shortcode or Instagram link."),
    note: str = typer.Option("", "--note", help="Why the decision is withdrawn (optional)."),
    contest: str | None = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP),
) -> None:
    """Withdraw an organiser decision: the entry gets the rules' verdict again."""
    runtime = open_runtime()
    with runtime.session() as session:
        record = runtime.contest(session, contest)
        entry = find_entry(session, record, shortcode)
        override_verdict(session, entry, status=None, note=note, actor=CLI_ACTOR)
        console.print(
            f"Entry {entry.shortcode}: organiser decision withdrawn; status is "
            f"[bold]{entry.status}[/] from the rules."
        )


@rules_app.command("check")
@friendly_errors
def rules_check(
    path: Path = typer.Argument(..., help="The contest file (TOML) to validate."),
    towns: bool = typer.Option(False, "--towns", help="Also list every eligible town."),
) -> None:
    """Validate a contest file and summarise it (period in local time, eligible towns, ...)."""
    try:
        rules = load_contest_file(path)
    except ContestFileError as error:
        raise ConfigurationError(str(error), "Fix the contest file and check it again.") from error
    print_rules_summary(console, path, rules, list_towns=towns)


@rules_app.command("reasons")
def rules_reasons(
    lang: Language = typer.Option(Language.de, "--lang", help="de (German) or en (English)."),
) -> None:
    """List every reason code with its default severity and what it tells participants."""
    for reason in CATALOGUE.values():
        text = reason.de if lang is Language.de else reason.en
        console.print(f"[bold]{reason.code}[/]  ({reason.severity.value})", highlight=False)
        console.print(f"  {text.title}", style="italic", highlight=False)
        console.print(f"  {text.explanation}", highlight=False)
        console.print(f"  → {text.advice}\n", highlight=False)


def _local_time(iso: str, zone: ZoneInfo) -> str:
    return datetime.fromisoformat(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M")
