"""Small factories for web tests: a contest, participants, entries with photos, results.

They add to the given session and flush; the test's transaction decides whether anything stays.
`make_derivatives` writes real WebP thumbnails, so pages can be looked at in a browser.
"""

from __future__ import annotations

import hashlib
import random
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


def townscape(width: int, seed: int) -> Image.Image:
    """A small painted town square at dusk or by day: sky, gabled houses, a tower, cobbles.

    Deterministic for a seed, so screenshots and tests stay stable; no photo files needed.
    """
    rng = random.Random(seed)
    height = width * 5 // 4
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    dusk = rng.random() < 0.35
    top, bottom = ((38, 52, 96), (240, 150, 110)) if dusk else ((96, 150, 210), (200, 225, 240))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * min(1.0, t * 1.6)) for a, b in zip(top, bottom, strict=True)
            ),
        )
    sun = (255, 214, 140) if dusk else (255, 246, 210)
    sx, sy, sr = rng.uniform(0.15, 0.85) * width, height * rng.uniform(0.1, 0.25), width * 0.06
    draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=sun)
    ground = int(height * 0.78)
    facades = [
        (214, 120, 90),
        (236, 196, 120),
        (150, 180, 160),
        (226, 160, 150),
        (190, 170, 210),
        (240, 228, 200),
        (170, 110, 90),
        (120, 160, 190),
    ]
    roof = (120, 60, 50) if not dusk else (70, 40, 45)
    tower_at = rng.randrange(1, 5)
    x = -rng.randrange(0, width // 10)
    index = 0
    while x < width:
        house_w = int(width * rng.uniform(0.16, 0.24))
        house_h = int(height * rng.uniform(0.22, 0.34))
        colour = rng.choice(facades)
        if dusk:
            colour = tuple(int(c * 0.7) for c in colour)
        top_y = ground - house_h
        if index == tower_at:
            tower_w = house_w * 2 // 3
            tower_top = int(height * 0.2)
            draw.rectangle(
                (x, tower_top, x + tower_w, ground),
                fill=(200, 190, 170) if not dusk else (120, 110, 110),
            )
            draw.polygon(
                [
                    (x - 4, tower_top),
                    (x + tower_w + 4, tower_top),
                    (x + tower_w // 2, tower_top - house_w),
                ],
                fill=(60, 90, 80),
            )
            draw.ellipse(
                (x + tower_w // 2 - 9, tower_top + 14, x + tower_w // 2 + 9, tower_top + 32),
                fill=(250, 240, 210),
            )
            x += tower_w
            index += 1
            continue
        draw.rectangle((x, top_y, x + house_w, ground), fill=colour)
        draw.polygon(
            [(x - 3, top_y), (x + house_w + 3, top_y), (x + house_w // 2, top_y - house_w // 2)],
            fill=roof,
        )
        rows = max(2, house_h // (width // 14))
        for row in range(rows):
            for col in range(3):
                wx = x + house_w * (0.15 + col * 0.28)
                wy = top_y + house_h * (0.12 + row * 0.8 / rows)
                lit = dusk and rng.random() < 0.6
                draw.rectangle(
                    (wx, wy, wx + house_w * 0.16, wy + house_h * 0.5 / rows),
                    fill=(255, 220, 130) if lit else (60, 70, 90),
                )
        x += house_w
        index += 1
    draw.rectangle((0, ground, width, height), fill=(150, 140, 130) if not dusk else (80, 72, 70))
    for row in range(ground, height, max(6, width // 50)):
        draw.line(
            [(0, row), (width, row)], fill=(130, 120, 112) if not dusk else (68, 60, 58), width=1
        )
    return image


def make_derivatives(data_dir: Path, sha256: str, seed: int) -> None:
    """Real WebP files at every derivative width, painted by `townscape`."""
    for width in DERIVATIVE_WIDTHS:
        path = derivative_path(data_dir, sha256, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        townscape(width, seed).save(path, "WEBP", quality=72)
