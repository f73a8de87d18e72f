"""A round's standings: its votes tallied, ordered, with ties and their decisions attached.

Reads the database, decides nothing: the arithmetic is in `tallies`, the ordering in `ties`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Entry, Participant, Round, TieDecision, Vote
from judging.assignments import round_entry_ids
from judging.ballots import RoundMethod
from judging.contest_settings import JudgingSettings
from judging.tallies import CastVote, tally_round
from judging.ties import Decision, rank_entries, tie_groups, tie_matters


@dataclass(frozen=True)
class StandingRow:
    position: int  # shared by an undecided tie
    entry_id: int
    shortcode: str
    username: str
    town: str | None
    score: float | None  # what ranks the entry
    raw: float | None
    normalised: float | None  # rating rounds: mean of per-juror z-scores
    votes: int
    quorum_met: bool
    tie: tuple[str, ...] = ()  # shortcodes of every entry with the same score
    decided_by: str | None = None
    per_juror: Mapping[int, float] = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TieView:
    shortcodes: tuple[str, ...]
    first_position: int
    last_position: int
    score: float
    matters: bool  # straddles the cut or touches the prize places
    decided_by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class RoundStandings:
    round_id: int
    round_name: str
    status: str
    method: RoundMethod
    quorum: int
    rows: list[StandingRow]
    ties: list[TieView]
    cut: int | None = None  # the top K advance to the next round
    places: int | None = None  # this is the final round: prize places 1..P

    @property
    def open_ties(self) -> list[TieView]:
        """Ties that change an outcome and nobody has decided yet."""
        return [tie for tie in self.ties if tie.matters and tie.decided_by is None]

    @property
    def missing_quorum(self) -> list[str]:
        return [row.shortcode for row in self.rows if not row.quorum_met]

    def row(self, shortcode: str) -> StandingRow | None:
        return next((row for row in self.rows if row.shortcode == shortcode), None)


def next_round(session: Session, round_: Round) -> Round | None:
    return session.scalar(
        select(Round).where(
            Round.contest_id == round_.contest_id, Round.sequence == round_.sequence + 1
        )
    )


def outcome_bounds(
    session: Session, round_: Round, settings: JudgingSettings
) -> tuple[int | None, int | None]:
    """(cut, places): what this round's order decides, given the rounds after it."""
    following = next_round(session, round_)
    if following is None:
        return None, settings.places
    source = following.config.get("source", {})
    if source.get("from") == "previous" and source.get("top"):
        return int(source["top"]), None
    return None, None


def tie_decisions(session: Session, round_: Round) -> list[TieDecision]:
    return list(
        session.scalars(
            select(TieDecision)
            .where(TieDecision.round_id == round_.id)
            .order_by(TieDecision.decided_at, TieDecision.id)
        )
    )


def round_votes(session: Session, round_: Round, entry_ids: list[int]) -> list[CastVote]:
    return [
        CastVote(vote.entry_id, vote.user_id, vote.value, vote.score)
        for vote in session.scalars(
            select(Vote).where(Vote.round_id == round_.id, Vote.entry_id.in_(entry_ids))
        )
    ]


def round_standings(
    session: Session, round_: Round, settings: JudgingSettings | None = None
) -> RoundStandings:
    """Tally, order and annotate; `settings` (for the prize places) makes ties' relevance known."""
    method = RoundMethod.from_round(round_.method, round_.config)
    entry_ids = round_entry_ids(session, round_)
    tallies = {
        tally.entry_id: tally
        for tally in tally_round(
            method, entry_ids, round_votes(session, round_, entry_ids), round_.quorum
        )
    }
    info = {
        row.id: row
        for row in session.execute(
            select(Entry.id, Entry.shortcode, Entry.town, Participant.username)
            .join(Participant, Entry.participant_id == Participant.id)
            .where(Entry.id.in_(entry_ids))
        )
    }
    stored = tie_decisions(session, round_)
    decisions = [Decision(tuple(d.entry_ids), d.decided_by, d.note) for d in stored]
    placed = rank_entries([(e, tallies[e].score) for e in entry_ids], decisions)
    cut, places = outcome_bounds(session, round_, settings) if settings else (None, None)

    def codes(ids: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(info[entry_id].shortcode for entry_id in ids)

    rows = [
        StandingRow(
            position=item.position,
            entry_id=item.entry_id,
            shortcode=info[item.entry_id].shortcode,
            username=info[item.entry_id].username,
            town=info[item.entry_id].town,
            score=tallies[item.entry_id].score,
            raw=tallies[item.entry_id].raw,
            normalised=tallies[item.entry_id].normalised,
            votes=tallies[item.entry_id].votes,
            quorum_met=tallies[item.entry_id].quorum_met,
            tie=codes(item.tie),
            decided_by=item.decided_by,
            per_juror=tallies[item.entry_id].per_juror,
            detail=tallies[item.entry_id].detail,
        )
        for item in placed
    ]
    ties = [
        TieView(
            shortcodes=codes(group.entry_ids),
            first_position=group.first_position,
            last_position=group.last_position,
            score=group.score,
            matters=tie_matters(group, cut=cut, places=places),
            decided_by=group.decision.decided_by if group.decision else None,
            note=group.decision.note if group.decision else None,
        )
        for group in tie_groups(placed, decisions)
    ]
    return RoundStandings(
        round_id=round_.id,
        round_name=round_.name,
        status=round_.status,
        method=method,
        quorum=round_.quorum,
        rows=rows,
        ties=ties,
        cut=cut,
        places=places,
    )
