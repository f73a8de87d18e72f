"""A contest in judging, for the console's browser journeys and screenshots.

Twenty accepted photos with like histories (one with a suspicious jump), a suspected duplicate
and an unplaced entry waiting in the review queue, an organiser and three jurors who can log
in, and judging done through judging's own services: shortlist frozen, a rating round
finalized, and a ranking final either finalized and ready to publish (`final_done=True`) or
still running with one juror finished.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from contest.accounts import create_user
from contest.models import Assignment, Contest, Entry, IngestRun, LikeReading
from judging.ballots import Criterion, RoundMethod
from judging.organiser import OrganiserJudging
from judging.rounds import RoundSource
from judging.shortlist import freeze_shortlist
from judging.workspace import JurorWorkspace
from tests.browser.showcase import PHOTOGRAPHERS, TOWNS
from tests.web.public import factories

ORGANISER, PASSWORD = "olga", "browser organiser passphrase"
JURORS = ("jana", "olaf", "uwe")
DUPLICATE, ORIGINAL = "DScopy", "DSc005"
FINAL_SIZE = 8
READ_FROM = datetime(2025, 6, 17, 18, 0, tzinfo=UTC)  # daily like readings up to the freeze
FROZEN_AT = datetime(2025, 6, 23, 7, 30, tzinfo=UTC)
CRITERIA = (
    Criterion("motiv", "Motiv / Innenstadt", 0.4),
    Criterion("bildaufbau", "Bildaufbau", 0.3),
    Criterion("originalitaet", "Originalität", 0.3),
)


def _readings(session: Session, entry: Entry, likes: int, *, spike: bool = False) -> None:
    for day in range(6):
        count = likes * (day + 1) // 6
        if spike and day == 5:
            count += 240  # bought likes arrive in one burst
        at = READ_FROM + timedelta(days=day)
        session.add(LikeReading(entry=entry, read_at=at, likes=count, source="hashtag"))
    entry.likes = likes + (240 if spike else 0)


def _entries(session: Session, contest: Contest, data_dir: Path) -> list[Entry]:
    accepted = []
    for index in range(20):
        town = TOWNS[(index * 3) % len(TOWNS)]
        entry = factories.make_entry(
            session,
            contest,
            f"DSc{index:03d}",
            username=PHOTOGRAPHERS[index % len(PHOTOGRAPHERS)],
            town=town,
            posted_at=factories.BASE_TIME + timedelta(hours=index * 11),
            caption=f"Abendlicht über dem Markt in {town}. #ThüringenDownTown @downtownsnaps_th",
            location_name=f"Marktplatz {town}",
        )
        factories.make_derivatives(data_dir, entry.photos[0].sha256 or "", seed=200 + index)
        _readings(session, entry, 60 + (index * 53) % 400, spike=index == 7)
        accepted.append(entry)
    copy = factories.make_entry(
        session,
        contest,
        DUPLICATE,
        username="schnappschuss_sam",
        status="review",
        town=accepted[5].town,
        posted_at=accepted[5].posted_at + timedelta(days=2),
        caption="Mein Blick auf den Markt! #ThüringenDownTown",
        reasons=["possible_duplicate"],
        reason_details={"possible_duplicate": f"{ORIGINAL} (distance 3)"},
    )
    copy.duplicate_of, copy.duplicate_distance = ORIGINAL, 3
    factories.make_derivatives(data_dir, copy.photos[0].sha256 or "", seed=205)
    unplaced = factories.make_entry(
        session,
        contest,
        "DSwhere",
        username="ben.b",
        status="review",
        town=None,
        caption="Irgendwo in Thüringen, schöner Abend #ThüringenDownTown",
        reasons=["town_unknown"],
    )
    factories.make_derivatives(data_dir, unplaced.photos[0].sha256 or "", seed=231)
    session.add_all(
        IngestRun(
            contest_id=contest.id,
            source="directory",
            source_detail="/srv/downtown-snap/hashtag",
            status="completed",
            started_at=READ_FROM + timedelta(days=day),
            new=new,
            updated=8 * day,
            unchanged=3 * day,
            duplicates=1 if day == 2 else 0,
        )
        for day, new in ((0, 14), (2, 6), (4, 2))
    )
    session.flush()
    return accepted


def _stars(rank: int, juror: int) -> dict[str, int]:
    """Stars for the entry ranked `rank` by likes: better ranks score higher, in clear steps,
    and jurors differ a little on composition and originality."""
    base = max(1, 5 - rank // 4)
    return {
        "motiv": base,
        "bildaufbau": max(1, base - (rank + juror) % 2),
        "originalitaet": max(1, base - int((rank + 2 * juror) % 3 == 0)),
    }


def _judge(session: Session, contest: Contest, *, final_done: bool) -> None:
    jurors = [
        create_user(session, username=name, password=PASSWORD, role="juror", actor="showcase")
        for name in JURORS
    ]
    org = OrganiserJudging(session, contest, ORGANISER)
    # Frozen the morning after the likes freeze moment, as an organiser would (not "today").
    freeze_shortlist(session, contest, org.settings, actor=ORGANISER, now=FROZEN_AT)
    by_likes = [row.entry_id for row in org.shortlist().rows]
    first = org.create_round(
        name="Vorrunde",
        method=RoundMethod("rating", criteria=CRITERIA, normalise=False),
        quorum=3,
        jurors=list(JURORS),
        seed="console-showcase",
    )
    org.activate_round(first)
    for number, juror in enumerate(jurors):
        workspace = JurorWorkspace(session, juror)
        while (task := workspace.next_task(first.id)) is not None:
            rank = by_likes.index(_task_entry(session, task.task_id))
            workspace.cast_vote(task.task_id, {"criteria": _stars(rank, number)})
    org.close_round(first)
    org.finalize_round(first)
    final = org.create_round(
        name="Finale",
        method=RoundMethod("ranking", tally="borda"),
        quorum=len(JURORS),
        source=RoundSource("previous", top=FINAL_SIZE),
        jurors=list(JURORS),
        seed="console-showcase-final",
    )
    org.activate_round(final)
    for juror in jurors if final_done else jurors[:1]:
        workspace = JurorWorkspace(session, juror)
        tasks = workspace.tasks(final.id)
        order = sorted(
            (task.task_id for task in tasks),
            key=lambda task_id: by_likes.index(_task_entry(session, task_id)),
        )
        workspace.submit_ranking(final.id, order)
    if final_done:
        org.close_round(final)
        org.finalize_round(final)


def _task_entry(session: Session, task_id: int) -> int:
    return session.get(Assignment, task_id).entry_id


def seed_console(session: Session, data_dir: Path, *, final_done: bool = True) -> Contest:
    """The contest, its review queue and its judging; an organiser `olga` to log in."""
    contest = factories.make_contest(session)
    create_user(
        session,
        username=ORGANISER,
        password=PASSWORD,
        role="organiser",
        actor="showcase",
        display_name="Olga Organisatorin",
    )
    _entries(session, contest, data_dir)
    _judge(session, contest, final_done=final_done)
    return contest
