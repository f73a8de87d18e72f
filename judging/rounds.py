"""Rounds in the database: creation, jurors and quorum, and the lifecycle transitions.

Each round takes its entries, when it is activated, from the frozen shortlist or from the
finalized round before it (its top K, or every entry scoring at least a threshold). Every
change is audited; changes to a running round redistribute open tasks.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest, Round, RoundEntry, RoundJuror, User, utcnow
from judging.assignment import AssignmentPlan
from judging.assignments import assign_round, redistribute, round_juror_ids, shortcodes_of
from judging.ballots import RoundMethod
from judging.contest_settings import JudgingSettings
from judging.errors import NotAllowedNow, NotFound
from judging.lifecycle import (
    ACTIVE,
    CLOSED,
    DRAFT,
    EDITABLE_JURY,
    FINALIZED,
    check_transition,
)
from judging.shortlist import require_frozen, shortlisted_entry_ids
from judging.standings import round_standings
from judging.tie_decisions import apply_tie_break_rule


@dataclass(frozen=True)
class RoundSource:
    """Where a round's entries come from: the shortlist, or the previous round's top K or
    threshold (entries scoring at least `min_score`)."""

    kind: str = "shortlist"  # shortlist | previous
    top: int | None = None
    min_score: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("shortlist", "previous"):
            raise UserFacingError(
                f"Unknown entry source {self.kind!r}.", "Use shortlist or previous."
            )
        if self.kind == "previous" and (self.top is None) == (self.min_score is None):
            raise UserFacingError(
                "A round fed by the previous round needs either a top K or a minimum score.",
                "Use --top 10 or --min-score 3.5.",
            )
        if self.top is not None and self.top < 1:
            raise UserFacingError("--top must be at least 1.")

    def to_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"from": self.kind}
        if self.top is not None:
            config["top"] = self.top
        if self.min_score is not None:
            config["min_score"] = self.min_score
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> RoundSource:
        return cls(
            kind=str(config.get("from", "shortlist")),
            top=config.get("top"),
            min_score=config.get("min_score"),
        )

    def describe_de(self) -> str:
        if self.kind == "shortlist":
            return "Endauswahl (Likes-Shortlist und Jury-Joker)"
        if self.top is not None:
            return f"die besten {self.top} der vorigen Runde"
        return f"alle Beiträge der vorigen Runde mit mindestens {self.min_score:g} Punkten"


@dataclass(frozen=True)
class ActivationReport:
    entries: int
    tasks: int
    short: dict[str, int]  # shortcode -> tasks no eligible juror could take


def rounds_of(session: Session, contest: Contest) -> list[Round]:
    return list(
        session.scalars(
            select(Round).where(Round.contest_id == contest.id).order_by(Round.sequence)
        )
    )


def round_by_sequence(session: Session, contest: Contest, sequence: int) -> Round:
    round_ = session.scalar(
        select(Round).where(Round.contest_id == contest.id, Round.sequence == sequence)
    )
    if round_ is None:
        known = ", ".join(str(r.sequence) for r in rounds_of(session, contest)) or "none yet"
        raise NotFound(f"No round {sequence} in this contest (rounds: {known}).")
    return round_


def round_by_id(session: Session, contest: Contest, round_id: int) -> Round:
    round_ = session.get(Round, round_id)
    if round_ is None or round_.contest_id != contest.id:
        raise NotFound(f"No round with id {round_id} in this contest.")
    return round_


def _audit(session: Session, round_: Round, action: str, actor: str, **data: Any) -> None:
    log_action(
        session,
        action,
        actor=actor,
        contest_id=round_.contest_id,
        subject_type="round",
        subject_id=round_.id,
        round=round_.name,
        **data,
    )


def create_round(
    session: Session,
    contest: Contest,
    *,
    name: str,
    method: RoundMethod,
    quorum: int,
    source: RoundSource,
    actor: str,
    seed: str | None = None,
) -> Round:
    """A new draft round at the end of the contest's sequence."""
    if not name.strip():
        raise UserFacingError("A round needs a name.", "e.g. --name Vorrunde")
    if quorum < 1:
        raise UserFacingError("The quorum (votes per entry) must be at least 1.")
    last = session.scalar(select(func.max(Round.sequence)).where(Round.contest_id == contest.id))
    sequence = (last or 0) + 1
    if sequence == 1 and source.kind != "shortlist":
        raise UserFacingError(
            "The first round has no previous round to take entries from.",
            "Use the shortlist as the source of the first round.",
        )
    config = {
        **method.to_config(),
        "source": source.to_config(),
        "seed": seed or secrets.token_hex(8),
    }
    round_ = Round(
        contest_id=contest.id,
        sequence=sequence,
        name=name.strip(),
        method=method.method,
        quorum=quorum,
        config=config,
        status=DRAFT,
    )
    session.add(round_)
    session.flush()
    _audit(
        session,
        round_,
        "round.created",
        actor,
        sequence=sequence,
        method=method.method,
        quorum=quorum,
        config=config,
    )
    return round_


