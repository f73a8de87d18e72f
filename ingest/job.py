"""The ingestion job: any source's posts in, one committed post at a time, verdicts at the end.

Every source (folder, live hashtag, single post) hands `run_ingest` an iterator of prepared
posts. Each post is stored and committed on its own, so a crash or `kill -9` loses at most the
post in flight and a re-run picks up the rest (storage is idempotent). One bad post is recorded
in the run's error list and never stops the run. When the posts are in, near-duplicates are
recomputed and the rules engine refreshes every verdict; then the display images are made.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from contest.db import transaction
from contest.errors import UserFacingError
from contest.models import Contest, Entry, IngestRun
from contest.settings import Settings
from ingest import verdicts
from ingest.contest_rules import rules_of
from ingest.derivatives import default_workers, run_derivative_pass
from ingest.directory_source import NotAPost, PostFiles, prepare_post, scan_folder
from ingest.persist import Outcome, SaveContext, save_post
from ingest.progress import progress_bar
from ingest.records import PreparedPost, RunCounts, SourceProblem
from ingest.runs import finish_run, ingest_lock, save_progress, start_run
from ingest.similarity import contest_similarities

SourceItem = PreparedPost | SourceProblem | NotAPost
PROGRESS_EVERY = 25  # copy the counters onto the run row every so many posts
PARALLEL_FROM = 32  # fewer posts than this are not worth starting worker processes


def load_contest(session: Session, contest_id: int) -> Contest:
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise UserFacingError(f"No contest with id {contest_id}.", "Run downtown-snap init first.")
    return contest


def refresh_verdicts(session: Session, contest: Contest) -> dict[str, int]:
    """Recompute near-duplicates from the stored hashes, then every verdict."""
    return _refresh(session, contest, [])[1]


def _refresh(
    session: Session, contest: Contest, new_shortcodes: list[str]
) -> tuple[int, dict[str, int]]:
    """(new entries that copy an earlier post, verdict counts) after a run."""
    rules = rules_of(contest)
    similar = contest_similarities(
        session, contest.id, rules.duplicate_reject_distance, rules.duplicate_review_distance
    )
    posted = dict(
        session.execute(
            select(Entry.shortcode, Entry.posted_at).where(Entry.contest_id == contest.id)
        ).all()
    )
    duplicates = sum(
        1
        for shortcode in new_shortcodes
        if any(
            not match.borderline
            and match.shortcode in posted
            and posted[match.shortcode] < posted[shortcode]
            for match in similar.get(shortcode, ())
        )
    )
    return duplicates, verdicts.recompute_verdicts(session, contest, similar)


def _store_one(
    sessions: sessionmaker[Session],
    ctx: SaveContext,
    run_id: int,
    item: PreparedPost,
    counts: RunCounts,
) -> None:
    """One post, one transaction; an error is recorded against the post and the run goes on."""
    try:
        with transaction(sessions) as session:
            outcome = save_post(session, ctx, item)
            if outcome is Outcome.new:
                counts.new += 1
                counts.new_shortcodes.append(item.record.shortcode)
            elif outcome is Outcome.updated:
                counts.updated += 1
            elif outcome is Outcome.unchanged:
                counts.unchanged += 1
            else:
                counts.forgotten += 1
            if counts.seen % PROGRESS_EVERY == 0:
                save_progress(session, run_id, counts)
    except OperationalError:
        raise  # the database itself is gone: no later post would fare better
    except Exception as error:  # one bad post must not stop the run; it is reported instead
        ctx.forget_cache()
        counts.errors.append(
            SourceProblem(
                item.origin,
                f"could not be stored ({type(error).__name__}: {error})",
                item.record.shortcode,
            )
        )


def _summary(counts: RunCounts, verdict_counts: dict[str, int]) -> str:
    lines = []
    if counts.forgotten:
        lines.append(f"Skipped {counts.forgotten} post(s) of accounts or posts erased on request.")
    if counts.not_posts:
        lines.append(f"Passed over {counts.not_posts} metadata file(s) that are not posts.")
    if verdict_counts:
        parts = ", ".join(f"{n} {status}" for status, n in sorted(verdict_counts.items()))
        lines.append(f"Verdicts: {parts}.")
    return "\n".join(lines)


def run_ingest(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest_id: int,
    items: Iterable[SourceItem],
    *,
    source: str,
    detail: str,
    total: int | None,
    derivatives: bool = True,
    show_progress: bool = True,
    notes: list[str] | None = None,
) -> IngestRun:
    """Store every item, record the run, refresh verdicts; returns the finished run.

    `notes` may be filled by the source while it runs; they end up in the run's message.

    A source that cannot go on raises a `UserFacingError` from its iterator: the run is then
    recorded as `failed` with that message, what was stored keeps its verdicts, and the error
    propagates so the command exits with its code.
    """
    with transaction(sessions) as session:
        contest = load_contest(session, contest_id)
        rules = rules_of(contest)
    ctx = SaveContext(
        contest_id=contest_id,
        source=source,
        forget_key=settings.secret_key.get_secret_value(),
        likes_freeze_at=rules.likes_freeze_at,
    )
    run = start_run(sessions, contest_id, source, detail)
    counts = RunCounts()
    failure: BaseException | None = None
    seen_shortcodes: set[str] = set()
    try:
        with progress_bar(f"Ingest {source}", total, enabled=show_progress) as advance:
            for item in items:
                counts.seen += 1
                if isinstance(item, NotAPost):
                    counts.not_posts += 1
                elif isinstance(item, SourceProblem):
                    counts.errors.append(item)
                elif item.record.shortcode not in seen_shortcodes:  # a resumed feed repeats
                    seen_shortcodes.add(item.record.shortcode)
                    _store_one(sessions, ctx, run.id, item, counts)
                advance(1)
    except (UserFacingError, KeyboardInterrupt) as error:
        failure = error
    with transaction(sessions) as session:
        contest = load_contest(session, contest_id)
        counts.duplicates, verdict_counts = _refresh(session, contest, counts.new_shortcodes)
    summary = "\n".join([*(notes or []), _summary(counts, verdict_counts)]).strip()
    if failure is None:
        status, message = "completed", summary
    elif isinstance(failure, KeyboardInterrupt):
        status, message = "interrupted", "Stopped by the operator (Ctrl+C)."
    else:
        status, message = "failed", f"{failure}\n{summary}".strip()
    run = finish_run(sessions, run.id, counts, status=status, message=message)
    if failure is not None:
        raise failure
    if derivatives:
        run_derivative_pass(
            sessions, settings.data_dir, contest_id=contest_id, show_progress=show_progress
        )
    return run


@contextmanager
def prepared_from_folder(
    files: list[PostFiles], data_dir: Path, workers: int
) -> Iterator[Iterator[SourceItem]]:
    """Read and hash the folder's posts, in worker processes when it pays off.

    Workers are forked before any progress thread starts; they only read files, hash and write
    originals, while the database stays in this process.
    """
    work = partial(prepare_post, data_dir=data_dir)
    if workers <= 1 or len(files) < PARALLEL_FROM:
        yield (work(item) for item in files)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield pool.imap(work, files, chunksize=4)


def ingest_directory(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest_id: int,
    path: Path,
    *,
    derivatives: bool = True,
    show_progress: bool = True,
    workers: int | None = None,
) -> IngestRun:
    """Import an instaloader hashtag folder; commits per post; returns the finished run record."""
    folder = Path(path)
    if not folder.is_dir():
        raise UserFacingError(
            f"No such folder: {folder}.",
            'Give the folder instaloader wrote, e.g. "#thüringendowntown".',
        )
    with ingest_lock(settings.data_dir, contest_id):
        files = scan_folder(folder)
        workers = default_workers() if workers is None else workers
        with prepared_from_folder(files, settings.data_dir, workers) as items:
            return run_ingest(
                sessions,
                settings,
                contest_id,
                items,
                source="directory",
                detail=str(folder.resolve()),
                total=len(files),
                derivatives=derivatives,
                show_progress=show_progress,
            )
