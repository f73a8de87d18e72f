"""Live sources against a fake Instagram at instaloader's HTTP edge: paging, resume, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from contest.errors import UserFacingError
from contest.models import AuditEvent, Contest, Entry, IngestRun, LikeReading, Participant
from contest.settings import Settings
from ingest.errors import (
    EXIT_LOGIN,
    EXIT_NOT_FOUND,
    EXIT_RATE_LIMITED,
    InstagramLoginError,
    InstagramNotFound,
    InstagramRateLimited,
)
from ingest.instagram import make_loader
from ingest.live_jobs import ingest_hashtag, ingest_post, refresh_likes
from tests.ingest.factories import photo
from tests.ingest.fake_instagram import (
    IMAGE,
    PAGE,
    POST,
    TAG_INFO,
    FakeInstagram,
    LivePost,
    install,
    write_session_file,
)

TAG = "thüringendowntown"
START = datetime(2025, 5, 20, 9, 0, tzinfo=UTC)


def live_post(number: int, username: str = "anna") -> LivePost:
    return LivePost(
        shortcode=f"Lv{number:09d}",
        username=username,
        owner_id=str(1000 + len(username)),
        posted_at=START + timedelta(hours=number),
        image=photo(200 + number),
        likes=number,
        location={"pk": 77, "name": "Gotha, Hauptmarkt", "lat": 50.9487, "lng": 10.7015},
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeInstagram:
    return install(monkeypatch)


@pytest.fixture
def loader(tmp_path: Path):  # type: ignore[no-untyped-def]
    session_file = write_session_file(tmp_path)
    return make_loader(username=None, session_file=session_file, request_pauses=False)


def entries(db: Session) -> list[str]:
    db.expire_all()
    return sorted(db.scalars(select(Entry.shortcode)))


def run_hashtag(sessions, settings, contest, loader, **options):  # type: ignore[no-untyped-def]
    return ingest_hashtag(
        sessions, settings, contest.id, loader=loader, tags=[TAG], show_progress=False, **options
    )


def test_hashtag_feed_is_stored_with_usernames_geotags_and_photos(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
) -> None:
    fake.add_tag(TAG, [[live_post(1), live_post(2)], [live_post(3, "bernd")]])
    run = run_hashtag(sessions, settings, contest, loader)
    assert (run.status, run.new, run.errors) == ("completed", 3, 0)
    assert entries(db) == ["Lv000000001", "Lv000000002", "Lv000000003"]
    entry = db.scalar(select(Entry).where(Entry.shortcode == "Lv000000003"))
    assert entry.participant.username == "bernd"  # fetched: the feed only named the owner's id
    assert (entry.location_name, entry.location_lat) == ("Gotha, Hauptmarkt", 50.9487)
    assert entry.source == "hashtag"
    assert entry.photos[0].sha256 and entry.photos[0].phash is not None
    assert fake.count(PAGE) == 2 and fake.count(IMAGE) == 3


def test_rate_limit_stops_keeps_position_and_the_rerun_resumes_without_doubles(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
    tmp_path: Path,
) -> None:
    fake.add_tag(TAG, [[live_post(1), live_post(2), live_post(3)], [live_post(4), live_post(5)]])
    fake.fail(PAGE, 429, {"status": "fail", "message": "rate limited"}, skip=1, times=99)
    with pytest.raises(InstagramRateLimited) as stopped:
        run_hashtag(sessions, settings, contest, loader)
    assert stopped.value.exit_code == EXIT_RATE_LIMITED
    assert "resumes where it stopped" in (stopped.value.hint or "")
    assert entries(db) == ["Lv000000001", "Lv000000002", "Lv000000003"]
    failed = db.scalar(select(IngestRun).order_by(IngestRun.id.desc()))
    assert failed.status == "failed" and "429" in (failed.message or "")
    assert list((settings.data_dir / "resume").glob("hashtag-*.json.xz"))

    fake.failures.clear()
    images_before = fake.count(IMAGE)
    # A later run is a new process with a new instaloader (this one remembers the penalty).
    fresh = make_loader(
        username=None, session_file=tmp_path / "session-organiser", request_pauses=False
    )
    run = run_hashtag(sessions, settings, contest, fresh)
    assert run.status == "completed"
    assert entries(db) == [f"Lv00000000{n}" for n in range(1, 6)]
    pages_asked = [params for kind, _url, params in fake.requests if kind == PAGE]
    assert '"after":"c1"' in pages_asked[-1]["variables"]  # continued at page 2
    # Only the last post before the stop is read again (instaloader repeats it), not all three.
    assert fake.count(IMAGE) - images_before == 3
    assert "resumed" in (run.message or "")
    assert not list((settings.data_dir / "resume").glob("hashtag-*.json.xz"))


@pytest.mark.parametrize(
    ("status", "body", "error", "exit_code", "words"),
    [
        (
            401,
            {"status": "fail", "message": "Please wait a few minutes"},
            InstagramRateLimited,
            EXIT_RATE_LIMITED,
            "401/403",
        ),
        (403, {"status": "fail"}, InstagramRateLimited, EXIT_RATE_LIMITED, "401/403"),
        (
            400,
            {"status": "fail", "message": "checkpoint_required"},
            InstagramLoginError,
            EXIT_LOGIN,
            "security check",
        ),
    ],
)
def test_refusals_of_the_feed_become_clear_errors(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    status: int,
    body: dict,
    error: type,
    exit_code: int,
    words: str,
) -> None:
    fake.add_tag(TAG, [[live_post(1)]])
    fake.fail(PAGE, status, body)
    with pytest.raises(error) as raised:
        run_hashtag(sessions, settings, contest, loader)
    assert raised.value.exit_code == exit_code
    assert words in raised.value.message


def test_logged_out_session_is_a_login_error(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
) -> None:
    fake.add_tag(TAG, [[live_post(1)]])
    fake.fail(TAG_INFO, 302, headers={"location": "https://www.instagram.com/accounts/login/"})
    with pytest.raises(InstagramLoginError, match="logged the session out"):
        run_hashtag(sessions, settings, contest, loader)


def test_unknown_hashtag_is_not_found(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
) -> None:
    with pytest.raises(InstagramNotFound) as raised:
        run_hashtag(sessions, settings, contest, loader)
    assert raised.value.exit_code == EXIT_NOT_FOUND


def test_an_expired_image_url_keeps_the_entry_as_unreadable(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
) -> None:
    fake.add_tag(TAG, [[live_post(1), live_post(2)]])
    fake.fail(IMAGE, 403, b"URL signature expired", times=1)
    run = run_hashtag(sessions, settings, contest, loader)
    assert (run.status, run.new) == ("completed", 2)
    first = db.scalar(select(Entry).where(Entry.shortcode == "Lv000000001"))
    assert "download failed" in (first.photos[0].unreadable_reason or "")


def test_max_stops_early_and_the_next_run_continues(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
) -> None:
    fake.add_tag(TAG, [[live_post(1), live_post(2), live_post(3)]])
    assert run_hashtag(sessions, settings, contest, loader, max_posts=2).new == 2
    second = run_hashtag(sessions, settings, contest, loader)
    assert second.new == 1
    assert len(entries(db)) == 3


def test_session_file_problems_are_login_errors(tmp_path: Path) -> None:
    with pytest.raises(InstagramLoginError, match="No session file"):
        make_loader(username="organiser", session_file=tmp_path / "missing")
    broken = tmp_path / "session-organiser"
    broken.write_bytes(b"not a pickle")
    with pytest.raises(InstagramLoginError, match="not an instaloader session file"):
        make_loader(username=None, session_file=broken)
    with pytest.raises(InstagramLoginError, match="--login"):
        make_loader(username=None, session_file=tmp_path / "cookies.bin")


def test_single_post_is_added_and_audited(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
) -> None:
    fake.posts["Lv000000009"] = live_post(9, "carla")
    run = ingest_post(
        sessions,
        settings,
        contest.id,
        loader=loader,
        actor="cli",
        shortcode_or_url="https://www.instagram.com/p/Lv000000009/?igsh=abc",
    )
    assert run.new == 1
    entry = db.scalar(select(Entry).where(Entry.shortcode == "Lv000000009"))
    assert entry.participant.username == "carla" and entry.source == "manual"
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == str(entry.id)))
    assert "entry.added_manually" in list(actions)
    assert fake.count(POST) == 1


def test_single_post_that_does_not_exist(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
) -> None:
    fake.fail(POST, 404, {"status": "fail"})
    with pytest.raises(InstagramNotFound):
        ingest_post(
            sessions,
            settings,
            contest.id,
            loader=loader,
            actor="cli",
            shortcode_or_url="Lv000000404",
        )


def test_refresh_likes_keeps_every_reading_and_skips_deleted_posts(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
) -> None:
    fake.add_tag(TAG, [[live_post(1), live_post(2)]])
    run_hashtag(sessions, settings, contest, loader)
    fake.posts["Lv000000001"].likes = 40
    del fake.posts["Lv000000002"]  # deleted since
    during_contest = datetime(2025, 6, 1, tzinfo=UTC)
    run = refresh_likes(
        sessions, settings, contest.id, loader=loader, now=during_contest, show_progress=False
    )
    assert (run.status, run.updated, run.errors) == ("completed", 1, 1)
    assert "no longer on Instagram" in run.error_details[0]["message"]
    entry = db.scalar(select(Entry).where(Entry.shortcode == "Lv000000001"))
    db.refresh(entry)
    assert entry.likes == 40
    assert sorted(reading.likes for reading in entry.like_readings) == [1, 40]
    assert db.scalar(select(func.count(Participant.id))) == 1


def test_refresh_likes_refuses_after_the_freeze(
    fake: FakeInstagram,
    loader,
    sessions: sessionmaker[Session],
    settings: Settings,
    contest: Contest,
    db: Session,
) -> None:
    with pytest.raises(UserFacingError, match="frozen"):
        refresh_likes(
            sessions,
            settings,
            contest.id,
            loader=loader,
            now=datetime(2025, 7, 1, tzinfo=UTC),
            show_progress=False,
        )
    assert db.scalar(select(func.count(LikeReading.id))) == 0
    assert fake.requests == []
