"""Entries: the filterable list, one entry's full record, and organiser decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from contest.errors import UserFacingError
from contest.models import AuditEvent
from ingest.verdicts import override_verdict
from web.admin.charts import LineChart, Series, line_chart
from web.admin.common import ContestDep, Page, paginate, render_console, with_notice
from web.admin.entry_queries import (
    NO_TOWN,
    SORTS,
    EntryFilters,
    duplicate_partners,
    entries_query,
    entry_by_shortcode,
    entry_history,
    sources_in_contest,
    towns_in_contest,
)
from web.admin.entry_views import EntryView, entry_view
from web.admin.stats import STATUSES
from web.auth.deps import OrganiserDep
from web.auth.pages import N_, Notice, language, redirect
from web.auth.redirects import safe_next
from web.deps import SessionDep

router = APIRouter(prefix="/admin")

DECISIONS = {"accepted": "accepted", "rejected": "rejected", "rules": None}
NOTICES = {
    "accepted": Notice(N_("The entry is accepted.")),
    "rejected": Notice(N_("The entry is rejected.")),
    "rules": Notice(N_("The entry follows the rules' verdict again.")),
    "added": Notice(N_("The post was added. The rules have checked it.")),
    "forgotten": Notice(
        N_("The participant's data is erased. A tombstone keeps it from being collected again.")
    ),
}


@dataclass(frozen=True, slots=True)
class EntriesPage:
    filters: EntryFilters
    results: Page[EntryView]
    towns: list[str]
    sources: list[str]
    statuses: tuple[str, ...] = STATUSES
    sorts: tuple[str, ...] = tuple(SORTS)
    no_town: str = NO_TOWN


@dataclass(frozen=True, slots=True)
class EntryPage:
    view: EntryView
    like_chart: LineChart | None
    history: list[AuditEvent]


@router.get("/entries", response_class=HTMLResponse)
def entries_list(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    status: str = "",
    town: str = "",
    source: str = "",
    decided_by: str = "",
    q: str = "",
    duplicates: str = "",
    sort: str = "newest",
    page: int = 1,
    notice: str = "",
) -> HTMLResponse:
    filters = EntryFilters(
        status=status if status in STATUSES else "",
        town=town[:120],
        source=source[:20],
        decided_by=decided_by if decided_by in {"rules", "organiser"} else "",
        q=q[:100],
        duplicates="1" if duplicates else "",
        sort=sort if sort in SORTS else "newest",
    )
    results = paginate(
        session, entries_query(contest, filters), page=page, base_query=filters.as_query()
    )
    lang = language(request)
    views = Page(
        items=[entry_view(entry, lang) for entry in results.items],
        number=results.number,
        size=results.size,
        total=results.total,
        base_query=results.base_query,
    )
    data = EntriesPage(
        filters=filters,
        results=views,
        towns=towns_in_contest(session, contest),
        sources=sources_in_contest(session, contest),
    )
    return render_console(
        request,
        "admin/entries.html",
        contest,
        section="entries",
        notice=NOTICES.get(notice),
        page=data,
    )


@router.get("/entries/{shortcode}", response_class=HTMLResponse)
def entry_detail(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    shortcode: str,
    notice: str = "",
) -> HTMLResponse:
    entry = entry_by_shortcode(session, contest, shortcode)
    if entry is None:
        raise HTTPException(status_code=404)
    partners = duplicate_partners(session, contest, [entry])
    readings = [(reading.read_at, reading.likes) for reading in entry.like_readings]
    page = EntryPage(
        view=entry_view(entry, language(request), partners),
        like_chart=line_chart([Series(label=entry.shortcode, points=readings)], height=180),
        history=entry_history(session, entry),
    )
    return render_console(
        request,
        "admin/entry.html",
        contest,
        section="entries",
        notice=NOTICES.get(notice),
        page=page,
    )


@router.post("/entries/{shortcode}/decision", response_model=None)
def decide(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    organiser: OrganiserDep,
    shortcode: str,
    decision: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    return_to: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse | HTMLResponse:
    """Accept or reject against the rules, or hand the entry back to the rules; audited."""
    entry = entry_by_shortcode(session, contest, shortcode)
    if entry is None:
        raise HTTPException(status_code=404)
    back = safe_next(return_to, fallback=f"/admin/entries/{entry.shortcode}")
    problem = None
    if decision not in DECISIONS:
        problem = Notice(N_("Choose accept, reject or back to the rules."), kind="error")
    elif decision != "rules" and len(note.strip()) < 3:
        problem = Notice(
            N_("Please write a short note why: it is kept in the audit log."), kind="error"
        )
    if problem is None:
        try:
            override_verdict(
                session,
                entry,
                status=DECISIONS[decision],
                note=note.strip(),
                actor=organiser.actor,
            )
        except UserFacingError as error:
            session.rollback()
            problem = Notice.untranslated(error.message)
    if problem is not None:
        partners = duplicate_partners(session, contest, [entry])
        page = EntryPage(
            view=entry_view(entry, language(request), partners),
            like_chart=None,
            history=entry_history(session, entry),
        )
        return render_console(
            request,
            "admin/entry.html",
            contest,
            section="entries",
            notice=problem,
            page=page,
            status_code=400,
        )
    return redirect(request, with_notice(back, decision))
