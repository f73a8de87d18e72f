"""The life of an ingestion run: one at a time per contest, recorded from start to finish.

A lock file (`flock`) under the data directory keeps two runs of one contest apart; the kernel
releases it when the process dies, even by `kill -9`. So whoever holds the lock knows that any
run still marked `running` belongs to a dead process and marks it `interrupted`.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from contest.db import transaction
from contest.errors import UserFacingError
from contest.models import IngestRun, utcnow
from ingest.errors import EXIT_BUSY
from ingest.records import RunCounts

MAX_ERROR_DETAILS = 500  # kept on the run; the count stays exact beyond that


class IngestBusy(UserFacingError):
    exit_code = EXIT_BUSY


@contextmanager
def ingest_lock(data_dir: Path, contest_id: int) -> Iterator[None]:
    """Hold the contest's ingestion lock, or fail at once if another run holds it."""
    folder = data_dir / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ingest-contest-{contest_id}.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IngestBusy(
                f"Another ingestion run for this contest is still running ({holder}).",
                "Wait for it to finish, or schedule runs further apart.",
            ) from error
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def mark_interrupted_runs(session: Session, contest_id: int) -> int:
    """Runs left `running` by a process that died; call only while holding the lock."""
    result = session.execute(
        update(IngestRun)
        .where(IngestRun.contest_id == contest_id, IngestRun.status == "running")
        .values(
            status="interrupted",
            finished_at=utcnow(),
            message="The process stopped before finishing (killed or crashed); "
            "the next run picked up where it left off.",
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def start_run(
    sessions: sessionmaker[Session], contest_id: int, source: str, detail: str
) -> IngestRun:
    with transaction(sessions) as session:
        interrupted = mark_interrupted_runs(session, contest_id)
        run = IngestRun(
            contest_id=contest_id,
            source=source,
            source_detail=detail[:500],
            status="running",
            message=f"{interrupted} earlier run(s) marked interrupted." if interrupted else None,
        )
        session.add(run)
    return run


def copy_counts(run: IngestRun, counts: RunCounts) -> None:
    run.new = counts.new
    run.updated = counts.updated
    run.unchanged = counts.unchanged
    run.duplicates = counts.duplicates
    run.errors = len(counts.errors)
    run.error_details = [
        {"where": problem.where, "message": problem.message, "shortcode": problem.shortcode}
        for problem in counts.errors[:MAX_ERROR_DETAILS]
    ]


def save_progress(session: Session, run_id: int, counts: RunCounts) -> None:
    """Copy the counters onto the run row inside the caller's (per-post) transaction."""
    run = session.get(IngestRun, run_id)
    if run is not None:
        copy_counts(run, counts)


def finish_run(
    sessions: sessionmaker[Session],
    run_id: int,
    counts: RunCounts,
    *,
    status: str,
    message: str | None,
) -> IngestRun:
    with transaction(sessions) as session:
        run = session.get(IngestRun, run_id)
        assert run is not None
        copy_counts(run, counts)
        run.status = status
        run.finished_at = utcnow()
        run.message = "\n".join(part for part in (run.message, message) if part) or None
    return run


def recent_runs(session: Session, contest_id: int, limit: int = 20) -> list[IngestRun]:
    return list(
        session.scalars(
            select(IngestRun)
            .where(IngestRun.contest_id == contest_id)
            .order_by(IngestRun.started_at.desc(), IngestRun.id.desc())
            .limit(limit)
        )
    )
