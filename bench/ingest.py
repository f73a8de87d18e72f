"""Ingestion benchmark: N synthetic Instagram-sized photos through `ingest dir`, against a plain
Pillow decode of the same files.

    python bench/ingest.py [N]        (default N = 2000)

Prints `derivatives: ...` and `dedupe: ...`, and last, exactly:
`ingest: N posts, X posts/s, decode-limit Y posts/s, ratio R`, where Y is Pillow's full decode
of every photo in one process and R = X / Y. Ingestion's critical path is everything `ingest dir
--no-derivatives` does (metadata, hashing decode, hashes, originals, database, verdicts); the
display images are timed on their own.
"""

from __future__ import annotations

import io
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contest.db import make_engine, make_session_factory
from contest.schema import upgrade_to_head
from contest.services import upsert_contest
from contest.settings import Settings
from ingest.dedupe import HashIndex, PhotoHashes
from ingest.derivatives import run_derivative_pass
from ingest.instaloader_files import FixturePost, write_post
from ingest.job import ingest_directory

WIDTH, HEIGHT = 1080, 1350
PRESET = Path(__file__).resolve().parent.parent / "rules" / "contests" / "downtown-snaps-2025.toml"
_NOISE = np.random.default_rng(0).integers(-10, 11, (HEIGHT + 64, WIDTH + 64, 3)).astype(np.int16)


def synthetic_photo(seed: int) -> bytes:
    """A 1080x1350 JPEG of about 250 KB: colour field, shapes and sensor-like noise."""
    rng = np.random.default_rng(seed)
    base = Image.fromarray(rng.integers(0, 256, (6, 5, 3), dtype=np.uint8))
    image = base.resize((WIDTH, HEIGHT), Image.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x0, y0 = int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT))
        x1, y1 = x0 + int(rng.integers(20, 400)), y0 + int(rng.integers(20, 400))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)((x0, y0, x1, y1), fill=colour)
    dx, dy = (int(v) for v in rng.integers(0, 64, 2))
    pixels = np.asarray(image, dtype=np.int16) + _NOISE[dy : dy + HEIGHT, dx : dx + WIDTH]
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def write_one(args: tuple[Path, int]) -> None:
    folder, number = args
    write_post(
        folder,
        FixturePost(
            shortcode=f"Bn{number:09d}",
            username=f"user{number % 300}",
            posted_at=datetime(2025, 5, 6, tzinfo=UTC) + timedelta(minutes=number),
            caption="Innenstadt #ThüringenDownTown @downtownsnaps_th",
            likes=number % 97,
            images=[synthetic_photo(number)],
        ),
    )


def plain_decode_rate(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        with Image.open(path) as image:
            image.load()
    return len(files) / (time.perf_counter() - started)


def dedupe_query_ms(size: int = 100_000, queries: int = 500) -> float:
    rng = np.random.default_rng(1)
    columns = [rng.integers(0, 2**63, size, dtype=np.uint64) * 2 for _ in range(3)]
    index = HashIndex(*columns)
    probes = [
        PhotoHashes(int(columns[0][i]) ^ 5, int(columns[1][i]), int(columns[2][i]))
        for i in rng.integers(0, size, queries)
    ]
    index.query(probes[0], 10)
    started = time.perf_counter()
    for probe in probes:
        index.query(probe, 16)
    return (time.perf_counter() - started) / queries * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    work = Path(tempfile.mkdtemp(prefix="dsnap-bench-"))
    folder = work / "#thüringendowntown"
    folder.mkdir()
    with multiprocessing.get_context("fork").Pool() as pool:
        pool.map(write_one, [(folder, n) for n in range(count)], chunksize=16)
    photos = sorted(folder.glob("*.jpg"))
    size_kb = sum(path.stat().st_size for path in photos) / len(photos) / 1024
    print(f"generated {count} posts of {WIDTH}x{HEIGHT} JPEG, {size_kb:.0f} KB each, in {work}")

    engine = make_engine(f"sqlite:///{work / 'bench.sqlite3'}")
    upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    settings = Settings(database_url="sqlite://", data_dir=work / "media", _env_file=None)
    with sessions() as session:
        contest, _ = upsert_contest(
            session,
            slug="bench",
            name="Bench",
            source=None,
            actor="bench",
            rules_toml=PRESET.read_text(encoding="utf-8"),
        )
        session.commit()

    plain_decode_rate(photos[: min(50, count)])  # warm the page cache like the import will be
    decode_limit = plain_decode_rate(photos)

    started = time.perf_counter()
    run = ingest_directory(
        sessions, settings, contest.id, folder, derivatives=False, show_progress=False
    )
    ingest_rate = count / (time.perf_counter() - started)
    assert run.new == count and run.errors == 0, (run.new, run.errors, run.error_details[:3])

    started = time.perf_counter()
    report = run_derivative_pass(sessions, settings.data_dir, show_progress=False)
    derivative_rate = report.made / (time.perf_counter() - started)

    print(f"derivatives: {derivative_rate:.0f} images/s")
    print(f"dedupe: 100000 hashes, {dedupe_query_ms():.3f} ms per query")
    print(
        f"ingest: {count} posts, {ingest_rate:.0f} posts/s, "
        f"decode-limit {decode_limit:.0f} posts/s, ratio {ingest_rate / decode_limit:.2f}"
    )


if __name__ == "__main__":
    main()
