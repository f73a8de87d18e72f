"""Data-protection requests, retention and backups: `participant export|forget`, `purge`,
`backup` and `restore`. Registered on the root app by `cli.main`."""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy import select

from cli.runtime import CLI_ACTOR, CONTEST_OPTION_HELP, console, friendly_errors, open_runtime
from contest.backup import create_backup, restore_backup, verify_archive
from contest.errors import UserFacingError
from contest.models import Contest
from contest.services import resolve_contest
from privacy import (
    RESTORE_AFTERCARE,
    export_participant,
    forget_participant,
    housekeeping,
    purge_contest,
)

participant_app = typer.Typer(
    help="Data-protection requests of a participant (an Instagram account).",
    no_args_is_help=True,
)

BY_HELP = "Who handles the request (kept in the audit trail and the tombstone)."


def _rows_table(title: str, counts: Counter[str]) -> Table:
    table = Table(title=title, show_edge=False)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in sorted(counts.items()):
        table.add_row(name, str(count))
    return table


def _write_private(path: Path, data: bytes) -> None:
    """Create `path` readable by its owner only; never overwrite (it may be someone's export)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise UserFacingError(f"{path} exists already.", "Choose a new file name.") from error
    except OSError as error:
        raise UserFacingError(f"Cannot write {path}: {error.strerror}.") from error
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


@participant_app.command("export")
@friendly_errors
def export_command(
    username: str = typer.Argument(..., help="Instagram username, without @."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the JSON here."),
    by: str = typer.Option(CLI_ACTOR, "--by", help=BY_HELP),
) -> None:
    """Right of access: everything stored about an account, as JSON (stdout or --output)."""
    runtime = open_runtime()
    with runtime.session() as session:
        document = export_participant(session, runtime.settings, username, actor=by)
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if output is None:
            typer.echo(text, nl=False)
            return
        _write_private(output, text.encode("utf-8"))
    entries = sum(len(c["participant"].get("entries", [])) for c in document["contests"])
    console.print(
        f"Wrote the data of [bold]{document['account']['username']}[/] "
        f"({entries} entries in {len(document['contests'])} contest(s)) to {output}."
    )


@participant_app.command("forget")
@friendly_errors
def forget_command(
    username: str = typer.Argument(..., help="Instagram username, without @."),
    yes: bool = typer.Option(
        False, "--yes", help="Really erase; without it, only show what would go."
    ),
    note: str | None = typer.Option(
        None, "--note", help="Reference of the request (a case number, not the name)."
    ),
    by: str = typer.Option(CLI_ACTOR, "--by", help=BY_HELP),
) -> None:
    """Right to erasure: delete the account's entries, images and data in every contest."""
    runtime = open_runtime()
    with runtime.session() as session:
        report = forget_participant(session, runtime.settings, username, actor=by, note=note)
        verb = "Erased" if yes else "Would erase"
        console.print(
            f"{verb} {report.entries} entries in {', '.join(report.contests)}; "
            f"{len(report.files_removed)} image files, "
            f"{report.files_kept_shared} image(s) kept because another entry uses them."
        )
        console.print(_rows_table("Rows deleted", report.rows_deleted))
        if report.rows_scrubbed:
            console.print(_rows_table("Rows where the name was blanked", report.rows_scrubbed))
        for warning in report.warnings:
            console.print(f"[yellow]Warning:[/] {warning}")
        if not yes:
            raise UserFacingError(
                "Nothing was erased.", "Run the command again with --yes to erase for real."
            )
    console.print(
        f"A tombstone (keyed hash {report.username_hash[:12]}…) keeps the account from "
        "being ingested again."
    )


@friendly_errors
def purge_command(
    dry_run: bool = typer.Option(False, "--dry-run", help="Only report what would be removed."),
    contest: str | None = typer.Option(
        None, "--contest", help=CONTEST_OPTION_HELP + " Default: all."
    ),
    without_results: bool = typer.Option(
        False, "--without-results", help="Purge a contest that has no results: every entry goes."
    ),
) -> None:
    """Retention: delete non-winning entries once the contest file's retention period is over."""
    runtime = open_runtime()
    now = datetime.now(UTC)
    verb = "Would remove" if dry_run else "Removed"
    with runtime.session() as session:
        slug = contest or runtime.settings.contest
        contests = (
            [resolve_contest(session, slug)]
            if slug
            else list(session.scalars(select(Contest).order_by(Contest.id)))
        )
        for record in contests:
            report = purge_contest(
                session,
                runtime.settings,
                record,
                actor=CLI_ACTOR,
                now=now,
                dry_run=dry_run,
                without_results=without_results,
            )
            if not report.due:
                console.print(
                    f"{report.contest}: retention runs until {report.due_at:%Y-%m-%d}; "
                    "nothing to purge yet."
                )
                continue
            console.print(
                f"{report.contest}: {verb.lower()} {report.entries} entries, "
                f"{report.participants} participants and {len(report.files)} image files; "
                f"kept the {report.winners_kept} winning entries."
            )
        chores = housekeeping(session, runtime.settings, now=now, dry_run=dry_run)
        console.print(
            f"{verb} {len(chores.orphan_files)} orphaned image files "
            f"and {chores.login_attempts} log-in attempts older than 30 days."
        )


@friendly_errors
def backup_command(
    path: Path = typer.Argument(..., help="Archive file to write, or a folder for a dated one."),
) -> None:
    """Back up the database and the data directory into one archive file."""
    runtime = open_runtime()
    runtime.engine.dispose()
    summary = create_backup(runtime.settings, path)
    manifest = summary.manifest
    size_mb = summary.path.stat().st_size / 1e6
    console.print(
        f"Wrote {summary.path} ({size_mb:.1f} MB): {manifest.backend} database at schema "
        f"{manifest.schema_revision}, {manifest.table_counts.get('entries', 0)} entries, "
        f"{len(manifest.media)} files."
    )


@friendly_errors
def restore_command(
    path: Path = typer.Argument(..., help="An archive made by `downtown-snap backup`."),
    yes: bool = typer.Option(False, "--yes", help="Really replace the database and media."),
) -> None:
    """Replace the database and the media with a backup (stop the web app and timers first)."""
    runtime = open_runtime(require_schema=False)
    runtime.engine.dispose()
    if not yes:
        manifest = verify_archive(path)
        console.print(
            f"{path} is intact: made {manifest.created_at} by version {manifest.app_version}, "
            f"{manifest.backend} database at schema {manifest.schema_revision}, "
            f"{manifest.table_counts.get('entries', 0)} entries, {len(manifest.media)} files."
        )
        raise UserFacingError(
            "Nothing was restored.",
            "Run again with --yes to replace the current database and media with this backup.",
        )
    summary = restore_backup(runtime.settings, path, actor=CLI_ACTOR, aftercare=RESTORE_AFTERCARE)
    console.print(
        f"Restored the backup of {summary.manifest.created_at}: "
        f"{summary.files_written} files written, {summary.files_unchanged} unchanged, "
        f"{summary.files_removed} removed."
    )
    if summary.upgraded_from:
        console.print(f"Upgraded the schema from {summary.upgraded_from}.")
    if summary.tombstones_carried_over or summary.entries_erased_again:
        console.print(
            f"Kept {summary.tombstones_carried_over} later erasure(s): "
            f"{summary.entries_erased_again} entries erased again."
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(participant_app, name="participant")
    app.command("purge")(purge_command)
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
