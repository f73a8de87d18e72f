"""The ingestion job.

PLACEHOLDER from the foundation: the ingestion issue implements it. `ingest_directory` is the
contract the demo and the CLI call.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from contest.models import IngestRun
from contest.settings import Settings


def ingest_directory(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest_id: int,
    path: Path,
    *,
    derivatives: bool = True,
    show_progress: bool = True,
) -> IngestRun:
    """Import an instaloader hashtag folder; commits per post; returns the finished run record."""
    raise NotImplementedError("the ingestion issue implements ingest_directory")
