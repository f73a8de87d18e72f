"""Jury forms in, workspace values out (pure): a vote, an ordering, a points ballot.

Every jury action also works as a plain HTML form, so what a browser posts is checked here before
the workspace sees it. A form that cannot be used raises `FormProblem` with an English msgid the
page translates, so the juror reads what is missing in their language instead of the domain's
English error text. The reverse direction (`choice_from_vote`) pre-selects the juror's current
vote when the page is shown again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from judging.ballots import TOP_POINTS, RoundMethod
from web.i18n import N_

YES, NO = "yes", "no"


class FormProblem(Exception):
    """What is wrong with a submitted form: an English msgid and its parameters."""

    def __init__(self, message: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.params = dict(params or {})


def criterion_field(index: int) -> str:
    """Criteria are addressed by position: their keys come from organisers and may be any text."""
    return f"criterion-{index}"


def rank_field(task_id: int) -> str:
    return f"rank-{task_id}"


def points_field(task_id: int) -> str:
    return f"points-{task_id}"


def _whole_number(raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    return int(text)


def _stars(raw: str | None, scale: int) -> int | None:
    value = _whole_number(raw)
    return value if value is not None and 1 <= value <= scale else None


def vote_from_form(method: RoundMethod, form: Mapping[str, str]) -> dict[str, Any]:
    """A yes/no or rating vote as `JurorWorkspace.cast_vote` takes it."""
    if method.method == "yesno":
        answer = form.get("vote")
        if answer not in (YES, NO):
            raise FormProblem(N_("Please choose yes or no."))
        return {"yes": answer == YES}
    if method.method != "rating":
        raise FormProblem(N_("This round takes a whole ranking; use the ranking page."))
    if not method.criteria:
        stars = _stars(form.get("stars"), method.scale)
        if stars is None:
            raise FormProblem(
                N_("Please choose from 1 to %(scale)s stars."), {"scale": method.scale}
            )
        return {"stars": stars}
    given = {}
    for index, criterion in enumerate(method.criteria):
        stars = _stars(form.get(criterion_field(index)), method.scale)
        if stars is None:
            raise FormProblem(
                N_("Please rate every criterion; %(criterion)s is missing."),
                {"criterion": criterion.label},
            )
        given[criterion.key] = stars
    return {"criteria": given}


def choice_from_vote(method: RoundMethod, vote: Mapping[str, Any] | None) -> dict[str, str]:
    """The form fields that show `vote` as chosen (empty for no vote yet)."""
    if not vote:
        return {}
    if method.method == "yesno" and "yes" in vote:
        return {"vote": YES if vote["yes"] else NO}
    if method.method == "rating" and "stars" in vote:
        return {"stars": str(vote["stars"])}
    if method.method == "rating" and isinstance(vote.get("criteria"), Mapping):
        stars = vote["criteria"]
        return {
            criterion_field(index): str(stars[criterion.key])
            for index, criterion in enumerate(method.criteria)
            if criterion.key in stars
        }
    return {}


def order_from_form(task_ids: Sequence[int], form: Mapping[str, str]) -> list[int]:
    """Task ids best first, from the place typed (or set by the page's script) for each.

    Forgiving on purpose, because people without JavaScript type the places: a photo whose
    number changed moves to that place and the others close up around it in the order they
    were shown; blank or unusable numbers leave a photo where it was.
    """
    shown = {task_id: position for position, task_id in enumerate(task_ids, start=1)}
    moved: list[tuple[int, int, int]] = []
    staying: list[int] = []
    for task_id in task_ids:
        typed = _whole_number(form.get(rank_field(task_id)))
        if typed is None or typed == shown[task_id]:
            staying.append(task_id)
        else:
            moved.append((typed, shown[task_id], task_id))
    order = list(staying)
    for typed, _shown, task_id in sorted(moved):
        order.insert(max(0, typed - 1), task_id)
    return order


def points_from_form(task_ids: Sequence[int], form: Mapping[str, str]) -> dict[int, int]:
    """Points 1..10 per task id from the ballot's selects; each number at most once, and a
    complete top ten (or as many photos as the ballot holds), so a half-filled ballot is not
    counted as the juror's final word."""
    points: dict[int, int] = {}
    holders: dict[int, int] = {}
    for task_id in task_ids:
        raw = (form.get(points_field(task_id)) or "").strip()
        if not raw:
            continue
        value = _whole_number(raw)
        if value is None or not 1 <= value <= TOP_POINTS:
            raise FormProblem(N_("Points are whole numbers from 1 to 10."))
        if value in holders:
            raise FormProblem(
                N_("%(points)s points went to two entries; each number can go to one only."),
                {"points": value},
            )
        holders[value] = task_id
        points[task_id] = value
    required = min(TOP_POINTS, len(task_ids))
    if len(points) < required:
        raise FormProblem(
            N_("Please give points to %(required)s photos, each number once; %(missing)s to go."),
            {"required": required, "missing": required - len(points)},
        )
    return points


def points_of(vote: Mapping[str, Any] | None) -> int:
    """A points ballot's stored value for one entry (0: none)."""
    return int(vote.get("points", 0)) if vote else 0
