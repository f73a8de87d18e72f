"""Jury worlds for the browser tests and the README screenshots: one contest per round method.

Rounds of one contest run one after the other, so each method the browser tests drive gets a
contest of its own, each with its own juror (who sees only that round):

| juror | contest | round |
| --- | --- | --- |
| `jana` | Downtown Snaps 2025 | "Vorrunde": three weighted criteria (with `olaf`) |
| `uwe` | Stadtbild-Preis | "Auswahl": yes or no |
| `rike` | Stadtbild-Finale | "Finale": an ordering of all photos |
| `paul` | Stadtbild-Publikum | "Top Ten": 10 to 1 points |

Photos are drawn by the demo's own scene painter (no photo files in the repository); captions
name their authors and other accounts, so the pages show the masking. Passwords: `PASSWORD`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image
from sqlalchemy.orm import Session

from cli.demo.photos import PORTRAIT, render_scene
from contest.accounts import create_user
from contest.models import Contest, Entry, LikeReading, Participant, Photo, Round
from ingest.media_paths import DERIVATIVE_WIDTHS, derivative_path
from judging.ballots import Criterion, RoundMethod
from judging.contest_settings import JudgingSettings
from judging.organiser import OrganiserJudging
from tests.paths import PRESET

PASSWORD = "jury-browser-2025"
FREEZE = datetime(2025, 6, 22, 21, 59, 59, tzinfo=UTC)
LANDSCAPE = (1350, 1080)
CRITERIA = (
    Criterion("motif", "Motiv / Innenstadt", 0.4),
    Criterion("composition", "Bildaufbau", 0.3),
    Criterion("originality", "Originalität", 0.3),
)
JURORS = {
    "jana": "Jana Fotografie",
    "olaf": "Olaf Stadtplanung",
    "uwe": "Uwe Handel",
    "rike": "Rike Architektur",
    "paul": "Paul Presse",
}


@dataclass(frozen=True)
class Post:
    town: str
    author: str
    caption: str
    landscape: bool = False


POSTS: tuple[Post, ...] = (
    Post(
        "Meiningen",
        "jana_mit_kamera",
        "Samstagmorgen auf dem Markt, bevor die Stände öffnen. Danke @meininger_ansichten "
        "für den Tipp! #ThüringenDownTown @downtownsnaps_th",
    ),
    Post(
        "Gotha",
        "gotha.gesehen",
        "Hauptmarkt im letzten Abendlicht – mein Lieblingsblick von der Wasserkunst hinauf "
        "zum Schloss. Foto: gotha.gesehen #ThüringenDownTown",
    ),
    Post(
        "Zeulenroda-Triebes",
        "zeulenroda_zeigt",
        "Die Altstadtgasse nach dem Regen. #ZeulenrodaTriebes #ThüringenDownTown",
        landscape=True,
    ),
    Post(
        "Ilmenau",
        "ilm.impressionen",
        "Kirchturm und Dächer, von der Post aus gesehen. Mehr unter www.example.org/ilm",
    ),
    Post(
        "Sonneberg",
        "sonneberg_snaps",
        "Blaue Stunde in der Innenstadt #ThüringenDownTown @downtownsnaps_th",
    ),
    Post("Altenburg", "altenburger.blick", "Der Markt mit Rathaus, früh um sieben."),
    Post(
        "Apolda",
        "apolda_alltag",
        "Glockenstadt: Spaziergang durch die Bahnhofstraße #ThüringenDownTown",
        landscape=True,
    ),
    Post("Eisenach", "wartburgblick", "Karlstraße an einem Frühlingstag."),
    Post("Mühlhausen", "muehlhausen_mittendrin", "Türme über der Altstadt #ThüringenDownTown"),
    Post("Nordhausen", "nordhaeuser.nah", "Am Theater, kurz vor der Vorstellung."),
    Post("Arnstadt", "bachstadt_bilder", "Der Markt mit dem Bachdenkmal."),
    Post("Saalfeld", "feengrotten_fan", "Blick durch das Saaltor in die Stadt."),
)


@dataclass(frozen=True)
class JuryShowcase:
    rounds: dict[str, Round]  # juror -> the round they judge
    contests: dict[str, Contest]


def _save_derivatives(data_dir: Path, seed: int, landscape: bool) -> tuple[str, int, int]:
    size = LANDSCAPE if landscape else PORTRAIT
    image = render_scene(seed, size)
    sha = hashlib.sha256(f"jury-showcase-{seed}-{size}".encode()).hexdigest()
    for width in DERIVATIVE_WIDTHS:
        path = derivative_path(data_dir, sha, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        height = round(size[1] * width / size[0])
        image.resize((width, height), Image.Resampling.LANCZOS).save(path, "WEBP", quality=80)
    return sha, size[0], size[1]


def _contest(session: Session, slug: str, name: str) -> Contest:
    contest = Contest(slug=slug, name=name, rules_toml=PRESET.read_text(encoding="utf-8"))
    session.add(contest)
    session.flush()
    return contest


def _entries(
    session: Session, contest: Contest, posts: Sequence[Post], data_dir: Path, seed: int
) -> None:
    for index, post in enumerate(posts):
        participant = Participant(contest_id=contest.id, username=post.author)
        session.add(participant)
        session.flush()
        likes = 400 - 23 * index
        entry = Entry(
            contest_id=contest.id,
            participant_id=participant.id,
            shortcode=f"JS{seed:02d}{index:03d}",
            posted_at=datetime(2025, 5, 12, 9, 0, tzinfo=UTC) + timedelta(hours=7 * index),
            caption=post.caption,
            likes=likes,
            source="directory",
            status="accepted",
            rules_status="accepted",
            town=post.town,
            mentions=[],
        )
        session.add(entry)
        session.flush()
        sha, width, height = _save_derivatives(data_dir, seed * 100 + index, post.landscape)
        session.add(
            Photo(
                entry_id=entry.id,
                position=0,
                sha256=sha,
                width=width,
                height=height,
                derivatives_ready=True,
            )
        )
        session.add(LikeReading(entry_id=entry.id, read_at=FREEZE, likes=likes, source="showcase"))
    session.flush()


def _round(
    session: Session,
    contest: Contest,
    *,
    name: str,
    method: RoundMethod,
    jurors: Sequence[str],
    quorum: int,
    size: int,
) -> Round:
    settings = JudgingSettings(shortlist_size=size, places=3, likes_freeze_at=FREEZE)
    org = OrganiserJudging(session, contest, "showcase", settings)
    org.freeze_shortlist()
    round_ = org.create_round(
        name=name, method=method, quorum=quorum, jurors=list(jurors), seed=f"showcase-{name}"
    )
    org.activate_round(round_)
    return round_


def seed_jury_showcase(session: Session, data_dir: Path) -> JuryShowcase:
    for username, display_name in JURORS.items():
        create_user(
            session,
            username=username,
            password=PASSWORD,
            role="juror",
            actor="showcase",
            display_name=display_name,
        )
    main = _contest(session, "downtown-snaps-2025", "Downtown Snaps 2025")
    _entries(session, main, POSTS[:8], data_dir, 1)
    criteria = _round(
        session,
        main,
        name="Vorrunde",
        method=RoundMethod("rating", criteria=CRITERIA, normalise=True),
        jurors=["jana", "olaf"],
        quorum=1,
        size=8,
    )
    contests = {"jana": main}
    rounds = {"jana": criteria}
    others = (
        ("uwe", "stadtbild-preis", "Stadtbild-Preis", "Auswahl", RoundMethod("yesno"), 4),
        ("rike", "stadtbild-finale", "Stadtbild-Finale", "Finale", RoundMethod("ranking"), 5),
        (
            "paul",
            "stadtbild-publikum",
            "Stadtbild-Publikum",
            "Top Ten",
            RoundMethod("ranking", ballot="points"),
            12,
        ),
    )
    for number, (juror, slug, contest_name, round_name, method, size) in enumerate(others, 2):
        contest = _contest(session, slug, contest_name)
        _entries(session, contest, POSTS[:size], data_dir, number)
        contests[juror] = contest
        rounds[juror] = _round(
            session, contest, name=round_name, method=method, jurors=[juror], quorum=1, size=size
        )
    return JuryShowcase(rounds, contests)
