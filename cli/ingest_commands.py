"""`downtown-snap ingest ...`: collect posts, make display images, and show what runs did.

Exit codes (also in the README): 0 the run completed (per-post problems are listed), 2 wrong
input or settings, 3 another run of the contest is busy, 4 Instagram login needed, 5 Instagram
rate limit (resume later), 6 hashtag or post not found, 7 Instagram unreachable.
"""

from __future__ import annotations

from pathlib import Path

import typer
from instaloader import Instaloader
from rich.markup import escape
from rich.table import Table

from cli.runtime import (
    CLI_ACTOR,
    CONTEST_OPTION_HELP,
    Runtime,
    console,
    friendly_errors,
    open_runtime,
)
from contest.models import IngestRun
from ingest.derivatives import run_derivative_pass
from ingest.instagram import DEFAULT_MAX_WAIT, make_loader
from ingest.job import ingest_directory
from ingest.live_jobs import ingest_hashtag, ingest_post, refresh_likes
from ingest.runs import recent_runs

ingest_app = typer.Typer(
    help="Collect posts (instaloader folder, live hashtag, single post), likes and images.",
    no_args_is_help=True,
)

ContestOption = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP)
ProgressOption = typer.Option(True, "--progress/--no-progress", help="Show a progress bar.")
LoginOption = typer.Option(
    None, "--login", help="Instagram account of the session (instaloader --login USER made it)."
)
SessionFileOption = typer.Option(
    None,
    "--session-file",
    help="instaloader session file; default: instaloader's own for --login.",
    dir_okay=False,
)
MaxWaitOption = typer.Option(
    DEFAULT_MAX_WAIT,
    "--max-wait",
    help="Longest pause (seconds) to sit out for Instagram's rate limit before stopping.",
)
# Only for tests against a faked Instagram: instaloader's random pauses between requests.
PausesOption = typer.Option(True, "--request-pauses/--no-request-pauses", hidden=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(ingest_app, name="ingest")


def _contest_id(runtime: Runtime, slug: str | None) -> int:
    with runtime.session() as session:
        return runtime.contest(session, slug).id


def _live_setup(
    contest: str | None,
    login: str | None,
    session_file: Path | None,
    *,
    max_wait: float,
    request_pauses: bool,
) -> tuple[Runtime, int, Instaloader]:
    """What every live command needs, database first: a broken database is reported before
    anything asks Instagram or reads the session file."""
    runtime = open_runtime()
    contest_id = _contest_id(runtime, contest)
    loader = make_loader(
        username=login, session_file=session_file, max_wait=max_wait, request_pauses=request_pauses
    )
    return runtime, contest_id, loader


def _count_table(run: IngestRun) -> Table:
    table = Table(title=f"Ingestion run #{run.id} ({run.source}): {run.status}")
    for column in ("new", "updated", "unchanged", "duplicates", "errors"):
        table.add_column(column, justify="right")
    table.add_row(
        str(run.new), str(run.updated), str(run.unchanged), str(run.duplicates), str(run.errors)
    )
    return table


def print_run(run: IngestRun, *, error_limit: int = 20) -> None:
    """The summary organisers read after every run: counts, notes, and each problem's place."""
    console.print(_count_table(run))
    if run.message:
        console.print(escape(run.message), highlight=False)
    if run.error_details:
        problems = Table(title="Problems (the run went on)", show_lines=False)
        problems.add_column("where", overflow="fold")
        problems.add_column("what", overflow="fold")
        for detail in run.error_details[:error_limit]:
            # File names and messages quote the folder's files: brackets in them are text.
            problems.add_row(
                escape(str(detail.get("where", ""))), escape(str(detail.get("message", "")))
            )
        console.print(problems)
        if run.errors > error_limit:
            console.print(f"... and {run.errors - error_limit} more (downtown-snap ingest runs).")


@ingest_app.command("dir")
@friendly_errors
def import_directory(
    path: Path = typer.Argument(
        ..., help='The folder instaloader wrote, e.g. "#thüringendowntown".'
    ),
    contest: str | None = ContestOption,
    derivatives: bool = typer.Option(
        True, "--derivatives/--no-derivatives", help="Make the display images afterwards."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=0, help="Processes reading and hashing images (default: cores)."
    ),
    progress: bool = ProgressOption,
) -> None:
    """Import a folder that instaloader downloaded (metadata, photos); safe to repeat."""
    runtime = open_runtime()
    run = ingest_directory(
        runtime.sessions,
        runtime.settings,
        _contest_id(runtime, contest),
        path,
        derivatives=derivatives,
        show_progress=progress,
        workers=workers,
    )
    print_run(run)


@ingest_app.command("hashtag")
@friendly_errors
def import_hashtag(
    tags: list[str] = typer.Argument(None, help="Hashtags to read; default: the contest's."),
    login: str | None = LoginOption,
    session_file: Path | None = SessionFileOption,
    max_posts: int | None = typer.Option(
        None, "--max", min=1, help="Stop after N posts (the next run continues)."
    ),
    max_wait: float = MaxWaitOption,
    contest: str | None = ContestOption,
    derivatives: bool = typer.Option(True, "--derivatives/--no-derivatives"),
    progress: bool = ProgressOption,
    request_pauses: bool = PausesOption,
) -> None:
    """Read the hashtag feed live from Instagram (needs a session); resumes where it stopped."""
    runtime, contest_id, loader = _live_setup(
        contest, login, session_file, max_wait=max_wait, request_pauses=request_pauses
    )
    run = ingest_hashtag(
        runtime.sessions,
        runtime.settings,
        contest_id,
        loader=loader,
        tags=tags or (),
        max_posts=max_posts,
        derivatives=derivatives,
        show_progress=progress,
    )
    print_run(run)


@ingest_app.command("post")
@friendly_errors
def import_post(
    shortcode_or_url: str = typer.Argument(..., help="The post's link or shortcode."),
    login: str | None = LoginOption,
    session_file: Path | None = SessionFileOption,
    max_wait: float = MaxWaitOption,
    contest: str | None = ContestOption,
    request_pauses: bool = PausesOption,
) -> None:
    """Add one post the hashtag feed missed, read live from Instagram (needs a session)."""
    runtime, contest_id, loader = _live_setup(
        contest, login, session_file, max_wait=max_wait, request_pauses=request_pauses
    )
    run = ingest_post(
        runtime.sessions,
        runtime.settings,
        contest_id,
        loader=loader,
        shortcode_or_url=shortcode_or_url,
        actor=CLI_ACTOR,
    )
    print_run(run)


@ingest_app.command("refresh-likes")
@friendly_errors
def refresh_like_counts(
    login: str | None = LoginOption,
    session_file: Path | None = SessionFileOption,
    include_rejected: bool = typer.Option(False, help="Also re-read rejected entries."),
    limit: int | None = typer.Option(None, min=1, help="Re-read at most N entries (oldest first)."),
    max_wait: float = MaxWaitOption,
    contest: str | None = ContestOption,
    progress: bool = ProgressOption,
    request_pauses: bool = PausesOption,
) -> None:
    """Re-read every entry's like count until the freeze; each reading is kept."""
    runtime, contest_id, loader = _live_setup(
        contest, login, session_file, max_wait=max_wait, request_pauses=request_pauses
    )
    run = refresh_likes(
        runtime.sessions,
        runtime.settings,
        contest_id,
        loader=loader,
        include_rejected=include_rejected,
        limit=limit,
        show_progress=progress,
    )
    print_run(run)


@ingest_app.command("derivatives")
@friendly_errors
def make_display_images(
    contest: str | None = ContestOption,
    workers: int | None = typer.Option(
        None, "--workers", min=0, help="Processes (default: cores)."
    ),
    progress: bool = ProgressOption,
) -> None:
    """Make the missing WebP display images (400 and 1200 px, EXIF/GPS stripped)."""
    runtime = open_runtime()
    report = run_derivative_pass(
        runtime.sessions,
        runtime.settings.data_dir,
        contest_id=_contest_id(runtime, contest),
        show_progress=progress,
        workers=workers,
    )
    console.print(f"Display images made for {report.made} photo(s).")
    for sha, reason in list(report.failed.items())[:20]:
        console.print(f"[yellow]Could not make display images for {sha[:12]}…: {reason}[/]")


@ingest_app.command("runs")
@friendly_errors
def list_runs(
    contest: str | None = ContestOption,
    limit: int = typer.Option(20, min=1, help="How many recent runs."),
    details: int | None = typer.Option(None, "--show", help="Show one run's full summary (id)."),
) -> None:
    """Recent ingestion runs: when, what, counts and status."""
    runtime = open_runtime()
    with runtime.session() as session:
        contest_id = runtime.contest(session, contest).id
        runs = recent_runs(session, contest_id, limit=limit if details is None else 10_000)
        if details is not None:
            chosen = next((run for run in runs if run.id == details), None)
            if chosen is None:
                console.print(f"No run #{details} in this contest.")
                raise typer.Exit(2)
            print_run(chosen, error_limit=10_000)
            return
        table = Table(title="Ingestion runs")
        for column in ("#", "started (UTC)", "source", "status", "new", "upd", "dup", "errors"):
            table.add_column(column)
        for run in runs:
            table.add_row(
                str(run.id),
                f"{run.started_at:%Y-%m-%d %H:%M}",
                run.source,
                run.status,
                str(run.new),
                str(run.updated),
                str(run.duplicates),
                str(run.errors),
            )
        console.print(table)
