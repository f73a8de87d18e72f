"""Display images: WebP at 400 and 1200 px wide, upright, with EXIF/GPS and all metadata gone.

Made once per original (content-addressed, so a photo shared by two entries is made once), off
ingestion's critical path: `downtown-snap ingest derivatives` and the end of every ingest command
run this pass. The gallery shows a placeholder until `Photo.derivatives_ready`.
"""

from __future__ import annotations

import io
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PIL import Image, ImageOps
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from contest.db import transaction
from contest.models import Entry, Photo
from ingest.imaging import UnreadableImage, open_checked
from ingest.media_paths import DERIVATIVE_WIDTHS, derivative_path, original_path
from ingest.progress import progress_bar
from ingest.storage import atomic_write, remove_stale_temp_files

WEBP_QUALITY = 80
WEBP_METHOD = 0  # fastest encoder effort: display images, made for thousands of photos
COMMIT_EVERY = 25


@dataclass
class DerivativeReport:
    made: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # sha256 -> reason


def derivatives_exist(data_dir: Path, sha256: str) -> bool:
    return all(derivative_path(data_dir, sha256, width).is_file() for width in DERIVATIVE_WIDTHS)


def make_derivatives(data_dir: Path, sha256: str) -> str | None:
    """Write both WebP sizes for one original; returns a failure reason or None."""
    if derivatives_exist(data_dir, sha256):
        return None
    try:
        data = original_path(data_dir, sha256).read_bytes()
        image = open_checked(data)
        largest = max(DERIVATIVE_WIDTHS)
        if image.format == "JPEG":
            image.draft("RGB", (largest, largest * image.height // max(image.width, 1)))
        icc_profile = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image).convert("RGB")  # pixels only: no EXIF, no GPS
        for width in sorted(DERIVATIVE_WIDTHS, reverse=True):
            if image.width > width:
                height = max(1, round(image.height * width / image.width))
                image = image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)
            buffer = io.BytesIO()
            options: dict[str, object] = {"quality": WEBP_QUALITY, "method": WEBP_METHOD}
            if icc_profile:
                options["icc_profile"] = icc_profile  # colour, not personal data
            image.save(buffer, "WEBP", **options)
            atomic_write(derivative_path(data_dir, sha256, width), buffer.getvalue())
    except FileNotFoundError:
        return "original file missing"
    except UnreadableImage as error:
        return str(error)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        return f"cannot decode ({error})"
    return None


def pending_originals(session: Session, contest_id: int | None = None) -> list[str]:
    """Originals with a photo still waiting for display images."""
    query = (
        select(Photo.sha256)
        .where(Photo.derivatives_ready.is_(False), Photo.sha256.is_not(None))
        .distinct()
    )
    if contest_id is not None:
        query = query.join(Entry, Entry.id == Photo.entry_id).where(Entry.contest_id == contest_id)
    return sorted(sha for sha in session.scalars(query) if sha)


def _mark_ready(session: Session, shas: list[str]) -> None:
    if shas:
        session.execute(update(Photo).where(Photo.sha256.in_(shas)).values(derivatives_ready=True))


@contextmanager
def _results(shas: list[str], data_dir: Path, workers: int) -> Iterator[Iterator[str | None]]:
    work = partial(make_derivatives, data_dir)
    if workers <= 1 or len(shas) < 8:
        yield (work(sha) for sha in shas)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield pool.imap(work, shas, chunksize=2)


def run_derivative_pass(
    sessions: sessionmaker[Session],
    data_dir: Path,
    *,
    contest_id: int | None = None,
    show_progress: bool = True,
    workers: int | None = None,
) -> DerivativeReport:
    """Make every missing display image; commits in small batches, so it can be stopped anytime."""
    remove_stale_temp_files(data_dir / "derivatives")
    with transaction(sessions) as session:
        shas = pending_originals(session, contest_id)
    report = DerivativeReport()
    if not shas:
        return report
    workers = default_workers() if workers is None else workers
    ready: list[str] = []
    with (
        _results(shas, data_dir, workers) as results,
        progress_bar("Display images", len(shas), enabled=show_progress) as advance,
    ):
        for sha, failure in zip(shas, results, strict=True):
            if failure is None:
                ready.append(sha)
                report.made += 1
            else:
                report.failed[sha] = failure
            advance(1)
            if len(ready) >= COMMIT_EVERY:
                with transaction(sessions) as session:
                    _mark_ready(session, ready)
                ready = []
    with transaction(sessions) as session:
        _mark_ready(session, ready)
    return report


def default_workers() -> int:
    """Both cores on a small server; more buys little against the database and disk."""
    return max(1, min(4, multiprocessing.cpu_count()))
