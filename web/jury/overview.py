"""The juror's rounds (`/jury`), one round's own progress and score distribution, and the
"next task" button."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from web.auth.deps import JurorDep
from web.jury.charts import distribution
from web.jury.common import (
    WorkspaceDep,
    go,
    notice_for,
    render_jury,
    round_card,
    with_notice,
)
from web.jury.views import (
    OverviewPage,
    RoundCard,
    RoundPage,
    ballot_url,
    round_url,
    task_rows,
    task_url,
    vote_scores,
)

router = APIRouter()

RoundId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/jury", response_class=HTMLResponse)
def overview(request: Request, ws: WorkspaceDep, juror: JurorDep, notice: str = "") -> HTMLResponse:
    cards = tuple(RoundCard(found) for found in ws.rounds())
    page = OverviewPage(juror.display_name, cards, notice_for(notice))
    return render_jury(request, "jury/overview.html", page)


@router.get("/jury/rounds/{round_id}", response_class=HTMLResponse)
def round_page(
    request: Request, ws: WorkspaceDep, round_id: RoundId, notice: str = ""
) -> HTMLResponse:
    card = round_card(ws, round_id)
    tasks = ws.ballot(round_id) if card.is_ranking else ws.tasks(round_id)
    if card.is_ranking:  # recused ones are not on the ballot; list them after it
        tasks += [task for task in ws.tasks(round_id) if task.status == "recused"]
    method = card.method
    counts = ws.score_distribution(round_id)
    page = RoundPage(
        card=card,
        rows=task_rows(method, tasks),
        distribution=distribution(method, counts, vote_scores(method, tasks)),
        notice=notice_for(notice),
    )
    return render_jury(request, "jury/round.html", page)


@router.get("/jury/rounds/{round_id}/next")
def next_task(request: Request, ws: WorkspaceDep, round_id: RoundId) -> RedirectResponse:
    """The button on the overview: the first open task, then the skipped ones."""
    card = round_card(ws, round_id)
    if card.is_ranking:
        return go(request, ballot_url(round_id))
    if not card.round.voting_open:
        return go(request, round_url(round_id))
    following = ws.next_task(round_id)
    if following is None:
        return go(request, with_notice(round_url(round_id), "round-done"))
    return go(request, task_url(following.task_id))
