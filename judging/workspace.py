"""The juror's door into judging: `JurorWorkspace(session, user)`.

Permissions live in the structure (Montage's lesson): the jury pages receive this object, which
can only reach rounds the user is a juror of and only the user's own tasks and votes. It has no
organiser operation to call, and what it returns is blind: the first photo (by content hash),
the town and the caption with handles, names, e-mail addresses and links masked; never the
username, the shortcode, the like count or other jurors' votes.

Tasks are addressed by their task id (the `Assignment` id), never by shortcode, because a
shortcode is the post's public address and would reveal its author and likes.

The returned views (`TaskView`, `BlindEntry`, `Progress`, ...) live in `judging.juror_views`.

Methods (all raise `judging.errors.NotFound` for anything that is not the juror's):
- `rounds()` -> rounds the user judges (not drafts), with progress ("12 of 40").
- `tasks(round_id)` -> the user's tasks in their shuffled order, with their own votes.
- `ballot(round_id)` -> a ranking round's tasks in the user's current ranking order.
- `next_task(round_id)` -> the first open task, then the skipped ones; None when all are done.
  `next_task_id(round_id)` -> just its id (for a redirect after a vote).
- `round_of(task_id)` -> the round a task belongs to, as `rounds()` describes it.
- `task(task_id)` -> one blind task with position, own vote, previous and next task ids.
- `method(round_id)` -> the round's `RoundMethod` (scale, criteria, ballot) to build the form.
- `cast_vote(task_id, value)` -> cast or change a yes/no or rating vote while the round runs.
- `submit_ranking(round_id, task_ids_best_first)` / `submit_points(round_id, {task_id: points})`
  -> a whole ballot in a ranking round.
- `skip(task_id)` -> vote later; `recuse(task_id, reason)` -> step aside (the task goes to
  another juror).
- `progress(round_id)`, `score_distribution(round_id)` -> the user's own numbers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Assignment, Contest, Entry, Round, RoundJuror, User, Vote
from judging.assignment import COUNTING, DONE, OPEN, RECUSED, SKIPPED
from judging.assignments import redistribute
from judging.ballots import (
    RoundMethod,
    order_ballot,
    points_ballot,
    ranking_vote_score,
    score_vote,
)
from judging.errors import NotAllowedNow, NotFound
from judging.juror_views import (
    BlindEntry,
    JurorRound,
    Progress,
    TaskView,
    VoteReceipt,
    blind_entries,
)
from judging.lifecycle import ACTIVE, DRAFT

VISIBLE_TASKS = (OPEN, SKIPPED, DONE, RECUSED)


class JurorWorkspace:
    """Everything one juror may do and see; see the module docstring for the methods."""

    def __init__(self, session: Session, user: User) -> None:
        if not user.active:
            raise NotAllowedNow("This juror account is deactivated.")
        self.session = session
        self.user = user

    # -- looking up what is the juror's ------------------------------------------------------
    def _round(self, round_id: int) -> Round:
        round_ = self.session.scalar(
            select(Round)
            .join(RoundJuror, RoundJuror.round_id == Round.id)
            .where(Round.id == round_id, RoundJuror.user_id == self.user.id, Round.status != DRAFT)
        )
        if round_ is None:
            raise NotFound("No such round among yours.")
        return round_

    def _task(self, task_id: int) -> tuple[Assignment, Round]:
        """The juror's task and its round (not a draft, and the juror still on its jury)."""
        row = self.session.execute(
            select(Assignment, Round)
            .join(Round, Round.id == Assignment.round_id)
            .join(
                RoundJuror,
                (RoundJuror.round_id == Round.id) & (RoundJuror.user_id == self.user.id),
            )
            .where(
                Assignment.id == task_id,
                Assignment.user_id == self.user.id,
                Assignment.status.in_(VISIBLE_TASKS),
                Round.status != DRAFT,
            )
        ).first()
        if row is None:
            raise NotFound("No such task among yours.")
        return row[0], row[1]

    def _counting(self, round_id: int) -> Any:
        return select(Assignment).where(
            Assignment.round_id == round_id,
            Assignment.user_id == self.user.id,
            Assignment.status.in_(COUNTING),
        )

    @staticmethod
    def _require_voting(round_: Round) -> None:
        if round_.status != ACTIVE:
            raise NotAllowedNow(
                f"Round {round_.name!r} is {round_.status}; votes can no longer change.",
                "Ask the organisers if something must still be corrected.",
            )

    # -- what the juror sees -----------------------------------------------------------------
    def _juror_rounds(self, *conditions: Any) -> list[JurorRound]:
        rows = self.session.execute(
            select(Round, Contest.name)
            .join(RoundJuror, RoundJuror.round_id == Round.id)
            .join(Contest, Contest.id == Round.contest_id)
            .where(RoundJuror.user_id == self.user.id, Round.status != DRAFT, *conditions)
            .order_by(Contest.id, Round.sequence)
        ).all()
        return [
            JurorRound(
                round_id=round_.id,
                contest_name=contest_name,
                name=round_.name,
                sequence=round_.sequence,
                method=RoundMethod.from_round(round_.method, round_.config),
                status=round_.status,
                voting_open=round_.status == ACTIVE,
                progress=self._progress(round_.id),
            )
            for round_, contest_name in rows
        ]

    def rounds(self) -> list[JurorRound]:
        return self._juror_rounds()

    def round_of(self, task_id: int) -> JurorRound:
        """The round a task of the juror's belongs to (cheaper than `task` when the page needs
        only the round: its method, whether it still takes votes)."""
        owned = (
            select(Assignment.round_id)
            .where(
                Assignment.id == task_id,
                Assignment.user_id == self.user.id,
                Assignment.status.in_(VISIBLE_TASKS),
            )
            .scalar_subquery()
        )
        found = self._juror_rounds(Round.id == owned)
        if not found:
            raise NotFound("No such task among yours.")
        return found[0]

    def method(self, round_id: int) -> RoundMethod:
        round_ = self._round(round_id)
        return RoundMethod.from_round(round_.method, round_.config)

    def progress(self, round_id: int) -> Progress:
        self._round(round_id)
        return self._progress(round_id)

    def _progress(self, round_id: int) -> Progress:
        counts = Counter(
            dict(
                self.session.execute(
                    select(Assignment.status, func.count(Assignment.id))
                    .where(Assignment.round_id == round_id, Assignment.user_id == self.user.id)
                    .group_by(Assignment.status)
                ).all()
            )
        )
        return Progress(
            done=counts[DONE],
            total=counts[OPEN] + counts[SKIPPED] + counts[DONE],
            skipped=counts[SKIPPED],
            recused=counts[RECUSED],
        )

    def _blind(self, entry_ids: Sequence[int]) -> dict[int, BlindEntry]:
        return blind_entries(self.session, entry_ids)

    def _votes(self, round_id: int, entry_ids: Sequence[int]) -> dict[int, Vote]:
        return {
            vote.entry_id: vote
            for vote in self.session.scalars(
                select(Vote).where(
                    Vote.round_id == round_id,
                    Vote.user_id == self.user.id,
                    Vote.entry_id.in_(list(entry_ids)),
                )
            )
        }

    def tasks(self, round_id: int) -> list[TaskView]:
        """The juror's tasks in their own shuffled order; recused ones at the end."""
        self._round(round_id)
        tasks = list(
            self.session.scalars(
                select(Assignment)
                .where(
                    Assignment.round_id == round_id,
                    Assignment.user_id == self.user.id,
                    Assignment.status.in_(VISIBLE_TASKS),
                )
                .order_by(Assignment.sort_key, Assignment.id)
            )
        )
        counting = [task for task in tasks if task.status in COUNTING]
        recused = [task for task in tasks if task.status == RECUSED]
        entry_ids = [task.entry_id for task in tasks]
        blind = self._blind(entry_ids)
        votes = self._votes(round_id, entry_ids)
        views = []
        for index, task in enumerate(counting):
            views.append(
                TaskView(
                    task_id=task.id,
                    round_id=round_id,
                    position=index + 1,
                    total=len(counting),
                    status=task.status,
                    vote=votes[task.entry_id].value if task.entry_id in votes else None,
                    entry=blind[task.entry_id],
                    previous_task_id=counting[index - 1].id if index > 0 else None,
                    next_task_id=counting[index + 1].id if index + 1 < len(counting) else None,
                )
            )
        views.extend(
            TaskView(task.id, round_id, 0, len(counting), RECUSED, None, blind[task.entry_id])
            for task in recused
        )
        return views

    def ballot(self, round_id: int) -> list[TaskView]:
        """A ranking round's tasks in the juror's current order: their submitted ranking (or
        points, highest first), entries not ranked yet after it in the shuffled order."""
        views = [view for view in self.tasks(round_id) if view.status != RECUSED]

        def place(view: TaskView) -> tuple[int, float]:
            if view.vote is None:
                return (1, 0.0)
            if "rank" in view.vote:
                return (0, float(view.vote["rank"]))
            return (0, -float(view.vote.get("points", 0)))

        return sorted(views, key=place)

    def task(self, task_id: int) -> TaskView:
        task, round_ = self._task(task_id)
        # The juror's counting tasks in their order, in one query; a round holds a few hundred
        # at most, so neighbours and position are found here rather than by four queries.
        order = [
            (sort_key, other_id)
            for other_id, sort_key in self.session.execute(
                select(Assignment.id, Assignment.sort_key)
                .where(
                    Assignment.round_id == round_.id,
                    Assignment.user_id == self.user.id,
                    Assignment.status.in_(COUNTING),
                )
                .order_by(Assignment.sort_key, Assignment.id)
            )
        ]
        key = (task.sort_key, task.id)
        earlier = bisect_left(order, key)
        later = bisect_right(order, key)
        vote = self._votes(round_.id, [task.entry_id]).get(task.entry_id)
        return TaskView(
            task_id=task.id,
            round_id=round_.id,
            position=earlier + 1 if task.status in COUNTING else 0,
            total=len(order),
            status=task.status,
            vote=vote.value if vote else None,
            entry=self._blind([task.entry_id])[task.entry_id],
            previous_task_id=order[earlier - 1][1] if earlier > 0 else None,
            next_task_id=order[later][1] if later < len(order) else None,
        )

    def next_task(self, round_id: int) -> TaskView | None:
        """The first open task in the juror's order, then the skipped ones."""
        task_id = self.next_task_id(round_id)
        return self.task(task_id) if task_id is not None else None

    def next_task_id(self, round_id: int) -> int | None:
        """The id of `next_task`, without building its view."""
        self._round(round_id)
        for status in (OPEN, SKIPPED):
            task_id = self.session.scalar(
                select(Assignment.id)
                .where(
                    Assignment.round_id == round_id,
                    Assignment.user_id == self.user.id,
                    Assignment.status == status,
                )
                .order_by(Assignment.sort_key, Assignment.id)
                .limit(1)
            )
            if task_id is not None:
                return task_id
        return None

    def score_distribution(self, round_id: int) -> dict[str, int]:
        """How the juror's own votes spread: stars 1..scale, yes/no, or points given."""
        round_ = self._round(round_id)
        method = RoundMethod.from_round(round_.method, round_.config)
        scores = list(
            self.session.scalars(
                select(Vote.score).where(Vote.round_id == round_id, Vote.user_id == self.user.id)
            )
        )
        if method.method == "yesno":
            yes = sum(1 for score in scores if score > 0)
            return {"yes": yes, "no": len(scores) - yes}
        if method.method == "rating":
            counts = Counter(round(score) for score in scores)
            return {str(star): counts[star] for star in range(1, method.scale + 1)}
        if method.ballot == "points":
            counts = Counter(int(score) for score in scores if score > 0)
            return {str(points): counts[points] for points in range(10, 0, -1)}
        return {}

    # -- what the juror does -----------------------------------------------------------------
    def _store_vote(
        self, round_: Round, task: Assignment, value: Mapping[str, Any], score: float
    ) -> tuple[Vote, Mapping[str, Any] | None]:
        vote = self.session.scalar(
            select(Vote).where(
                Vote.round_id == round_.id,
                Vote.entry_id == task.entry_id,
                Vote.user_id == self.user.id,
            )
        )
        before = dict(vote.value) if vote else None
        if vote is None:
            vote = Vote(
                round_id=round_.id,
                entry_id=task.entry_id,
                user_id=self.user.id,
                value=dict(value),
                score=score,
            )
            self.session.add(vote)
        else:
            vote.value = dict(value)
            vote.score = score
        task.status = DONE
        return vote, before

    def cast_vote(self, task_id: int, value: Mapping[str, Any]) -> VoteReceipt:
        """Cast or change a vote (yes/no: {"yes": true}; rating: {"stars": 4} or
        {"criteria": {"motif": 4, ...}}) while the round is active."""
        task, round_ = self._task(task_id)
        self._require_voting(round_)
        if task.status == RECUSED:
            raise NotAllowedNow("You stepped aside from this entry; it went to another juror.")
        method = RoundMethod.from_round(round_.method, round_.config)
        stored, score = score_vote(method, value)
        vote, before = self._store_vote(round_, task, stored, score)
        self.session.flush()
        log_action(
            self.session,
            "vote.changed" if before is not None else "vote.cast",
            actor=self.user.username,
            contest_id=round_.contest_id,
            subject_type="vote",
            subject_id=vote.id,
            round=round_.id,
            entry=self._shortcode(task.entry_id),
            before=before,
            after=stored,
            score=score,
        )
        return VoteReceipt(task.id, stored, score, changed=before is not None)

    def _shortcode(self, entry_id: int) -> str:
        return self.session.scalar(select(Entry.shortcode).where(Entry.id == entry_id)) or ""

    def _ballot_tasks(self, round_id: int) -> tuple[Round, list[Assignment]]:
        round_ = self._round(round_id)
        self._require_voting(round_)
        if round_.method != "ranking":
            raise NotAllowedNow("This round takes single votes, not a ranking.")
        tasks = list(self.session.scalars(self._counting(round_id)))
        return round_, tasks

    def _submit_ballot(
        self, round_: Round, tasks: list[Assignment], values: Mapping[int, Mapping[str, Any]]
    ) -> None:
        by_id = {task.id: task for task in tasks}
        before = {}
        after = {}
        for task_id, value in values.items():
            task = by_id[task_id]
            _vote, previous = self._store_vote(round_, task, value, ranking_vote_score(value))
            code = self._shortcode(task.entry_id)
            before[code], after[code] = previous, dict(value)
        self.session.flush()
        log_action(
            self.session,
            "ballot.submitted",
            actor=self.user.username,
            contest_id=round_.contest_id,
            subject_type="round",
            subject_id=round_.id,
            before=before if any(v is not None for v in before.values()) else None,
            after=after,
        )

    def submit_ranking(self, round_id: int, task_ids_best_first: Sequence[int]) -> None:
        """An ordering ballot: every one of the juror's tasks in the round, best first."""
        round_, tasks = self._ballot_tasks(round_id)
        method = RoundMethod.from_round(round_.method, round_.config)
        if method.ballot != "order":
            raise NotAllowedNow("This round takes 10..1 points, not an ordering.")
        values = order_ballot([task.id for task in tasks], list(task_ids_best_first))
        self._submit_ballot(round_, tasks, values)

    def submit_points(self, round_id: int, points: Mapping[int, int]) -> None:
        """A top-ten ballot: distinct points 10..1 to task ids; every other task gets 0."""
        round_, tasks = self._ballot_tasks(round_id)
        method = RoundMethod.from_round(round_.method, round_.config)
        if method.ballot != "points":
            raise NotAllowedNow("This round takes an ordering, not points.")
        values = points_ballot([task.id for task in tasks], dict(points))
        self._submit_ballot(round_, tasks, values)

    def skip(self, task_id: int) -> None:
        """Vote later: the task moves behind the open ones in `next_task`."""
        task, round_ = self._task(task_id)
        self._require_voting(round_)
        if task.status != OPEN:
            raise NotAllowedNow(f"Only an open task can be skipped; this one is {task.status}.")
        task.status = SKIPPED
        self.session.flush()
        log_action(
            self.session,
            "assignment.skipped",
            actor=self.user.username,
            contest_id=round_.contest_id,
            subject_type="assignment",
            subject_id=task.id,
            round=round_.id,
        )

    def recuse(self, task_id: int, reason: str) -> None:
        """Step aside from an entry (you know the photographer, ...); your vote on it, if any,
        is removed and the entry goes to another juror."""
        if not reason or not reason.strip():
            raise UserFacingError("Please give a reason for stepping aside.")
        task, round_ = self._task(task_id)
        self._require_voting(round_)
        if task.status == RECUSED:
            return
        vote = self.session.scalar(
            select(Vote).where(
                Vote.round_id == round_.id,
                Vote.entry_id == task.entry_id,
                Vote.user_id == self.user.id,
            )
        )
        removed = dict(vote.value) if vote else None
        if vote is not None:
            self.session.delete(vote)
        before = task.status
        task.status = RECUSED
        task.recusal_reason = reason.strip()
        self.session.flush()
        log_action(
            self.session,
            "assignment.recused",
            actor=self.user.username,
            contest_id=round_.contest_id,
            subject_type="assignment",
            subject_id=task.id,
            round=round_.id,
            entry=self._shortcode(task.entry_id),
            reason=reason.strip(),
            before=before,
            removed_vote=removed,
        )
        redistribute(self.session, round_, actor=self.user.username, reason="recusal")
