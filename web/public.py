"""Public pages (no log-in): the gallery of accepted entries and one entry on its own."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from web.deps import SessionDep
from web.i18n import N_
from web.public_context import ContestDep
from web.public_facets import gallery_facets
from web.public_queries import (
    GalleryQuery,
    GallerySort,
    GalleryStats,
    gallery_entries,
    public_entry,
)
from web.public_views import EntryCard, Pagination, entry_card, paginate, query_url
from web.templating import render

router = APIRouter()

PER_PAGE = 24
SORT_LABELS = {GallerySort.newest: N_("Newest first"), GallerySort.likes: N_("Most liked")}


@dataclass(frozen=True)
class TownOption:
    name: str
    entries: int


@dataclass(frozen=True)
class GalleryPage:
    contest_name: str
    cards: tuple[EntryCard, ...]
    total: int
    stats: GalleryStats
    towns: tuple[TownOption, ...]
    town: str | None
    sort: GallerySort
    sort_labels: dict[GallerySort, str]
    pagination: Pagination

    @property
    def filtered(self) -> bool:
        return bool(self.town) or self.sort is not GallerySort.newest


@dataclass(frozen=True)
class EntryPage:
    contest_name: str
    card: EntryCard


def parse_page_number(raw: str | None) -> int:
    """Page numbers from the query string; anything odd means the first page."""
    try:
        return max(1, min(int(raw or "1"), 100_000))
    except ValueError:
        return 1


def parse_sort(raw: str | None) -> GallerySort:
    try:
        return GallerySort(raw or GallerySort.newest)
    except ValueError:
        return GallerySort.newest


@router.get("/")
def gallery(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    town: str | None = None,
    sort: str | None = None,
    page: str | None = None,
) -> Response:
    town = (town or "").strip()[:120] or None
    query = GalleryQuery(
        town=town, sort=parse_sort(sort), page=parse_page_number(page), per_page=PER_PAGE
    )
    facets = gallery_facets(request, session, contest.id)
    known_total = dict(facets.towns).get(town, 0) if town else facets.stats.entries
    result = gallery_entries(session, contest.id, query, total=known_total)
    sort_param = None if query.sort is GallerySort.newest else query.sort.value

    def url_for_page(number: int) -> str:
        return query_url("/", town=town, sort=sort_param, page=None if number == 1 else number)

    page_context = GalleryPage(
        contest_name=contest.name,
        cards=tuple(entry_card(entry) for entry in result.entries),
        total=result.total,
        stats=facets.stats,
        towns=tuple(TownOption(name, n) for name, n in facets.towns),
        town=town,
        sort=query.sort,
        sort_labels=SORT_LABELS,
        pagination=paginate(result.page, result.total, PER_PAGE, url_for_page),
    )
    return render(request, "gallery.html", page_context)


@router.get("/entries/{shortcode}")
def entry_detail(
    request: Request, shortcode: str, session: SessionDep, contest: ContestDep
) -> Response:
    entry = public_entry(session, contest.id, shortcode[:40])
    if entry is None:
        raise HTTPException(status_code=404)
    return render(request, "entry.html", EntryPage(contest.name, entry_card(entry)))
