"""What every jury page shares: the juror's workspace, notices, rendering and redirects.

Handlers receive a `JurorWorkspace` (`WorkspaceDep`), never the session's whole reach: the
workspace can only touch the signed-in juror's own rounds, tasks and votes, which is how
permissions live in the structure here (Montage's lesson).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.exc import IntegrityError

from contest.models import User
from judging.errors import NotFound
from judging.workspace import JurorWorkspace
from web.auth.deps import JurorDep
from web.auth.pages import N_, Notice, redirect, render
from web.deps import SessionDep
from web.jury.views import RoundCard, ballot_url, round_url, task_url

T = TypeVar("T")

NOTICES = {
    "saved": Notice(N_("Your vote is saved.")),
    "skipped": Notice(N_("Skipped: this photo comes back after the others.")),
    "recused": Notice(N_("You stepped aside; the photo goes to another juror.")),
    "ballot-saved": Notice(N_("Your ranking is saved. You can change it while the round is open.")),
    "round-done": Notice(
        N_("All done in this round. You can change your votes until the round closes.")
    ),
}


def notice_for(code: str | None) -> Notice | None:
    return NOTICES.get(code or "")


def workspace(session: SessionDep, juror: JurorDep) -> JurorWorkspace:
    """The signed-in juror's workspace (the role check has run: `JurorDep`)."""
    record = session.get(User, juror.id)
    if record is None:  # pragma: no cover - the account vanished mid-request
        raise NotFound("No such juror.")
    return JurorWorkspace(session, record)


WorkspaceDep = Annotated[JurorWorkspace, Depends(workspace)]


def task_card(ws: JurorWorkspace, task_id: int) -> RoundCard:
    """The round of one of the juror's tasks; `NotFound` for anyone else's task."""
    return RoundCard(ws.round_of(task_id))


def round_card(ws: JurorWorkspace, round_id: int) -> RoundCard:
    """One of the juror's rounds; `NotFound` for any other (drafts and foreign rounds too)."""
    for found in ws.rounds():
        if found.round_id == round_id:
            return RoundCard(found)
    raise NotFound("No such round among yours.")


def render_jury(
    request: Request, template: str, page: Any, *, status_code: int = 200
) -> HTMLResponse:
    """A jury page: `page` is its context object; `page.notice` is shown when present."""
    return render(
        request,
        template,
        {"page": page, "notice": getattr(page, "notice", None)},
        status_code=status_code,
    )


def with_notice(url: str, code: str) -> str:
    return f"{url}?notice={code}"


def after_task(ws: JurorWorkspace, card: RoundCard, notice: str) -> str:
    """Where a juror goes after acting on a task: the next open one, then the skipped ones,
    then the round's summary; ranking rounds go back to their ballot."""
    if card.is_ranking:
        return with_notice(ballot_url(card.id), notice)
    following = ws.next_task_id(card.id)
    if following is None:
        return with_notice(round_url(card.id), "round-done")
    return with_notice(task_url(following), notice)


def go(request: Request, url: str) -> RedirectResponse:
    return redirect(request, url)


def form_values(form: Mapping[str, Any]) -> dict[str, str]:
    """Text fields of a posted form (uploads and repeated keys are not part of jury forms)."""
    return {key: value for key, value in form.items() if isinstance(value, str)}


def retry_if_raced(ws: JurorWorkspace, action: Callable[[], T]) -> T:
    """Store a vote or ballot; when the same juror's same vote raced in from a second request
    (a double click) and was inserted first, do it again: it now changes that vote.

    SQLite never gets here (form posts hold the write lock from the start); on PostgreSQL the
    losing insert waits for the winner to commit, so the second try sees its row.
    """
    try:
        with ws.session.begin_nested():
            return action()
    except IntegrityError:
        return action()
