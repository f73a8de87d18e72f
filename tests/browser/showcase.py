"""A small, believable contest for browser tests and screenshots: towns, photographers, every
status, real WebP thumbnails, published winners."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public import factories

TOWNS = (
    "Gotha",
    "Meiningen",
    "Zeulenroda-Triebes",
    "Ilmenau",
    "Eisenach",
    "Mühlhausen",
    "Sonneberg",
    "Altenburg",
    "Nordhausen",
    "Apolda",
)
PHOTOGRAPHERS = ("anna.fotografiert", "thueringen_tom", "marktplatzmomente", "lisa_sieht", "ben.b")


def seed_showcase(session: Session, data_dir: Path) -> Contest:
    """About 40 entries across ten towns; one pending thumbnail; results published."""
    contest = factories.make_contest(session)
    towns = list(TOWNS)
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
            factories.make_derivatives(data_dir, entry.photos[0].sha256 or "", seed=index)
        accepted.append(entry)
    late = factories.make_entry(
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
    unplaced = factories.make_entry(
        session,
        contest,
        "DSwhere",
        username="anna.fotografiert",
        status="review",
        town=None,
        reasons=["town_unknown"],
    )
    for seed, entry in ((90, late), (91, unplaced)):
        factories.make_derivatives(data_dir, entry.photos[0].sha256 or "", seed=seed)
    factories.publish_results(session, contest, accepted[:10])
    return contest
