"""`/admin/review`: the entries the rules could not decide, with reasons and duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.admin.common import ContestDep, Page, paginate, render_console
from web.admin.entries import NOTICES
from web.admin.entry_queries import EntryFilters, duplicate_partners, entries_query
from web.admin.entry_views import EntryView, entry_view
from web.auth.pages import language
from web.deps import SessionDep

router = APIRouter(prefix="/admin")
REVIEW_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class ReviewPage:
    results: Page[EntryView]
    only_duplicates: bool
    return_to: str  # where a decision leads back to: this page of the queue


@router.get("/review", response_class=HTMLResponse)
def review_queue(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    duplicates: str = "",
    page: int = 1,
    notice: str = "",
) -> HTMLResponse:
    """Oldest first, so the queue is worked through in posting order."""
    filters = EntryFilters(status="review", duplicates="1" if duplicates else "", sort="oldest")
    found = paginate(
        session,
        entries_query(contest, filters),
        page=page,
        base_query={"duplicates": filters.duplicates},
        size=REVIEW_PAGE_SIZE,
    )
    partners = duplicate_partners(session, contest, list(found.items))
    lang = language(request)
    results = Page(
        items=[entry_view(entry, lang, partners) for entry in found.items],
        number=found.number,
        size=found.size,
        total=found.total,
        base_query=found.base_query,
    )
    data = ReviewPage(
        results=results,
        only_duplicates=bool(filters.duplicates),
        return_to="/admin/review" + results.link(results.number),
    )
    return render_console(
        request,
        "admin/review.html",
        contest,
        section="review",
        notice=NOTICES.get(notice),
        page=data,
    )
