"""Final results: places 1..P from the last round, publishing, and the organisers' exports.

The final ranking is the standings of the contest's last round once it is finalized. Places
follow positions; an undecided tie shares a place and blocks publishing while it touches the
prize places. Publishing writes `ResultPlace` rows and stamps the contest; unpublishing removes
them again. Both are audited with the places before and after.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.models import Contest, ResultPlace, Round, RoundJuror, User, Vote, utcnow
from judging.contest_settings import JudgingSettings
from judging.errors import NotAllowedNow
from judging.lifecycle import FINALIZED
from judging.pseudonyms import pseudonyms
from judging.standings import RoundStandings, round_standings


@dataclass(frozen=True)
class ResultRow:
    place: int  # shared by an undecided tie
    shortcode: str
    username: str
    town: str | None
    score: float | None
    votes: int
    prize: bool  # place <= P
    tied: bool  # shares its place with another entry (undecided)
    quorum_met: bool
    raw: float | None = None
    normalised: float | None = None
    decided_by: str | None = None
    per_juror: Mapping[str, float] = field(default_factory=dict)  # juror label -> score

    def as_json(self) -> dict[str, Any]:
        return {
            "place": self.place if self.score is not None else None,
            "shortcode": self.shortcode,
            "username": self.username,
            "town": self.town,
            "score": _rounded(self.score),
            "votes": self.votes,
            "prize": self.prize,
            "tied": self.tied,
            "quorum_met": self.quorum_met,
            "score_raw": _rounded(self.raw),
            "score_normalised": _rounded(self.normalised),
            "tie_decided_by": self.decided_by,
        }


@dataclass(frozen=True)
class FinalResults:
    round_name: str
    round_status: str
    places: int
    rows: list[ResultRow]
    standings: RoundStandings
    juror_labels: list[str]
    published_at: datetime | None

    @property
    def final(self) -> bool:
        return self.round_status == FINALIZED

    @property
    def prize_rows(self) -> list[ResultRow]:
        return [row for row in self.rows if row.prize]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def final_round(session: Session, contest: Contest) -> Round | None:
    return session.scalar(
        select(Round).where(Round.contest_id == contest.id).order_by(Round.sequence.desc()).limit(1)
    )


def juror_labels(session: Session, contest: Contest, *, named: bool) -> dict[int, str]:
    """Juror id -> "A", "B", ... (stable across rounds) or their usernames."""
    rounds = select(Round.id).where(Round.contest_id == contest.id)
    ids = set(session.scalars(select(RoundJuror.user_id).where(RoundJuror.round_id.in_(rounds))))
    ids |= set(session.scalars(select(Vote.user_id).where(Vote.round_id.in_(rounds))))
    if named:
        return dict(session.execute(select(User.id, User.username).where(User.id.in_(ids))).all())
    return pseudonyms(ids)


def results_for_round(
    session: Session,
    contest: Contest,
    round_: Round,
    settings: JudgingSettings,
    *,
    named_jurors: bool = False,
) -> FinalResults:
    """Any round's ranking in the export shape (provisional unless it is finalized)."""
    standings = round_standings(session, round_, settings)
    last = final_round(session, contest)
    is_final = last is not None and last.id == round_.id
    labels = juror_labels(session, contest, named=named_jurors)
    used = sorted({juror for row in standings.rows for juror in row.per_juror}, key=labels.get)
    rows = [
        ResultRow(
            place=row.position,
            shortcode=row.shortcode,
            username=row.username,
            town=row.town,
            score=row.score,
            votes=row.votes,
            prize=is_final and row.position <= settings.places and row.score is not None,
            tied=bool(row.tie) and row.decided_by is None,
            quorum_met=row.quorum_met,
            raw=row.raw,
            normalised=row.normalised,
            decided_by=row.decided_by,
            per_juror={labels[j]: score for j, score in row.per_juror.items()},
        )
        for row in standings.rows
    ]
    return FinalResults(
        round_name=round_.name,
        round_status=round_.status,
        places=settings.places,
        rows=rows,
        standings=standings,
        juror_labels=[labels[j] for j in used],
        published_at=contest.results_published_at,
    )


