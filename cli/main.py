"""The `downtown-snap` command: set-up, the demo, the web server and every domain's commands."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from cli import (
    demo_command,
    ingest_commands,
    judging_commands,
    privacy_commands,
    review_commands,
    user_commands,
)
from cli.runtime import CLI_ACTOR, Runtime, console, friendly_errors, open_runtime
from contest.errors import ConfigurationError
from contest.models import Contest
from contest.schema import upgrade_to_head
from contest.services import upsert_contest
from ingest.job import refresh_verdicts
from rules.contest_file import ContestFileError, load_contest_file

app = typer.Typer(
    name="downtown-snap",
    help="Downtown-Snap: hashtag photo competitions on Instagram, from ingestion to winners.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def ensure_writable_dir(folder: Path) -> None:
    """Fail early, before anything is written, when the data directory cannot be used."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ConfigurationError(
            f"The data directory {folder} is not writable ({error.strerror}).",
            "Set DOWNTOWN_SNAP_DATA_DIR to a folder this user can write.",
        ) from error


def load_contest(
    contest: Path, *, actor: str = CLI_ACTOR
) -> tuple[Runtime, Contest, bool, dict[str, int] | None]:
    """`init` without the printing (the demo reuses it): check the contest file, migrate the
    database, create or update the contest (recomputing verdicts when it existed). Returns the
    runtime, the contest, whether it is new, and the verdict counts after a reload.
    """
    try:
        rules = load_contest_file(contest)
    except ContestFileError as error:
        raise ConfigurationError(str(error), "Fix the contest file and run init again.") from error
    runtime = open_runtime(require_schema=False)
    ensure_writable_dir(runtime.settings.data_dir)
    upgrade_to_head(runtime.engine)
    with runtime.session() as session:
        record, created = upsert_contest(
            session,
            slug=rules.slug,
            name=rules.name,
            rules_toml=rules.source_text,
            source=str(contest),
            actor=actor,
        )
        counts = None if created else refresh_verdicts(session, record)
    return runtime, record, created, counts


@app.command()
@friendly_errors
def init(
    contest: Path = typer.Option(..., "--contest", help="The contest file (TOML) to load."),
) -> None:
    """Create or upgrade the database and load (or reload) a contest file."""
    _runtime, record, created, counts = load_contest(contest)
    verb = "Created" if created else "Updated"
    console.print(
        f"{verb} contest [bold]{escape(record.name)}[/] ({record.slug}); database is ready."
    )
    if counts is not None:
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        console.print(f"Verdicts recomputed under the loaded rules: {summary or 'no entries'}.")


@app.command()
@friendly_errors
def migrate() -> None:
    """Upgrade the database schema to this version (init does this too)."""
    runtime = open_runtime(require_schema=False)
    upgrade_to_head(runtime.engine)
    console.print("Database schema is up to date.")


@app.command()
@friendly_errors
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Web worker processes (production: 2-4 per core)."),
    proxy_headers: bool = typer.Option(True, help="Trust X-Forwarded-* from the proxy."),
) -> None:
    """Run the web app with uvicorn."""
    import uvicorn

    open_runtime()  # refuse an unmigrated database before binding the port
    console.print(f"Serving on http://{host}:{port}/  (Ctrl+C stops)")
    uvicorn.run(
        "web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        log_level="info",
    )


for module in (
    demo_command,
    ingest_commands,
    review_commands,
    judging_commands,
    user_commands,
    privacy_commands,
):
    module.register(app)


def main() -> None:
    app()
