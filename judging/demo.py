"""Judging for the offline demo: a finished first round and an open final round.

The demo command calls `stage_demo_judging` after ingestion and review, so the demo shows the
whole pipeline through the same services an organiser uses: the shortlist frozen with one jury
wildcard, a rating round with weighted criteria judged by every demo juror and finalized (ties
at the cut decided with a note), and a ranking final that one juror has already submitted while
the others still have it open. Votes are deterministic: plausible, different per juror, the same
on every run. Running it again on a contest that has rounds changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, Contest, Entry, Round, ShortlistItem, User
from judging.ballots import Criterion, RoundMethod
from judging.contest_settings import JudgingSettings
from judging.organiser import OrganiserJudging
from judging.rounds import RoundSource
from judging.workspace import JurorWorkspace

DEMO_CRITERIA = (
    Criterion("motif", "Motiv / Innenstadt", 0.4),
    Criterion("composition", "Bildaufbau", 0.3),
    Criterion("originality", "Originalität", 0.3),
)
FINAL_SIZE = 10


@dataclass(frozen=True)
class DemoJudging:
    first_round: Round
    final_round: Round | None


def _unit(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) from the given parts."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _stars(entry: str, juror: str, criterion: str) -> int:
    quality = _unit("quality", entry) * 3  # the photo's own merit, shared by all jurors
    taste = _unit("taste", juror) - 0.5  # some jurors are stricter than others
    noise = _unit(entry, juror, criterion) - 0.5
    return max(1, min(5, round(1.2 + quality + taste + noise)))


def stage_demo_judging(
    session: Session,
    contest: Contest,
    *,
    jurors: Sequence[User],
    actor: str = "demo",
    settings: JudgingSettings | None = None,
) -> DemoJudging | None:
    """Take the demo contest from shortlist to an open final; None if there is too little."""
    org = OrganiserJudging(session, contest, actor, settings)
    existing = org.rounds_raw()
    if existing:
        return DemoJudging(existing[0], existing[1] if len(existing) > 1 else None)
    if len(jurors) < 2:
        return None
    if contest.shortlist_frozen_at is None:
        accepted = session.scalar(
            select(Entry.id).where(Entry.contest_id == contest.id, Entry.status == "accepted")
        )
        if accepted is None:
            return None
        org.freeze_shortlist()
        _add_wildcard(session, org)
    names = [juror.username for juror in jurors]
    first = org.create_round(
        name="Vorrunde",
        method=RoundMethod("rating", criteria=DEMO_CRITERIA, normalise=True),
        quorum=min(3, len(jurors)),
        jurors=names,
        seed="demo-vorrunde",
    )
    org.activate_round(first)
    for juror in jurors:
        workspace = JurorWorkspace(session, juror)
        while (task := workspace.next_task(first.id)) is not None:
            code = _shortcode(session, task.task_id)
            stars = {c.key: _stars(code, juror.username, c.key) for c in DEMO_CRITERIA}
            workspace.cast_vote(task.task_id, {"criteria": stars})
    org.close_round(first)
    org.finalize_round(first)
    top = min(FINAL_SIZE, len(first.entries))
    final = org.create_round(
        name="Finale",
        method=RoundMethod("ranking", tally="borda"),
        quorum=len(jurors),
        source=RoundSource("previous", top=top),
        jurors=names,
        seed="demo-finale",
    )
    for tie in org.standings(first).ties:
        if tie.first_position <= top < tie.last_position:
            org.decide_tie(
                first, list(tie.shortcodes), "Demo: Reihenfolge nach Aussprache der Jury"
            )
    org.activate_round(final)
    first_juror = JurorWorkspace(session, jurors[0])
    tasks = first_juror.tasks(final.id)
    order = sorted(
        (t.task_id for t in tasks),
        key=lambda task_id: -_unit("quality", _shortcode(session, task_id)),
    )
    first_juror.submit_ranking(final.id, order)
    return DemoJudging(first, final)


def _shortcode(session: Session, task_id: int) -> str:
    return (
        session.scalar(
            select(Entry.shortcode)
            .join(Assignment, Assignment.entry_id == Entry.id)
            .where(Assignment.id == task_id)
        )
        or ""
    )


def _add_wildcard(session: Session, org: OrganiserJudging) -> None:
    """The most-liked accepted entry that missed the cut becomes the jury's wildcard."""
    listed = select(ShortlistItem.entry_id).where(ShortlistItem.contest_id == org.contest.id)
    outside = session.scalar(
        select(Entry.shortcode)
        .where(
            Entry.contest_id == org.contest.id,
            Entry.status == "accepted",
            Entry.id.not_in(listed),
        )
        .order_by(Entry.likes.desc(), Entry.posted_at)
        .limit(1)
    )
    if outside is not None:
        org.add_wildcard(outside, "Jury-Joker (Demo): starker Blick auf die Altstadt")