def final_results(
    session: Session, contest: Contest, settings: JudgingSettings, *, named_jurors: bool = False
) -> FinalResults:
    """The final ranking: the last round, which must be finalized."""
    round_ = final_round(session, contest)
    if round_ is None:
        raise NotAllowedNow(
            "The contest has no rounds yet.", "Create one: downtown-snap round create --help"
        )
    if round_.status != FINALIZED:
        raise NotAllowedNow(
            f"The final round {round_.name!r} is {round_.status}, not finalized.",
            f"Finalize it (downtown-snap round finalize {round_.sequence}), "
            f"or look at it provisionally with --round {round_.sequence}.",
        )
    return results_for_round(session, contest, round_, settings, named_jurors=named_jurors)


def publish_results(
    session: Session, contest: Contest, settings: JudgingSettings, *, actor: str
) -> list[ResultPlace]:
    """Make places 1..P public; refused while a tie touches them or once published."""
    if contest.results_published_at is not None:
        raise NotAllowedNow(
            f"The results are published already ({contest.results_published_at:%Y-%m-%d %H:%M}"
            " UTC).",
            "Unpublish first if they must change: downtown-snap unpublish",
        )
    results = final_results(session, contest, settings)
    open_ties = results.standings.open_ties
    if open_ties:
        tie = open_ties[0]
        sequence = _sequence(session, results.standings.round_id)
        raise NotAllowedNow(
            f"Entries {', '.join(tie.shortcodes)} are tied at place {tie.first_position}; "
            "places must be decided before publishing.",
            f"Decide the tie: downtown-snap round tie {sequence} "
            f"--order {','.join(tie.shortcodes)} --note '...'",
        )
    notes = {
        tie_code: tie.note
        for tie in results.standings.ties
        if tie.decided_by
        for tie_code in tie.shortcodes
    }
    ids = {row.shortcode: row.entry_id for row in results.standings.rows}
    places = [
        ResultPlace(
            contest_id=contest.id,
            entry_id=ids[row.shortcode],
            place=row.place,
            score=row.score,
            votes=row.votes,
            note=notes.get(row.shortcode),
        )
        for row in results.prize_rows
    ]
    if not places:
        raise NotAllowedNow("The final round has no scored entries to publish.")
    session.add_all(places)
    contest.results_published_at = utcnow()
    session.flush()
    log_action(
        session,
        "results.published",
        actor=actor,
        contest_id=contest.id,
        subject_type="contest",
        subject_id=contest.id,
        before=None,
        after=[[row.place, row.shortcode, row.username] for row in results.prize_rows],
    )
    return places


def _sequence(session: Session, round_id: int) -> int:
    return session.scalar(select(Round.sequence).where(Round.id == round_id)) or 0


def unpublish_results(
    session: Session, contest: Contest, *, actor: str, reason: str | None = None
) -> None:
    """Take the results down again (a mistake, a late disqualification); audited."""
    if contest.results_published_at is None:
        raise NotAllowedNow("The results are not published.")
    before = [
        [place.place, place.entry_id]
        for place in session.scalars(
            select(ResultPlace)
            .where(ResultPlace.contest_id == contest.id)
            .order_by(ResultPlace.place)
        )
    ]
    session.execute(delete(ResultPlace).where(ResultPlace.contest_id == contest.id))
    published_at = contest.results_published_at
    contest.results_published_at = None
    session.flush()
    log_action(
        session,
        "results.unpublished",
        actor=actor,
        contest_id=contest.id,
        subject_type="contest",
        subject_id=contest.id,
        before={"published_at": published_at.isoformat(), "places": before},
        after=None,
        reason=reason,
    )


def results_as_json(results: FinalResults) -> list[dict[str, Any]]:
    return [row.as_json() for row in results.rows]


def results_as_csv(results: FinalResults) -> str:
    """One line per entry of the final ranking, plus one column per juror."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["place", "shortcode", "username", "town", "score", "votes", "prize", "tied"]
    writer.writerow(header + [f"juror {label}" for label in results.juror_labels])
    for row in results.rows:
        writer.writerow(
            [
                "" if row.score is None else f"{row.place}=" if row.tied else row.place,
                row.shortcode,
                row.username,
                row.town or "",
                "" if row.score is None else f"{row.score:.4f}",
                row.votes,
                "yes" if row.prize else "",
                "yes" if row.tied else "",
            ]
            + [
                "" if label not in row.per_juror else f"{row.per_juror[label]:g}"
                for label in results.juror_labels
            ]
        )
    return buffer.getvalue()
