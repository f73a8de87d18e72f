"""`/admin/shortlist`: the likes shortlist, live until frozen; wildcards and removals after.

Each row shows the likes counted at the freeze moment, the entry's like history as a small
chart and any like-spike flag, so organisers can spot bought likes before they freeze. Freezing,
wildcards and removals are judging's organiser operations: each is audited by the service,
and the two changes to a frozen list need a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contest.errors import UserFacingError
from contest.models import Contest, Entry, Participant, ShortlistItem
from judging.like_spikes import sparkline_svg
from judging.organiser import OrganiserJudging
from judging.shortlist import Shortlist, ShortlistRow
from web.admin.common import render_console
from web.admin.entry_views import EntryView, entry_view
from web.admin.judging_access import JudgingDep, Refusal, refused
from web.auth.pages import N_, Notice, language, redirect
from web.deps import SessionDep
from web.i18n import i18n_for

router = APIRouter(prefix="/admin")
CANDIDATES = 100  # wildcard suggestions: the most-liked accepted entries off the list

NOTICES = {
    "frozen": Notice(N_("The shortlist is frozen. It changes only by wildcards and removals now.")),
    "wildcard": Notice(N_("The entry joined the shortlist as a jury wildcard.")),
    "removed": Notice(N_("The entry is off the shortlist.")),
}


@dataclass(frozen=True, slots=True)
class ShortlistLine:
    row: ShortlistRow
    view: EntryView
    sparkline: Markup  # empty when fewer than two readings exist


@dataclass(frozen=True, slots=True)
class Candidate:
    shortcode: str
    username: str
    likes: int


@dataclass(frozen=True, slots=True)
class ShortlistPage:
    shortlist: Shortlist
    lines: list[ShortlistLine]
    candidates: list[Candidate]
    wildcard_values: dict[str, str]

    @property
    def flagged(self) -> int:
        return sum(1 for line in self.lines if line.row.spikes)

    @property
    def wildcards(self) -> int:
        return sum(1 for line in self.lines if line.row.origin == "wildcard")


def _entries(session: Session, ids: list[int]) -> dict[int, Entry]:
    found = session.scalars(
        select(Entry)
        .where(Entry.id.in_(ids))
        .options(selectinload(Entry.participant), selectinload(Entry.photos))
    )
    return {entry.id: entry for entry in found}


def _candidates(session: Session, contest: Contest) -> list[Candidate]:
    listed = select(ShortlistItem.entry_id).where(ShortlistItem.contest_id == contest.id)
    rows = session.execute(
        select(Entry.shortcode, Participant.username, Entry.likes)
        .join(Participant, Entry.participant_id == Participant.id)
        .where(
            Entry.contest_id == contest.id,
            Entry.status == "accepted",
            Entry.id.not_in(listed),
        )
        .order_by(Entry.likes.desc(), Entry.posted_at)
        .limit(CANDIDATES)
    ).all()
    return [Candidate(*row) for row in rows]


def _page(
    request: Request,
    session: Session,
    org: OrganiserJudging,
    *,
    notice: Notice | None = None,
    refusal: Refusal | None = None,
    wildcard_values: dict[str, str] | None = None,
) -> HTMLResponse:
    lang = language(request)
    label = i18n_for(request).gettext(N_("Like history"))
    shortlist = org.shortlist()
    entries = _entries(session, [row.entry_id for row in shortlist.rows])
    lines = [
        ShortlistLine(
            row=row,
            view=entry_view(entries[row.entry_id], lang),
            sparkline=Markup(sparkline_svg(row.history, label=label)),
        )
        for row in shortlist.rows
    ]
    page = ShortlistPage(
        shortlist=shortlist,
        lines=lines,
        candidates=_candidates(session, org.contest) if shortlist.frozen else [],
        wildcard_values=wildcard_values or {},
    )
    return render_console(
        request,
        "admin/shortlist.html",
        org.contest,
        section="shortlist",
        notice=refusal.notice if refusal else notice,
        status_code=refusal.status_code if refusal else 200,
        page=page,
    )


@router.get("/shortlist", response_class=HTMLResponse)
def shortlist(
    request: Request, session: SessionDep, org: JudgingDep, notice: str = ""
) -> HTMLResponse:
    return _page(request, session, org, notice=NOTICES.get(notice))


@router.post("/shortlist/freeze", response_model=None)
def freeze(
    request: Request, session: SessionDep, org: JudgingDep
) -> HTMLResponse | RedirectResponse:
    try:
        org.freeze_shortlist()
    except UserFacingError as error:
        return _page(request, session, org, refusal=refused(session, error))
    return redirect(request, "/admin/shortlist?notice=frozen")


@router.post("/shortlist/wildcards", response_model=None)
def add_wildcard(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    shortcode: Annotated[str, Form(max_length=60)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse | RedirectResponse:
    try:
        org.add_wildcard(shortcode.strip(), note)
    except UserFacingError as error:
        values = {"shortcode": shortcode, "note": note}
        return _page(request, session, org, refusal=refused(session, error), wildcard_values=values)
    return redirect(request, "/admin/shortlist?notice=wildcard")


@router.post("/shortlist/{shortcode}/remove", response_model=None)
def remove(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    shortcode: str,
    note: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse | RedirectResponse:
    try:
        org.remove_from_shortlist(shortcode, note)
    except UserFacingError as error:
        return _page(request, session, org, refusal=refused(session, error))
    return redirect(request, "/admin/shortlist?notice=removed")