def set_jurors(
    session: Session, round_: Round, jurors: Sequence[User], *, actor: str
) -> AssignmentPlan | None:
    """Replace the round's jury; a running round redistributes open tasks at once."""
    if round_.status not in EDITABLE_JURY:
        raise NotAllowedNow(
            f"Round {round_.name!r} is {round_.status}; its jury can no longer change.",
            "Reopen the round first if votes must still change.",
        )
    for juror in jurors:
        if juror.role != "juror" or not juror.active:
            raise UserFacingError(
                f"{juror.username} is not an active juror account.",
                "Create juror accounts with: downtown-snap user add --role juror",
            )
    before_ids = set(round_juror_ids(session, round_))
    after_ids = {juror.id for juror in jurors}
    if before_ids == after_ids:
        return None
    for link in list(round_.jurors):
        if link.user_id not in after_ids:
            session.delete(link)
    for juror_id in sorted(after_ids - before_ids):
        session.add(RoundJuror(round_id=round_.id, user_id=juror_id))
    session.flush()
    session.expire(round_, ["jurors"])
    names = dict(
        session.execute(
            select(User.id, User.username).where(User.id.in_(before_ids | after_ids))
        ).all()
    )
    _audit(
        session,
        round_,
        "round.jurors.changed",
        actor,
        before=sorted(names[i] for i in before_ids),
        after=sorted(names[i] for i in after_ids),
    )
    if round_.status == ACTIVE:
        return redistribute(session, round_, actor=actor, reason="jury changed")
    return None


def set_quorum(
    session: Session, round_: Round, quorum: int, *, actor: str
) -> AssignmentPlan | None:
    if round_.status not in EDITABLE_JURY:
        raise NotAllowedNow(f"Round {round_.name!r} is {round_.status}; its quorum is fixed.")
    if quorum < 1:
        raise UserFacingError("The quorum (votes per entry) must be at least 1.")
    if quorum == round_.quorum:
        return None
    before, round_.quorum = round_.quorum, quorum
    session.flush()
    _audit(session, round_, "round.quorum.changed", actor, before=before, after=quorum)
    if round_.status == ACTIVE:
        return redistribute(session, round_, actor=actor, reason="quorum changed")
    return None


def _previous(session: Session, round_: Round) -> Round | None:
    return session.scalar(
        select(Round).where(
            Round.contest_id == round_.contest_id, Round.sequence == round_.sequence - 1
        )
    )


def _entries_for(
    session: Session, contest: Contest, round_: Round, settings: JudgingSettings
) -> list[int]:
    source = RoundSource.from_config(round_.config.get("source", {}))
    if source.kind == "shortlist":
        require_frozen(contest)
        return shortlisted_entry_ids(session, contest)
    previous = _previous(session, round_)
    if previous is None or previous.status != FINALIZED:
        raise NotAllowedNow(
            f"Round {round_.name!r} takes its entries from the previous round, "
            "which is not finalized.",
            "Finalize the previous round first.",
        )
    standings = round_standings(session, previous, settings)
    if source.min_score is not None:
        return [
            row.entry_id
            for row in standings.rows
            if row.score is not None and row.score >= source.min_score
        ]
    assert source.top is not None
    blocking = [tie for tie in standings.open_ties if tie.matters]
    if blocking:
        tie = blocking[0]
        raise NotAllowedNow(
            f"Entries {', '.join(tie.shortcodes)} are tied at positions "
            f"{tie.first_position}-{tie.last_position} of {previous.name!r}, across the cut "
            f"at {source.top}.",
            f"Decide the tie: downtown-snap round tie {previous.sequence} "
            f"--order {','.join(tie.shortcodes)} --note '...'",
        )
    return [row.entry_id for row in standings.rows if row.position <= source.top]


