"""Tallies: from the votes of a round to one score per entry (pure, no database).

- yes/no: the share of yes votes (raw); the count of yes votes is kept as detail.
- rating: the mean score per entry (raw) and, always shown beside it, the mean of per-juror
  z-scores (normalised): each juror's scores are centred on that juror's own mean and divided by
  their standard deviation, so a strict and a generous juror weigh the same. A juror whose scores
  are all equal contributes z = 0. The round's `normalise` switch chooses which one ranks.
- ranking, Borda: a ballot of n entries gives n-1 points to its first entry down to 0 for its
  last; ballots smaller than the largest (conflicts, recusals) are scaled to the largest, and the
  score is the mean over the ballots that hold the entry (the total is kept as detail). A top-ten
  points ballot gives its points (10..1, 0 for the rest); the score is the mean points.
- ranking, Schulze: pairwise preferences from all ballots, strongest paths, and the score is the
  number of entries an entry beats on strongest paths (a Schulze winner beats all others).

Votes below the round's quorum do not vanish into an average: the entry is marked
`quorum_met=False` and organisers must accept that explicitly when finalizing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pstdev
from typing import Any

from judging.ballots import RoundMethod


@dataclass(frozen=True)
class CastVote:
    entry_id: int
    juror_id: int
    value: Mapping[str, Any]
    score: float


@dataclass(frozen=True)
class EntryTally:
    entry_id: int
    votes: int
    score: float | None  # what ranks the entry
    raw: float | None
    normalised: float | None
    quorum_met: bool
    per_juror: Mapping[int, float] = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)


def tally_round(
    method: RoundMethod, entry_ids: Sequence[int], votes: Sequence[CastVote], quorum: int
) -> list[EntryTally]:
    """One tally per entry, in the order of `entry_ids`."""
    wanted = set(entry_ids)
    relevant = [vote for vote in votes if vote.entry_id in wanted]
    if method.method == "yesno":
        return _yesno(entry_ids, relevant, quorum)
    if method.method == "rating":
        return _rating(entry_ids, relevant, quorum, normalise=method.normalise)
    if method.tally == "schulze":
        return _schulze(entry_ids, relevant, quorum, ballot=method.ballot)
    return _borda(entry_ids, relevant, quorum, ballot=method.ballot)


def _by_entry(votes: Sequence[CastVote]) -> dict[int, list[CastVote]]:
    grouped: dict[int, list[CastVote]] = defaultdict(list)
    for vote in votes:
        grouped[vote.entry_id].append(vote)
    return grouped


def _yesno(entry_ids: Sequence[int], votes: Sequence[CastVote], quorum: int) -> list[EntryTally]:
    grouped = _by_entry(votes)
    tallies = []
    for entry_id in entry_ids:
        cast = grouped.get(entry_id, [])
        share = fmean(vote.score for vote in cast) if cast else None
        tallies.append(
            EntryTally(
                entry_id=entry_id,
                votes=len(cast),
                score=share,
                raw=share,
                normalised=None,
                quorum_met=len(cast) >= quorum,
                per_juror={vote.juror_id: vote.score for vote in cast},
                detail={"yes": sum(1 for vote in cast if vote.score > 0)},
            )
        )
    return tallies


def juror_z_scores(votes: Sequence[CastVote]) -> dict[tuple[int, int], float]:
    """(entry, juror) -> the vote's z-score within that juror's own votes."""
    by_juror: dict[int, list[CastVote]] = defaultdict(list)
    for vote in votes:
        by_juror[vote.juror_id].append(vote)
    z: dict[tuple[int, int], float] = {}
    for juror_id, cast in by_juror.items():
        scores = [vote.score for vote in cast]
        mean, spread = fmean(scores), pstdev(scores)
        for vote in cast:
            z[(vote.entry_id, juror_id)] = (vote.score - mean) / spread if spread > 0 else 0.0
    return z


def _rating(
    entry_ids: Sequence[int], votes: Sequence[CastVote], quorum: int, *, normalise: bool
) -> list[EntryTally]:
    grouped = _by_entry(votes)
    z = juror_z_scores(votes)
    tallies = []
    for entry_id in entry_ids:
        cast = grouped.get(entry_id, [])
        raw = fmean(vote.score for vote in cast) if cast else None
        normalised = fmean(z[(entry_id, vote.juror_id)] for vote in cast) if cast else None
        tallies.append(
            EntryTally(
                entry_id=entry_id,
                votes=len(cast),
                score=normalised if normalise else raw,
                raw=raw,
                normalised=normalised,
                quorum_met=len(cast) >= quorum,
                per_juror={vote.juror_id: vote.score for vote in cast},
            )
        )
    return tallies


def _ballots(votes: Sequence[CastVote]) -> dict[int, list[CastVote]]:
    ballots: dict[int, list[CastVote]] = defaultdict(list)
    for vote in votes:
        ballots[vote.juror_id].append(vote)
    return ballots


def _preference(vote: CastVote, ballot: str) -> float:
    """Bigger is better: points, or the negated rank."""
    return float(vote.value.get("points", 0)) if ballot == "points" else -float(vote.value["rank"])


def _borda(
    entry_ids: Sequence[int], votes: Sequence[CastVote], quorum: int, *, ballot: str
) -> list[EntryTally]:
    ballots = _ballots(votes)
    largest = max((len(cast) for cast in ballots.values()), default=0)
    points: dict[int, dict[int, float]] = defaultdict(dict)  # entry -> juror -> points
    for juror_id, cast in ballots.items():
        if ballot == "points":
            for vote in cast:
                points[vote.entry_id][juror_id] = float(vote.value.get("points", 0))
            continue
        ordered = sorted(cast, key=lambda vote: vote.value["rank"])
        size = len(ordered)
        for position, vote in enumerate(ordered):
            if size == 1:
                points[vote.entry_id][juror_id] = (largest - 1) / 2
            else:
                points[vote.entry_id][juror_id] = (size - 1 - position) * (largest - 1) / (size - 1)
    tallies = []
    for entry_id in entry_ids:
        given = points.get(entry_id, {})
        mean = fmean(given.values()) if given else None
        tallies.append(
            EntryTally(
                entry_id=entry_id,
                votes=len(given),
                score=mean,
                raw=mean,
                normalised=None,
                quorum_met=len(given) >= quorum,
                per_juror=dict(given),
                detail={"total": sum(given.values())},
            )
        )
    return tallies


def schulze_strongest_paths(
    entry_ids: Sequence[int], ballots: Mapping[int, Mapping[int, float]]
) -> dict[tuple[int, int], int]:
    """Strongest path strengths p[a, b]; ballots map juror -> entry -> preference (bigger wins)."""
    d: dict[tuple[int, int], int] = defaultdict(int)
    for preferences in ballots.values():
        for a, pa in preferences.items():
            for b, pb in preferences.items():
                if pa > pb:
                    d[(a, b)] += 1
    p: dict[tuple[int, int], int] = {}
    for a in entry_ids:
        for b in entry_ids:
            if a != b:
                p[(a, b)] = d[(a, b)] if d[(a, b)] > d[(b, a)] else 0
    for i in entry_ids:
        for j in entry_ids:
            if i == j:
                continue
            for k in entry_ids:
                if k in (i, j):
                    continue
                p[(j, k)] = max(p[(j, k)], min(p[(j, i)], p[(i, k)]))
    return p


def _schulze(
    entry_ids: Sequence[int], votes: Sequence[CastVote], quorum: int, *, ballot: str
) -> list[EntryTally]:
    ballots = {
        juror_id: {vote.entry_id: _preference(vote, ballot) for vote in cast}
        for juror_id, cast in _ballots(votes).items()
    }
    p = schulze_strongest_paths(entry_ids, ballots)
    grouped = _by_entry(votes)
    tallies = []
    for a in entry_ids:
        cast = grouped.get(a, [])
        wins = sum(1 for b in entry_ids if b != a and p[(a, b)] > p[(b, a)])
        score = float(wins) if cast else None
        tallies.append(
            EntryTally(
                entry_id=a,
                votes=len(cast),
                score=score,
                raw=score,
                normalised=None,
                quorum_met=len(cast) >= quorum,
                per_juror={vote.juror_id: vote.score for vote in cast},
                detail={"wins": wins},
            )
        )
    return tallies
