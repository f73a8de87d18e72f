"""Small factories for web tests: a contest, participants, entries with photos, results.

They add to the given session and flush; the test's transaction decides whether anything stays.
`make_derivatives` writes real WebP thumbnails, so pages can be looked at in a browser.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Contest, Entry, Participant, Photo, ResultPlace
from ingest.media_paths import DERIVATIVE_WIDTHS, derivative_path
from tests.paths import PRESET

BASE_TIME = datetime(2025, 5, 10, 12, 0, tzinfo=UTC)


def make_contest(session: Session, slug: str = "downtown-snaps-2025", **fields: object) -> Contest:
    contest = Contest(
        slug=slug,
        name=fields.pop("name", "Downtown Snaps 2025"),
        rules_toml=fields.pop("rules_toml", PRESET.read_text(encoding="utf-8")),
        **fields,
    )
    session.add(contest)
    session.flush()
    return contest


def participant(session: Session, contest: Contest, username: str) -> Participant:
    found = session.scalar(
        select(Participant).where(
            Participant.contest_id == contest.id, Participant.username == username
        )
    )
    if found is None:
        found = Participant(contest_id=contest.id, username=username)
        session.add(found)
        session.flush()
    return found


def fake_sha(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def make_entry(
    session: Session,
    contest: Contest,
    shortcode: str,
    *,
    username: str = "anna.fotografiert",
    status: str = "accepted",
    town: str | None = "Gotha",
    likes: int = 10,
    caption: str = "Blick über den Hauptmarkt #ThüringenDownTown @downtownsnaps_th",
    posted_at: datetime | None = None,
    derivatives_ready: bool = True,
    reasons: list[str] | None = None,
    reason_details: dict[str, str] | None = None,
    accessibility_caption: str | None = None,
    location_name: str | None = None,
) -> Entry:
    entry = Entry(
        contest_id=contest.id,
        participant=participant(session, contest, username),
        shortcode=shortcode,
        posted_at=posted_at or BASE_TIME,
        caption=caption,
        accessibility_caption=accessibility_caption,
        location_name=location_name,
        likes=likes,
        source="directory",
        status=status,
        rules_status=status,
        town=town,
        reasons=reasons or [],
        reason_details=reason_details or {},
    )
    entry.photos.append(
        Photo(position=0, sha256=fake_sha(shortcode), derivatives_ready=derivatives_ready)
    )
    session.add(entry)
    session.flush()
    return entry


def make_entries(session: Session, contest: Contest, count: int, **fields: object) -> list[Entry]:
    """`count` accepted entries, one minute apart, newest last."""
    return [
        make_entry(
            session,
            contest,
            f"SC{index:04d}",
            posted_at=BASE_TIME + timedelta(minutes=index),
            **fields,  # type: ignore[arg-type]
        )
        for index in range(count)
    ]


def publish_results(session: Session, contest: Contest, entries: list[Entry]) -> None:
    for place, entry in enumerate(entries, start=1):
        session.add(ResultPlace(contest_id=contest.id, entry_id=entry.id, place=place))
    contest.results_published_at = datetime(2025, 9, 10, 10, 0, tzinfo=UTC)
    session.flush()


def make_derivatives(data_dir: Path, sha256: str, colour: tuple[int, int, int]) -> None:
    """Real WebP files at every derivative width: a simple 'town view' in one colour."""
    for width in DERIVATIVE_WIDTHS:
        height = width * 5 // 4
        image = Image.new("RGB", (width, height), colour)
        draw = ImageDraw.Draw(image)
        sky = tuple(min(255, c + 70) for c in colour)
        draw.rectangle((0, 0, width, height * 2 // 5), fill=sky)
        step = width // 6
        for index in range(6):
            top = height * 2 // 5 - (index % 3 + 1) * step // 2
            draw.rectangle(
                (index * step + 4, top, (index + 1) * step - 4, height),
                fill=tuple(max(0, c - 30 - 15 * (index % 2)) for c in colour),
            )
        path = derivative_path(data_dir, sha256, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path, "WEBP", quality=70)
