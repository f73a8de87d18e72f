"""Factories and helpers for the console and account tests: entries, photos, users, HTML."""

from __future__ import annotations

import io
import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from httpx import Response
from PIL import Image
from sqlalchemy.orm import Session

from contest.accounts import create_user
from contest.models import Contest, Entry, LikeReading, Participant, Photo, User
from ingest.media_paths import DERIVATIVE_WIDTHS, derivative_path
from tests.paths import PRESET
from web.auth import cookies
from web.csrf import token_for_session

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_contest(session: Session, slug: str = "downtown-snaps-2025") -> Contest:
    contest = Contest(slug=slug, name="Downtown Snaps 2025", rules_toml=PRESET.read_text())
    session.add(contest)
    session.flush()
    return contest


def make_user(session: Session, username: str, role: str, **extra: Any) -> User:
    return create_user(
        session, username=username, password=PASSWORD, role=role, actor="test", **extra
    )


def make_entry(
    session: Session,
    contest: Contest,
    *,
    username: str = "anna_foto",
    shortcode: str | None = None,
    posted_at: datetime | None = None,
    **fields: Any,
) -> Entry:
    participant = session.query(Participant).filter_by(
        contest_id=contest.id, username=username
    ).one_or_none() or Participant(contest_id=contest.id, username=username)
    number = next(_numbers)
    entry = Entry(
        contest_id=contest.id,
        participant=participant,
        shortcode=shortcode or f"Cx{number:09d}",
        posted_at=posted_at or datetime(2025, 5, 10, 12, 0, tzinfo=UTC) + timedelta(hours=number),
        source=fields.pop("source", "hashtag"),
        **fields,
    )
    session.add(entry)
    session.flush()
    return entry


def add_photo(session: Session, entry: Entry, data_dir: Path, colour: str = "#3a6ea5") -> Photo:
    """A real WebP derivative on disk, addressed by a digest unique to the entry."""
    digest = f"{entry.id:064x}"
    for width in DERIVATIVE_WIDTHS:
        path = derivative_path(data_dir, digest, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (width, width * 5 // 4), colour).save(path, "WEBP")
    photo = Photo(entry=entry, position=0, sha256=digest, derivatives_ready=True)
    session.add(photo)
    session.flush()
    return photo


def add_like_readings(session: Session, entry: Entry, counts: list[int]) -> None:
    start = datetime(2025, 6, 1, tzinfo=UTC)
    for day, likes in enumerate(counts):
        session.add(
            LikeReading(entry=entry, read_at=start + timedelta(days=day), likes=likes, source="t")
        )
    entry.likes = counts[-1]
    session.flush()


def jpeg_bytes(size: tuple[int, int] = (1080, 1350)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#c05a2b").save(buffer, "JPEG")
    return buffer.getvalue()


def sign_in(client: TestClient, user: User) -> str:
    """Put a valid session cookie for `user` into the client; returns its CSRF token."""
    settings = client.app.state.settings  # type: ignore[attr-defined]
    session_cookie = cookies.signed_in_session(user)
    client.cookies.set(cookies.COOKIE_NAME, cookies.encode(session_cookie, settings))
    return token_for_session(session_cookie.sid, settings)


def csrf_from(client: TestClient) -> str:
    """The CSRF token of the client's current session (read from the cookie)."""
    settings = client.app.state.settings  # type: ignore[attr-defined]
    decoded = cookies.decode(client.cookies[cookies.COOKIE_NAME], settings)
    assert decoded is not None
    return token_for_session(decoded.sid, settings)


def html(response: Response) -> BeautifulSoup:
    assert "text/html" in response.headers["content-type"], response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def text_of(response: Response, selector: str) -> str:
    node = html(response).select_one(selector)
    assert node is not None, f"no {selector!r} in the page"
    return " ".join(node.get_text(" ").split())
