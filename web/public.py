"""Public pages (no log-in): the gallery of accepted entries."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from contest.models import Entry
from web.deps import SessionDep
from web.templating import templates

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def gallery(request: Request, session: SessionDep) -> HTMLResponse:
    entries = session.scalars(
        select(Entry)
        .where(Entry.status == "accepted")
        .options(selectinload(Entry.participant), selectinload(Entry.photos))
        .order_by(Entry.posted_at.desc())
        .limit(60)
    ).all()
    return templates.TemplateResponse(request, "gallery.html", {"entries": entries})
