"""Ranking rounds: the juror's whole ballot on one page, as an ordering or as 10..1 points.

Without JavaScript the juror types places (or picks points) and saves; `static/jury.js` adds
drag-and-drop, move buttons and keys, and keeps the typed places in step, so both paths post
the same form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from judging.juror_views import TaskView
from web.auth.pages import Notice
from web.jury.common import (
    WorkspaceDep,
    go,
    notice_for,
    render_jury,
    retry_if_raced,
    round_card,
    with_notice,
)
from web.jury.forms import (
    FormProblem,
    order_from_form,
    points_field,
    points_from_form,
    points_of,
)
from web.jury.labels import Label
from web.jury.tasks import FormDep, require_voting
from web.jury.views import (
    BallotItem,
    BallotPage,
    RoundCard,
    ballot_url,
    next_url,
    photo_of,
)

router = APIRouter()

RoundId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def ballot_page(
    card: RoundCard,
    tasks: Sequence[TaskView],
    *,
    notice: Notice | None = None,
    problem: Label | None = None,
    posted: Mapping[str, str] | None = None,
) -> BallotPage:
    items = []
    for place, task in enumerate(tasks, start=1):
        if posted is not None:
            raw = posted.get(points_field(task.task_id), "")
            points = int(raw) if raw.isdigit() else 0
        else:
            points = points_of(task.vote)
        items.append(BallotItem(task, photo_of(task.entry), place, points))
    return BallotPage(
        card=card,
        items=tuple(items),
        submitted=any(task.vote for task in tasks),
        notice=notice,
        problem=problem,
    )


@router.get("/jury/rounds/{round_id}/ballot", response_model=None)
def show_ballot(
    request: Request, ws: WorkspaceDep, round_id: RoundId, notice: str = ""
) -> HTMLResponse | RedirectResponse:
    card = round_card(ws, round_id)
    if not card.is_ranking:
        return go(request, next_url(round_id))
    page = ballot_page(card, ws.ballot(round_id), notice=notice_for(notice))
    return render_jury(request, "jury/ballot.html", page)


@router.post("/jury/rounds/{round_id}/ballot", response_model=None)
def save_ballot(
    request: Request, ws: WorkspaceDep, round_id: RoundId, form: FormDep
) -> HTMLResponse | RedirectResponse:
    card = round_card(ws, round_id)
    if not card.is_ranking:
        return go(request, next_url(round_id))
    require_voting(card)
    tasks = ws.ballot(round_id)
    task_ids = [task.task_id for task in tasks]
    if card.method.ballot == "points":
        try:
            points = points_from_form(task_ids, form)
        except FormProblem as problem:
            page = ballot_page(
                card, tasks, problem=Label(problem.message, problem.params), posted=form
            )
            return render_jury(request, "jury/ballot.html", page, status_code=400)
        retry_if_raced(ws, lambda: ws.submit_points(round_id, points))
    else:
        order = order_from_form(task_ids, form)
        retry_if_raced(ws, lambda: ws.submit_ranking(round_id, order))
    return go(request, with_notice(ballot_url(round_id), "ballot-saved"))
