"""A small, believable contest for browser tests and screenshots: towns, photographers, every
status, real WebP thumbnails, published winners."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web import factories

TOWN_COLOURS = {
    "Gotha": (176, 120, 84),
    "Meiningen": (96, 128, 160),
    "Zeulenroda-Triebes": (120, 150, 96),
    "Ilmenau": (150, 96, 120),
    "Eisenach": (190, 150, 80),
    "Mühlhausen": (90, 140, 140),
    "Sonneberg": (160, 110, 150),
    "Altenburg": (120, 100, 170),
    "Nordhausen": (170, 90, 80),
    "Apolda": (80, 120, 100),
}
PHOTOGRAPHERS = ("anna.fotografiert", "thueringen_tom", "marktplatzmomente", "lisa_sieht", "ben.b")


def seed_showcase(session: Session, data_dir: Path) -> Contest:
    """About 40 entries across ten towns; one pending thumbnail; results published."""
    contest = factories.make_contest(session)
    towns = list(TOWN_COLOURS)
    accepted = []
    for index in range(40):
        town = towns[(index * 7) % len(towns)] if index % 5 else towns[index % 3]
        entry = factories.make_entry(
            session,
            contest,
            f"DSx{index:03d}",
            username=PHOTOGRAPHERS[index % len(PHOTOGRAPHERS)],
            town=town,
            likes=(index * 37) % 420 + 5,
            posted_at=factories.BASE_TIME + timedelta(hours=index * 9),
            caption=f"Mein Lieblingsblick in {town}: die Altstadt am Abend. #ThüringenDownTown",
            location_name=f"Marktplatz {town}",
            derivatives_ready=index != 3,
        )
        if index != 3:
            shade = (index * 13) % 40 - 20
            colour = tuple(max(0, min(255, c + shade)) for c in TOWN_COLOURS[town])
            factories.make_derivatives(data_dir, entry.photos[0].sha256 or "", colour)  # type: ignore[arg-type]
        accepted.append(entry)
    factories.make_entry(
        session,
        contest,
        "DSlate",
        username="anna.fotografiert",
        status="rejected",
        town="Gotha",
        reasons=["outside_period"],
        reason_details={"outside_period": "2025-06-23 00:14"},
        posted_at=factories.BASE_TIME + timedelta(days=45),
    )
    factories.make_entry(
        session,
        contest,
        "DSwhere",
        username="anna.fotografiert",
        status="review",
        town=None,
        reasons=["town_unknown"],
    )
    factories.publish_results(session, contest, accepted[:10])
    return contest
