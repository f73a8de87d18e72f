"""Deciding ties: by an organiser with a note, or by the contest file's tie-break rule.

Both are stored as `TieDecision` rows (a rule's as decided by `rule:<name>`) and audited, so the
protocol can say for every tie how it was settled. Nothing here breaks a tie on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest, Entry, Round, ShortlistItem, TieDecision
from judging.contest_settings import TIE_BREAK_RULES, JudgingSettings
from judging.errors import NotAllowedNow
from judging.lifecycle import CLOSED, DRAFT, FINALIZED
from judging.standings import next_round, round_standings
from judging.ties import EntryFacts, order_by_rule


def _record(
    session: Session,
    round_: Round,
    entry_ids: Sequence[int],
    shortcodes: Sequence[str],
    *,
    note: str,
    decided_by: str,
    score: float,
) -> TieDecision:
    decision = TieDecision(
        contest_id=round_.contest_id,
        round_id=round_.id,
        entry_ids=list(entry_ids),
        note=note,
        decided_by=decided_by,
    )
    session.add(decision)
    session.flush()
    log_action(
        session,
        "tie.decided",
        actor=decided_by,
        contest_id=round_.contest_id,
        subject_type="round",
        subject_id=round_.id,
        order=list(shortcodes),
        score=score,
        note=note,
    )
    return decision


def decide_tie(
    session: Session,
    contest: Contest,
    round_: Round,
    order: Sequence[str],
    *,
    note: str | None,
    actor: str,
) -> TieDecision:
    """Order a tied group (shortcodes best first); the group must be exactly a current tie."""
    if round_.status not in (CLOSED, FINALIZED):
        raise NotAllowedNow(
            f"Round {round_.name!r} is {round_.status}; votes can still change.",
            "Close the round before deciding ties.",
        )
    following = next_round(session, round_)
    if following is not None and following.status != DRAFT:
        raise NotAllowedNow(
            f"Round {following.name!r} has started with the entries this round sent on.",
            "Ties of this round can no longer change who advanced.",
        )
    if following is None and contest.results_published_at is not None:
        raise NotAllowedNow(
            "The results are published.", "Unpublish them first: downtown-snap unpublish"
        )
    if not note or not note.strip():
        raise UserFacingError(
            "A tie decision needs a note.", "Say why this order, e.g. --note 'Jury vote 3:2'."
        )
    order = [code.strip() for code in order if code.strip()]
    standings = round_standings(session, round_)
    tie = next((tie for tie in standings.ties if set(tie.shortcodes) == set(order)), None)
    if tie is None or len(order) != len(set(order)):
        current = "; ".join(", ".join(tie.shortcodes) for tie in standings.ties) or "none"
        raise UserFacingError(
            f"{', '.join(order)} is not one of this round's ties.",
            f"Name every entry of one tie, best first. Current ties: {current}.",
        )
    ids = {row.shortcode: row.entry_id for row in standings.rows}
    return _record(
        session,
        round_,
        [ids[code] for code in order],
        order,
        note=note.strip(),
        decided_by=actor,
        score=tie.score,
    )


def apply_tie_break_rule(
    session: Session, contest: Contest, round_: Round, settings: JudgingSettings
) -> list[TieDecision]:
    """Order every undecided tie of the round by the contest's rule, where the rule can."""
    rule = settings.tie_break
    if rule is None:
        return []
    standings = round_standings(session, round_)
    undecided = [tie for tie in standings.ties if tie.decided_by is None]
    if not undecided:
        return []
    ids = {row.shortcode: row.entry_id for row in standings.rows}
    facts = _facts(session, contest, list(ids.values()))
    decisions = []
    for tie in undecided:
        ordered = order_by_rule([ids[code] for code in tie.shortcodes], rule, facts)
        if ordered is None:
            continue  # the rule cannot separate them: organisers decide
        codes = {entry_id: code for code, entry_id in ids.items()}
        decisions.append(
            _record(
                session,
                round_,
                ordered,
                [codes[entry_id] for entry_id in ordered],
                note=f"Tie-break rule of the contest file: {TIE_BREAK_RULES[rule]}.",
                decided_by=f"rule:{rule}",
                score=tie.score,
            )
        )
    return decisions


def _facts(session: Session, contest: Contest, entry_ids: list[int]) -> dict[int, EntryFacts]:
    frozen = dict(
        session.execute(
            select(ShortlistItem.entry_id, ShortlistItem.likes_at_freeze).where(
                ShortlistItem.contest_id == contest.id, ShortlistItem.entry_id.in_(entry_ids)
            )
        ).all()
    )
    return {
        row.id: EntryFacts(
            likes_at_freeze=frozen.get(row.id) if frozen.get(row.id) is not None else row.likes,
            posted_at=row.posted_at,
        )
        for row in session.execute(
            select(Entry.id, Entry.likes, Entry.posted_at).where(Entry.id.in_(entry_ids))
        )
    }