def activate_round(
    session: Session, contest: Contest, round_: Round, settings: JudgingSettings, *, actor: str
) -> ActivationReport:
    """draft -> active: take the entries, check the jury, assign the tasks."""
    check_transition(round_.name, round_.status, ACTIVE)
    earlier = [
        r.name
        for r in rounds_of(session, contest)
        if r.sequence < round_.sequence and r.status != FINALIZED
    ]
    if earlier:
        raise NotAllowedNow(
            f"Earlier rounds are not finalized: {', '.join(earlier)}.",
            "Rounds run in order; finalize them first.",
        )
    jurors = round_juror_ids(session, round_)
    if not jurors:
        raise NotAllowedNow(
            f"Round {round_.name!r} has no jurors.",
            f"Add them: downtown-snap round jurors {round_.sequence} --add NAME",
        )
    if round_.quorum > len(jurors):
        raise NotAllowedNow(
            f"The quorum of {round_.quorum} votes per entry needs at least {round_.quorum} "
            f"jurors; the round has {len(jurors)}.",
            "Add jurors or lower the quorum (downtown-snap round quorum).",
        )
    entry_ids = _entries_for(session, contest, round_, settings)
    if not entry_ids:
        raise NotAllowedNow(f"Round {round_.name!r} would have no entries.")
    for entry_id in entry_ids:
        session.add(RoundEntry(round_id=round_.id, entry_id=entry_id))
    round_.status = ACTIVE
    round_.activated_at = utcnow()
    session.flush()
    plan = assign_round(session, round_, actor=actor)
    _audit(session, round_, "round.activated", actor, before=DRAFT, after=ACTIVE)
    codes = shortcodes_of(session, set(plan.short))
    return ActivationReport(
        entries=len(entry_ids),
        tasks=len(plan.add),
        short={codes[entry_id]: missing for entry_id, missing in plan.short.items()},
    )


def close_round(session: Session, round_: Round, *, actor: str) -> None:
    """active -> closed: votes stop; open tasks stay open and show up as missing quorum."""
    check_transition(round_.name, round_.status, CLOSED)
    round_.status = CLOSED
    round_.closed_at = utcnow()
    session.flush()
    _audit(session, round_, "round.closed", actor, before=ACTIVE, after=CLOSED)


def reopen_round(session: Session, round_: Round, *, reason: str | None, actor: str) -> None:
    """closed -> active with a reason (a late juror, a mistake); audited with the reason."""
    if not reason or not reason.strip():
        raise UserFacingError(
            "Reopening a round needs a reason.", "e.g. --reason 'Juror B was ill'"
        )
    check_transition(round_.name, round_.status, ACTIVE)
    round_.status = ACTIVE
    round_.closed_at = None
    session.flush()
    _audit(
        session, round_, "round.reopened", actor, before=CLOSED, after=ACTIVE, reason=reason.strip()
    )


def finalize_round(
    session: Session,
    contest: Contest,
    round_: Round,
    settings: JudgingSettings,
    *,
    actor: str,
    accept_incomplete: bool = False,
    note: str | None = None,
) -> None:
    """closed -> finalized. Entries below the quorum block this unless the organiser accepts
    them explicitly with a note; the contest's tie-break rule (if any) orders open ties."""
    check_transition(round_.name, round_.status, FINALIZED)
    standings = round_standings(session, round_, settings)
    missing = standings.missing_quorum
    if missing and not accept_incomplete:
        raise NotAllowedNow(
            f"{len(missing)} entries have fewer than {round_.quorum} votes: "
            f"{', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}.",
            "Reopen the round for the missing votes, or accept them: "
            "--accept-incomplete --note 'why'.",
        )
    if missing and (not note or not note.strip()):
        raise UserFacingError(
            "Accepting entries below the quorum needs a note.", "Say why in --note."
        )
    rule_decisions = apply_tie_break_rule(session, contest, round_, settings)
    round_.status = FINALIZED
    round_.finalized_at = utcnow()
    session.flush()
    final = round_standings(session, round_, settings)
    _audit(
        session,
        round_,
        "round.finalized",
        actor,
        before=CLOSED,
        after=FINALIZED,
        below_quorum=missing,
        note=note.strip() if note else None,
        tie_break_rule_decisions=len(rule_decisions),
        open_ties=[list(tie.shortcodes) for tie in final.open_ties],
        standings=[
            [row.position, row.shortcode, _rounded(row.score), row.votes] for row in final.rows
        ],
    )


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 4)
