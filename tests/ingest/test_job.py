"""`ingest_directory`: idempotent, never doubles, reports bad posts, respects erasure."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from contest.models import Contest, Entry, IngestRun, LikeReading, Photo, Tombstone
from contest.settings import Settings
from contest.tombstones import keyed_hash
from ingest.instaloader_files import write_post
from ingest.job import ingest_directory
from ingest.media_paths import derivative_path
from ingest.runs import IngestBusy, ingest_lock
from ingest.similarity import contest_similarities
from tests.ingest.factories import jpeg, photo, post, scene, write_folder


def run(sessions, settings, contest, folder, **options):  # type: ignore[no-untyped-def]
    options.setdefault("show_progress", False)
    options.setdefault("derivatives", False)
    return ingest_directory(sessions, settings, contest.id, folder, **options)


def count(db: Session, column) -> int:  # type: ignore[no-untyped-def]
    db.expire_all()
    return db.scalar(select(func.count(column))) or 0


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "#thüringendowntown", [post(n) for n in range(1, 6)])


def test_first_import_creates_entries_photos_and_readings(
    sessions: sessionmaker[Session], settings: Settings, contest: Contest, folder: Path, db: Session
) -> None:
    finished = run(sessions, settings, contest, folder)
    assert (finished.status, finished.new, finished.errors) == ("completed", 5, 0)
    assert finished.finished_at is not None and finished.source == "directory"
    assert (count(db, Entry.id), count(db, Photo.id), count(db, LikeReading.id)) == (5, 5, 5)
    entry = db.scalar(select(Entry).where(Entry.shortcode == "Cx000000003"))
    assert entry.source == "directory" and entry.likes == 10


def test_importing_again_changes_nothing(
    sessions: sessionmaker[Session], settings: Settings, contest: Contest, folder: Path, db: Session
) -> None:
    run(sessions, settings, contest, folder)
    again = run(sessions, settings, contest, folder, workers=1)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    assert (count(db, Entry.id), count(db, Photo.id), count(db, LikeReading.id)) == (5, 5, 5)


def test_a_newer_download_updates_likes_and_keeps_the_old_reading(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    tmp_path: Path,
    db: Session,
) -> None:
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    write_folder(first, [post(1, likes=3)])
    write_folder(second, [post(1, likes=12)])
    run(sessions, settings, contest, first)
    updated = run(sessions, settings, contest, second)
    assert updated.updated == 1
    entry = db.scalar(select(Entry))
    assert sorted(reading.likes for reading in entry.like_readings) == [3, 12]


def test_one_bad_post_does_not_stop_the_run(
    sessions: sessionmaker[Session], settings: Settings, contest: Contest, folder: Path, db: Session
) -> None:
    (folder / "zz-broken.json.xz").write_bytes(b"not xz at all")
    damaged = sorted(folder.glob("*.jpg"))[1]
    damaged.write_bytes(damaged.read_bytes()[:500])
    finished = run(sessions, settings, contest, folder)
    assert (finished.status, finished.new, finished.errors) == ("completed", 5, 1)
    assert finished.error_details[0]["where"].endswith("zz-broken.json.xz")
    reasons = list(db.scalars(select(Photo.unreadable_reason).where(Photo.sha256.is_(None))))
    assert len(reasons) == 1 and reasons[0]  # kept as an entry, with the reason recorded


def test_erased_accounts_and_posts_are_skipped(
    sessions: sessionmaker[Session], settings: Settings, contest: Contest, folder: Path, db: Session
) -> None:
    key = settings.secret_key.get_secret_value()
    with sessions() as session:
        session.add(
            Tombstone(
                contest_id=contest.id,
                username_hash=keyed_hash("user1", key),
                shortcode_hashes=[keyed_hash("Cx000000002", key)],
                by="test",
            )
        )
        session.commit()
    finished = run(sessions, settings, contest, folder)
    assert finished.new == 3
    assert "Skipped 2 post(s)" in (finished.message or "")
    assert sorted(db.scalars(select(Entry.shortcode))) == [
        "Cx000000003",
        "Cx000000004",
        "Cx000000005",
    ]


def test_reposts_are_found_and_counted(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    tmp_path: Path,
    db: Session,
) -> None:
    original = scene(50, (480, 600))
    folder = write_folder(
        tmp_path / "tag",
        [
            post(1, username="anna", images=[jpeg(original)]),
            post(2, username="bernd", images=[jpeg(original, quality=55)]),  # re-encoded copy
            post(3, username="carla", images=[photo(90), jpeg(original.resize((240, 300)))]),
            post(4, username="dora", images=[photo(91)]),
        ],
    )
    finished = run(sessions, settings, contest, folder)
    assert finished.duplicates == 2  # posts 2 and 3 copy post 1 (carousel photos count too)
    similar = contest_similarities(db, contest.id, 10, 16)
    assert {match.shortcode for match in similar["Cx000000001"]} == {"Cx000000002", "Cx000000003"}
    assert not similar["Cx000000002"][0].borderline
    assert similar["Cx000000004"] == ()


def test_a_run_left_running_by_a_killed_process_is_marked_interrupted(
    sessions: sessionmaker[Session], settings: Settings, contest: Contest, folder: Path, db: Session
) -> None:
    with sessions() as session:
        session.add(IngestRun(contest_id=contest.id, source="directory", status="running"))
        session.commit()
    run(sessions, settings, contest, folder)
    statuses = sorted(db.scalars(select(IngestRun.status)))
    assert statuses == ["completed", "interrupted"]


def test_a_second_run_of_the_same_contest_waits_its_turn(
    sessions: sessionmaker[Session], settings: Settings, contest: Contest, folder: Path
) -> None:
    with ingest_lock(settings.data_dir, contest.id), pytest.raises(IngestBusy) as busy:
        run(sessions, settings, contest, folder)
    assert busy.value.exit_code == 3


def test_worker_processes_store_the_same_as_one_process(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    tmp_path: Path,
    db: Session,
) -> None:
    folder = write_folder(
        tmp_path / "many", [post(n, images=[photo(n, (64, 80))]) for n in range(40)]
    )
    finished = run(sessions, settings, contest, folder, workers=2)
    assert finished.new == 40
    assert (
        count(db, Photo.id) == 40
        and db.scalar(select(func.count(Photo.id)).where(Photo.phash.is_(None))) == 0
    )


def test_display_images_are_webp_without_exif_or_gps(
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    tmp_path: Path,
    db: Session,
) -> None:
    exif = Image.Exif()
    exif[0x8825] = {2: (50.0, 56.0, 0.0)}  # GPS latitude
    exif[0x010F] = "PhoneMaker"
    big = jpeg(scene(3, (1600, 2000)), exif=exif.tobytes())
    write_post(tmp_path / "tag", post(1, images=[big]))
    run(sessions, settings, contest, tmp_path / "tag", derivatives=True)
    stored = db.scalar(select(Photo))
    db.refresh(stored)
    assert stored.derivatives_ready
    for width in (400, 1200):
        with Image.open(derivative_path(settings.data_dir, stored.sha256, width)) as shown:
            assert shown.format == "WEBP" and shown.width == width
            assert not shown.getexif() and "exif" not in shown.info
