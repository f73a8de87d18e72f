"""Ordering entries by score, finding ties, and applying decisions about them (pure).

Ties are never broken silently. Entries with equal scores share a position ("3=") until a
decision orders them: an organiser's decision with a note, or the tie-break rule the contest file
names (recorded as a decision by `rule:<name>`). A decision applies only to exactly the group it
was made for; if reopened voting changes the group, the tie shows again.

A tie matters where it changes an outcome: when it straddles a cut (top K advance to the next
round) or touches the prize places 1..P.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

SCORE_DIGITS = 9  # scores are means of floats; equal to nine places is equal


@dataclass(frozen=True)
class Decision:
    entry_ids: tuple[int, ...]  # best first
    decided_by: str  # an organiser, or "rule:<name>"
    note: str = ""


@dataclass(frozen=True)
class Placed:
    entry_id: int
    position: int  # 1-based; shared by the members of an undecided tie
    score: float | None
    tie: tuple[int, ...] = ()  # every entry with the same score (itself included), if any
    decided_by: str | None = None  # who ordered the tie this entry is part of


@dataclass(frozen=True)
class TieGroup:
    entry_ids: tuple[int, ...]
    first_position: int
    last_position: int
    score: float
    decision: Decision | None

    @property
    def decided(self) -> bool:
        return self.decision is not None


def _key(score: float | None) -> float | None:
    return None if score is None else round(score, SCORE_DIGITS)


def rank_entries(
    scores: Sequence[tuple[int, float | None]], decisions: Sequence[Decision] = ()
) -> list[Placed]:
    """Best first; unscored entries last; later decisions for the same group win."""
    by_group = {frozenset(decision.entry_ids): decision for decision in decisions}
    groups: dict[float | None, list[int]] = {}
    for entry_id, score in scores:
        groups.setdefault(_key(score), []).append(entry_id)
    ordered_keys = sorted((key for key in groups if key is not None), reverse=True)
    if None in groups:
        ordered_keys.append(None)
    score_of = dict(scores)
    placed: list[Placed] = []
    position = 1
    for key in ordered_keys:
        members = sorted(groups[key])
        if len(members) == 1 or key is None:
            for entry_id in members:
                placed.append(Placed(entry_id, position, score_of[entry_id]))
            position += len(members)
            continue
        tie = tuple(members)
        decision = by_group.get(frozenset(members))
        if decision is None:
            placed.extend(Placed(entry_id, position, score_of[entry_id], tie) for entry_id in tie)
        else:
            for offset, entry_id in enumerate(decision.entry_ids):
                placed.append(
                    Placed(
                        entry_id, position + offset, score_of[entry_id], tie, decision.decided_by
                    )
                )
        position += len(members)
    return placed


def tie_groups(placed: Sequence[Placed], decisions: Sequence[Decision] = ()) -> list[TieGroup]:
    """Every group of two or more scored entries with equal scores, best first."""
    by_group = {frozenset(decision.entry_ids): decision for decision in decisions}
    groups: list[TieGroup] = []
    seen: set[tuple[int, ...]] = set()
    for index, item in enumerate(placed):
        if not item.tie or item.tie in seen:
            continue
        seen.add(item.tie)
        groups.append(
            TieGroup(
                entry_ids=item.tie,
                first_position=index + 1,
                last_position=index + len(item.tie),
                score=item.score if item.score is not None else 0.0,
                decision=by_group.get(frozenset(item.tie)),
            )
        )
    return groups


def tie_matters(group: TieGroup, *, cut: int | None = None, places: int | None = None) -> bool:
    """Does ordering this group change who advances (cut) or who wins which place?"""
    straddles_cut = cut is not None and group.first_position <= cut < group.last_position
    touches_places = places is not None and group.first_position <= places
    return straddles_cut or touches_places


@dataclass(frozen=True)
class EntryFacts:
    """What a tie-break rule may look at."""

    likes_at_freeze: int
    posted_at: datetime


def order_by_rule(
    entry_ids: Sequence[int], rule: str, facts: Mapping[int, EntryFacts]
) -> tuple[int, ...] | None:
    """Order a tie by a named rule; None if the rule cannot separate every member."""
    if rule == "most_likes":

        def key(entry_id: int) -> tuple[float, float]:
            return (-facts[entry_id].likes_at_freeze, facts[entry_id].posted_at.timestamp())

    elif rule == "earliest_post":

        def key(entry_id: int) -> tuple[float, float]:
            return (facts[entry_id].posted_at.timestamp(), 0.0)

    else:
        raise ValueError(f"unknown tie-break rule {rule!r}")
    ordered = sorted(entry_ids, key=key)
    keys = [key(entry_id) for entry_id in ordered]
    if len(set(keys)) != len(keys):
        return None
    return tuple(ordered)
