"""Data-protection requests from the console: a participant's data as JSON, and erasure.

Both call the same services as `downtown-snap participant export|forget`, which audit
themselves (`participant.exported`, `participant.forgotten`). Erasure has a confirmation step
that lists what goes, because it cannot be undone: the entries, photos and like history of the
account in every contest, and a tombstone keeps the hashtag from bringing them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import Contest, Entry
from privacy import export_participant, forget_participant
from privacy.footprint import Footprint, find_account
from web.admin.common import ContestDep, render_console
from web.admin.downloads import attachment
from web.auth.deps import OrganiserDep
from web.auth.pages import N_, Notice, redirect
from web.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/admin")


@dataclass(frozen=True, slots=True)
class ErasurePage:
    username: str
    contests: list[Contest]
    entries: list[Entry]
    note: str = ""


def _footprint(session: Session, username: str) -> Footprint:
    """The account's rows; an unknown account is simply not found."""
    try:
        return find_account(session, username)
    except UserFacingError as error:
        raise HTTPException(status_code=404) from error


def _confirmation(
    request: Request,
    session: Session,
    contest: Contest,
    footprint: Footprint,
    *,
    notice: Notice | None = None,
    note: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    page = ErasurePage(
        username=footprint.username,
        contests=footprint.contests(session),
        entries=footprint.entries,
        note=note,
    )
    return render_console(
        request,
        "admin/participant_forget.html",
        contest,
        section="entries",
        notice=notice,
        status_code=status_code,
        page=page,
    )


@router.get("/participants/{username}/forget", response_class=HTMLResponse)
def confirm_forget(
    request: Request, session: SessionDep, contest: ContestDep, username: str
) -> HTMLResponse:
    return _confirmation(request, session, contest, _footprint(session, username))


@router.post("/participants/{username}/forget", response_model=None)
def forget(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    contest: ContestDep,
    organiser: OrganiserDep,
    username: str,
    confirm: Annotated[str, Form(max_length=5)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse | RedirectResponse:
    footprint = _footprint(session, username)
    if confirm != "1":
        notice = Notice(N_("Tick the box to confirm that the data may be erased."), "error")
        return _confirmation(
            request, session, contest, footprint, notice=notice, note=note, status_code=400
        )
    try:
        forget_participant(
            session, settings, footprint.username, actor=organiser.actor, note=note.strip() or None
        )
    except UserFacingError as error:
        session.rollback()
        return _confirmation(
            request,
            session,
            contest,
            _footprint(session, username),
            notice=Notice.untranslated(error.message),
            note=note,
            status_code=400,
        )
    return redirect(request, "/admin/entries?notice=forgotten")


@router.get("/participants/{username}/export.json", response_model=None)
def export(
    session: SessionDep, settings: SettingsDep, organiser: OrganiserDep, username: str
) -> Response:
    footprint = _footprint(session, username)
    document = export_participant(session, settings, footprint.username, actor=organiser.actor)
    body = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return attachment(
        body.encode("utf-8"),
        f"{footprint.username}-data.json",
        "application/json; charset=utf-8",
    )
