"""What each jury page shows: small frozen records built from the workspace's blind views.

Only what `JurorWorkspace` returns goes in (it is blind: no username, shortcode or like count),
so nothing here can leak the author of a photo. Addresses of pages live here too, so templates
and handlers agree on them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from judging.assignment import OPEN, RECUSED
from judging.ballots import RoundMethod, score_vote
from judging.juror_views import BlindEntry, JurorRound, TaskView
from web.auth.pages import Notice
from web.jury.charts import Distribution
from web.jury.forms import criterion_field
from web.jury.labels import Label, method_label, round_status_label, task_status_label
from web.jury.labels import weight_percent as weight_percents
from web.public_views import PhotoView

CAPTION_PREVIEW = 140


def overview_url() -> str:
    return "/jury"


def round_url(round_id: int) -> str:
    return f"/jury/rounds/{round_id}"


def next_url(round_id: int) -> str:
    return f"/jury/rounds/{round_id}/next"


def ballot_url(round_id: int) -> str:
    return f"/jury/rounds/{round_id}/ballot"


def task_url(task_id: int) -> str:
    return f"/jury/tasks/{task_id}"


def photo_of(entry: BlindEntry) -> PhotoView | None:
    if not entry.photo_sha256:
        return None
    return PhotoView(entry.photo_sha256, True, entry.photo_width, entry.photo_height)


def preview(text: str, limit: int = CAPTION_PREVIEW) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) <= limit:
        return cleaned
    return cleaned[:limit].rsplit(" ", 1)[0] + " …"


def alt_text(entry: BlindEntry) -> str:
    """Instagram's image description (already blind), else the start of the masked caption."""
    return preview(entry.alt_text or entry.caption or "", 200)


@dataclass(frozen=True)
class RoundCard:
    """One of the juror's rounds, as the overview and every page header show it."""

    round: JurorRound

    @property
    def id(self) -> int:
        return self.round.round_id

    @property
    def method(self) -> RoundMethod:
        return self.round.method

    @property
    def method_label(self) -> Label:
        return method_label(self.round.method)

    @property
    def status_label(self) -> str:
        return round_status_label(self.round.status)

    @property
    def is_ranking(self) -> bool:
        return self.round.method.method == "ranking"

    @property
    def url(self) -> str:
        return round_url(self.id)

    @property
    def next_url(self) -> str:
        return next_url(self.id)

    @property
    def ballot_url(self) -> str:
        return ballot_url(self.id)


@dataclass(frozen=True)
class OverviewPage:
    display_name: str
    rounds: tuple[RoundCard, ...]
    notice: Notice | None = None


@dataclass(frozen=True)
class VoteSummary:
    """A vote in a few words: "4 stars", "yes", "place 2 of 10", "8 points", criteria stars."""

    kind: str  # none | yes | no | stars | criteria | rank | points
    value: float | int | None = None
    of: int | None = None
    criteria: tuple[tuple[str, int], ...] = ()


def summarise_vote(method: RoundMethod, vote: Mapping[str, Any] | None) -> VoteSummary:
    if not vote:
        return VoteSummary("none")
    if "yes" in vote:
        return VoteSummary("yes" if vote["yes"] else "no")
    if "stars" in vote:
        return VoteSummary("stars", int(vote["stars"]))
    if "criteria" in vote:
        stars = vote["criteria"]
        labels = tuple((c.label, int(stars[c.key])) for c in method.criteria if c.key in stars)
        _stored, score = score_vote(method, vote)
        return VoteSummary("criteria", round(score, 1), criteria=labels)
    if "rank" in vote:
        return VoteSummary("rank", int(vote["rank"]), of=int(vote.get("of", 0)))
    if "points" in vote:
        points = int(vote["points"])
        return VoteSummary("points", points) if points else VoteSummary("none")
    return VoteSummary("none")


@dataclass(frozen=True)
class TaskRow:
    """A task in the round page's list."""

    task: TaskView
    photo: PhotoView | None
    vote: VoteSummary

    @property
    def url(self) -> str:
        return task_url(self.task.task_id)

    @property
    def status_label(self) -> str:
        return task_status_label(self.task.status)

    @property
    def town(self) -> str | None:
        return self.task.entry.town

    @property
    def alt(self) -> str:
        return alt_text(self.task.entry)


