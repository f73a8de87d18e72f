"""Who judges what: pre-assigned, shuffled, even workload, `quorum` jurors per entry (pure).

This is Montage's model. Every entry of a round gets `quorum` tasks, each with a different juror,
spread so that workloads differ by at most one where conflicts allow. A juror never gets an entry
they are conflicted with (their own account, a relative's, a town they declared) and never gets
the same entry twice; a recusal is final for that pair.

The same planner redistributes a running round: when jurors leave or join, when the quorum
changes, when someone recuses or a conflict is declared. It only ever moves tasks that are still
open (or skipped); votes already cast stay where they are and count, even a removed juror's.
Ties between equally loaded jurors are broken by a seeded random generator, so a round's
assignment is reproducible from its recorded seed.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

OPEN, SKIPPED, DONE, RECUSED, WITHDRAWN = "open", "skipped", "done", "recused", "withdrawn"
STATUSES = (OPEN, SKIPPED, DONE, RECUSED, WITHDRAWN)
MOVABLE = frozenset({OPEN, SKIPPED})
COUNTING = frozenset({OPEN, SKIPPED, DONE})
# A pair that must never be assigned again; `withdrawn` tasks were never judged.
BLOCKING = frozenset({OPEN, SKIPPED, DONE, RECUSED})

Pair = tuple[int, int]  # (entry_id, juror_id)


@dataclass(frozen=True)
class Task:
    entry_id: int
    juror_id: int
    status: str = OPEN


@dataclass(frozen=True)
class AssignmentPlan:
    """Changes to make: new (or revived withdrawn) tasks, tasks to take away, shortfalls."""

    add: tuple[Pair, ...] = ()
    withdraw: tuple[Pair, ...] = ()
    short: Mapping[int, int] = field(default_factory=dict)  # entry -> tasks nobody can take

    @property
    def moves(self) -> list[tuple[int, int, int]]:
        """(entry, from juror, to juror) for every entry both withdrawn and added."""
        added: dict[int, list[int]] = {}
        for entry_id, juror_id in self.add:
            added.setdefault(entry_id, []).append(juror_id)
        moves = []
        for entry_id, juror_id in self.withdraw:
            if added.get(entry_id):
                moves.append((entry_id, juror_id, added[entry_id].pop(0)))
        return moves


class _Planner:
    def __init__(
        self,
        entries: Sequence[int],
        jurors: Sequence[int],
        quorum: int,
        forbidden: Mapping[int, Collection[int]],
        existing: Iterable[Task],
        seed: int | str,
    ) -> None:
        self.entries = sorted(set(entries))
        self.jurors = sorted(set(jurors))
        self.quorum = quorum
        self.forbidden = {juror: set(entries) for juror, entries in forbidden.items()}
        self.rng = random.Random(str(seed))
        self.status: dict[Pair, str] = {}
        # Indexes kept in step with `status`, so large rounds plan in near-linear time.
        self.by_entry: dict[int, dict[int, str]] = {}
        self.movable_of: dict[int, set[int]] = {}
        for task in existing:
            self.set_status((task.entry_id, task.juror_id), task.status)
        self.original = dict(self.status)

    # -- state helpers -----------------------------------------------------------------------
    def is_forbidden(self, entry_id: int, juror_id: int) -> bool:
        return entry_id in self.forbidden.get(juror_id, ())

    def may_take(self, entry_id: int, juror_id: int) -> bool:
        return (
            not self.is_forbidden(entry_id, juror_id)
            and self.status.get((entry_id, juror_id)) not in BLOCKING
        )

    def set_status(self, pair: Pair, status: str) -> None:
        entry_id, juror_id = pair
        self.status[pair] = status
        self.by_entry.setdefault(entry_id, {})[juror_id] = status
        movable = self.movable_of.setdefault(juror_id, set())
        if status in MOVABLE:
            movable.add(entry_id)
        else:
            movable.discard(entry_id)

    def changes(self) -> tuple[tuple[Pair, ...], tuple[Pair, ...]]:
        """(added, withdrawn) compared with the state the planner started from."""
        added = [
            pair
            for pair, status in self.status.items()
            if status == OPEN and self.original.get(pair) not in MOVABLE
        ]
        withdrawn = [
            pair
            for pair, status in self.status.items()
            if status == WITHDRAWN and self.original.get(pair) in MOVABLE
        ]
        return tuple(sorted(added)), tuple(sorted(withdrawn))

    def counting(self, entry_id: int) -> int:
        return sum(1 for status in self.by_entry.get(entry_id, {}).values() if status in COUNTING)

    def loads(self) -> dict[int, int]:
        load = dict.fromkeys(self.jurors, 0)
        wanted = set(self.entries)
        for (entry_id, juror_id), status in self.status.items():
            if juror_id in load and entry_id in wanted and status in COUNTING:
                load[juror_id] += 1
        return load

    # -- the steps ---------------------------------------------------------------------------
    def release_invalid(self) -> None:
        """Open tasks of removed jurors, removed entries or newly declared conflicts go back."""
        active, wanted = set(self.jurors), set(self.entries)
        for (entry_id, juror_id), status in list(self.status.items()):
            if status in MOVABLE and (
                juror_id not in active
                or entry_id not in wanted
                or self.is_forbidden(entry_id, juror_id)
            ):
                self.set_status((entry_id, juror_id), WITHDRAWN)

    def trim_surplus(self) -> None:
        """A lowered quorum (or a returning juror) leaves too many open tasks on an entry."""
        load = self.loads()
        for entry_id in self.entries:
            surplus = self.counting(entry_id) - self.quorum
            if surplus <= 0:
                continue
            movable = [
                juror
                for juror, status in sorted(self.by_entry.get(entry_id, {}).items())
                if status in MOVABLE and juror in load
            ]
            movable.sort(key=lambda juror: (-load[juror], self.rng.random()))
            for juror_id in movable[:surplus]:
                self.set_status((entry_id, juror_id), WITHDRAWN)
                load[juror_id] -= 1

    def fill(self) -> dict[int, int]:
        """Give each entry its missing tasks, hardest entries first, least-loaded jurors first."""
        load = self.loads()
        order = list(self.entries)
        self.rng.shuffle(order)
        order.sort(key=lambda e: sum(1 for j in self.jurors if self.may_take(e, j)))
        short: dict[int, int] = {}
        for entry_id in order:
            need = self.quorum - self.counting(entry_id)
            if need <= 0:
                continue
            candidates = [j for j in self.jurors if self.may_take(entry_id, j)]
            candidates.sort(key=lambda juror: (load[juror], self.rng.random()))
            for juror_id in candidates[:need]:
                self.set_status((entry_id, juror_id), OPEN)
                load[juror_id] += 1
            if need > len(candidates):
                short[entry_id] = need - len(candidates)
        return short

    def rebalance(self) -> None:
        """Move open tasks from the busiest to the idlest jurors while loads differ by two+."""
        load = self.loads()
        while True:
            move = self._find_move(load)
            if move is None:
                return
            entry_id, source, target = move
            self.set_status((entry_id, source), WITHDRAWN)
            self.set_status((entry_id, target), OPEN)
            load[source] -= 1
            load[target] += 1

    def _find_move(self, load: dict[int, int]) -> tuple[int, int, int] | None:
        busiest = sorted(self.jurors, key=lambda juror: -load[juror])
        idlest = sorted(self.jurors, key=lambda juror: load[juror])
        for source in busiest:
            movable = sorted(self.movable_of.get(source, ()))
            for target in idlest:
                if load[source] - load[target] < 2:
                    break
                for entry_id in movable:
                    if self.may_take(entry_id, target):
                        return entry_id, source, target
        return None


def plan_assignments(
    entries: Sequence[int],
    jurors: Sequence[int],
    quorum: int,
    *,
    forbidden: Mapping[int, Collection[int]] | None = None,
    existing: Iterable[Task] = (),
    seed: int | str = 0,
) -> AssignmentPlan:
    """Plan the first assignment of a round, or the redistribution of a running one.

    `forbidden` maps a juror to the entries they must never judge (conflicts); `existing` is the
    round's current tasks. The plan never withdraws a done task and never re-assigns a pair that
    was judged or recused.
    """
    planner = _Planner(entries, jurors, quorum, forbidden or {}, existing, seed)
    planner.release_invalid()
    planner.trim_surplus()
    short = planner.fill()
    planner.rebalance()
    added, withdrawn = planner.changes()
    return AssignmentPlan(add=added, withdraw=withdrawn, short=short)


def task_sort_key(seed: int | str, juror_id: int, entry_id: int) -> int:
    """A juror's shuffled order of tasks: stable, unpredictable, independent of when assigned."""
    digest = hashlib.sha256(f"{seed}:{juror_id}:{entry_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") >> 1
