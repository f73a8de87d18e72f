"""One task at a time: the photo large, the juror's vote, skip ("later") and stepping aside.

Every action is a plain form post answered with 303 to the next task, so the page works without
JavaScript; `static/jury.js` only adds the keyboard shortcuts and the zoom on top.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from judging.assignment import OPEN, RECUSED
from judging.juror_views import TaskView
from web.auth.pages import Notice
from web.jury.common import (
    WorkspaceDep,
    after_task,
    form_values,
    go,
    notice_for,
    render_jury,
    retry_if_raced,
    task_card,
)
from web.jury.errors import RoundClosed
from web.jury.forms import FormProblem, choice_from_vote, vote_from_form
from web.jury.labels import Label
from web.jury.views import (
    RoundCard,
    TaskPage,
    criterion_rows,
    photo_of,
    summarise_vote,
    task_url,
)

router = APIRouter()

TaskId = Annotated[int, Path(ge=1, le=2**31 - 1)]
REASON_LIMIT = 1000


async def posted_form(request: Request) -> dict[str, str]:
    """The posted fields (already parsed, and cached, by the CSRF check)."""
    return form_values(await request.form())


FormDep = Annotated[dict[str, str], Depends(posted_form)]


def require_voting(card: RoundCard) -> None:
    if not card.round.voting_open:
        raise RoundClosed(card.round.name)


def task_page(
    card: RoundCard,
    task: TaskView,
    *,
    choice: Mapping[str, str] | None = None,
    notice: Notice | None = None,
    problem: Label | None = None,
    recusal_reason: str = "",
    recusal_problem: bool = False,
) -> TaskPage:
    chosen = choice_from_vote(card.method, task.vote) if choice is None else dict(choice)
    return TaskPage(
        card=card,
        task=task,
        photo=photo_of(task.entry),
        vote=summarise_vote(card.method, task.vote),
        choice=chosen,
        notice=notice,
        problem=problem,
        recusal_reason=recusal_reason,
        recusal_problem=recusal_problem,
        criteria=criterion_rows(card.method, chosen),
    )


def _show(request: Request, page: TaskPage, status_code: int = 200) -> HTMLResponse:
    return render_jury(request, "jury/task.html", page, status_code=status_code)


@router.get("/jury/tasks/{task_id}", response_class=HTMLResponse)
def show_task(request: Request, ws: WorkspaceDep, task_id: TaskId, notice: str = "") -> Response:
    task = ws.task(task_id)
    card = task_card(ws, task_id)
    return _show(request, task_page(card, task, notice=notice_for(notice)))


@router.post("/jury/tasks/{task_id}/vote", response_model=None)
def vote(
    request: Request, ws: WorkspaceDep, task_id: TaskId, form: FormDep
) -> HTMLResponse | RedirectResponse:
    card = task_card(ws, task_id)
    require_voting(card)
    try:
        value = vote_from_form(card.method, form)
    except FormProblem as problem:
        task = ws.task(task_id)
        page = task_page(card, task, choice=form, problem=Label(problem.message, problem.params))
        return _show(request, page, status_code=400)
    retry_if_raced(ws, lambda: ws.cast_vote(task_id, value))
    return go(request, after_task(ws, card, "saved"))


@router.post("/jury/tasks/{task_id}/skip")
def skip(request: Request, ws: WorkspaceDep, task_id: TaskId) -> RedirectResponse:
    """Vote later. A task already voted on (or skipped) is simply passed by."""
    task = ws.task(task_id)
    card = task_card(ws, task_id)
    require_voting(card)
    if task.status == OPEN and not card.is_ranking:
        ws.skip(task_id)
        return go(request, after_task(ws, card, "skipped"))
    if task.next_task_id is not None:
        return go(request, task_url(task.next_task_id))
    return go(request, after_task(ws, card, ""))


@router.post("/jury/tasks/{task_id}/recuse", response_model=None)
def recuse(
    request: Request, ws: WorkspaceDep, task_id: TaskId, form: FormDep
) -> HTMLResponse | RedirectResponse:
    """Step aside from a photo (you recognise it, you know who took it) with a reason."""
    task = ws.task(task_id)
    card = task_card(ws, task_id)
    require_voting(card)
    if task.status == RECUSED:
        return go(request, after_task(ws, card, "recused"))
    reason = " ".join(form.get("reason", "").split())[:REASON_LIMIT]
    if not reason:
        page = task_page(card, task, recusal_problem=True)
        return _show(request, page, status_code=400)
    ws.recuse(task_id, reason)
    return go(request, after_task(ws, card, "recused"))