@dataclass(frozen=True)
class RoundPage:
    card: RoundCard
    rows: tuple[TaskRow, ...]
    distribution: Distribution
    notice: Notice | None = None

    @property
    def open_rows(self) -> tuple[TaskRow, ...]:
        return tuple(row for row in self.rows if row.task.status != RECUSED)

    @property
    def recused_rows(self) -> tuple[TaskRow, ...]:
        return tuple(row for row in self.rows if row.task.status == RECUSED)


def task_rows(method: RoundMethod, tasks: Sequence[TaskView]) -> tuple[TaskRow, ...]:
    return tuple(
        TaskRow(task, photo_of(task.entry), summarise_vote(method, task.vote)) for task in tasks
    )


def vote_scores(method: RoundMethod, tasks: Sequence[TaskView]) -> list[float]:
    """The exact scores of the juror's yes/no and rating votes, for their mean."""
    if method.method == "ranking":
        return []
    return [score_vote(method, task.vote)[1] for task in tasks if task.vote]


@dataclass(frozen=True)
class CriterionRow:
    index: int
    label: str
    weight_percent: int
    chosen: int | None

    @property
    def field(self) -> str:
        return criterion_field(self.index)


@dataclass(frozen=True)
class TaskPage:
    card: RoundCard
    task: TaskView
    photo: PhotoView | None
    vote: VoteSummary
    choice: Mapping[str, str]  # the form's current selection (own vote, or what was posted)
    notice: Notice | None = None
    problem: Label | None = None
    recusal_reason: str = ""
    recusal_problem: bool = False
    criteria: tuple[CriterionRow, ...] = field(default=())

    @property
    def method(self) -> RoundMethod:
        return self.card.method

    @property
    def scale(self) -> range:
        return range(1, self.card.method.scale + 1)

    @property
    def entry(self) -> BlindEntry:
        return self.task.entry

    @property
    def alt(self) -> str:
        return alt_text(self.task.entry)

    @property
    def recused(self) -> bool:
        return self.task.status == RECUSED

    @property
    def can_vote(self) -> bool:
        return self.card.round.voting_open and not self.recused

    @property
    def can_skip(self) -> bool:
        return self.can_vote and self.task.status == OPEN and not self.card.is_ranking

    @property
    def previous_url(self) -> str | None:
        return task_url(self.task.previous_task_id) if self.task.previous_task_id else None

    @property
    def following_url(self) -> str | None:
        return task_url(self.task.next_task_id) if self.task.next_task_id else None

    @property
    def action(self) -> str:
        return task_url(self.task.task_id)


def criterion_rows(method: RoundMethod, choice: Mapping[str, str]) -> tuple[CriterionRow, ...]:
    percents = weight_percents(method)
    rows = []
    for index, criterion in enumerate(method.criteria):
        raw = choice.get(criterion_field(index), "")
        rows.append(
            CriterionRow(index, criterion.label, percents[index], int(raw) if raw else None)
        )
    return tuple(rows)


@dataclass(frozen=True)
class BallotItem:
    task: TaskView
    photo: PhotoView | None
    place: int  # 1-based position in the shown order
    points: int  # points ballots: the chosen points, 0 for none

    @property
    def url(self) -> str:
        return task_url(self.task.task_id)

    @property
    def alt(self) -> str:
        return alt_text(self.task.entry)

    @property
    def caption(self) -> str:
        return preview(self.task.entry.caption)


@dataclass(frozen=True)
class BallotPage:
    card: RoundCard
    items: tuple[BallotItem, ...]
    submitted: bool  # the juror has stored a ballot already
    notice: Notice | None = None
    problem: Label | None = None

    @property
    def points(self) -> bool:
        return self.card.method.ballot == "points"

    @property
    def point_values(self) -> range:
        return range(10, 0, -1)

    @property
    def editable(self) -> bool:
        return self.card.round.voting_open
