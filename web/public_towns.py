"""`/towns`: how many admitted entries each town has, as a map and as a list."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.deps import SessionDep
from web.public_context import ContestDep
from web.public_facets import gallery_facets
from web.public_views import query_url
from web.rules_bridge import gazetteer_towns
from web.templating import render
from web.townmap import TownMap, build_town_map

router = APIRouter()


@dataclass(frozen=True)
class TownRow:
    name: str
    entries: int
    share: float  # of the town with the most entries, 0..1, for the bar length

    @property
    def gallery_url(self) -> str:
        return query_url("/", town=self.name)

    @property
    def bar_width(self) -> int:
        """Bar length in the list's SVG units (0..100); at least a sliver when non-zero."""
        return max(2, round(self.share * 100)) if self.entries else 0


@dataclass(frozen=True)
class TownsPage:
    contest_name: str
    rows: tuple[TownRow, ...]
    total: int
    map: TownMap | None


@router.get("/towns")
def towns(request: Request, session: SessionDep, contest: ContestDep) -> Response:
    counts = gallery_facets(request, session, contest.id).towns
    most = max((n for _name, n in counts), default=0) or 1
    page = TownsPage(
        contest_name=contest.name,
        rows=tuple(TownRow(name, n, n / most) for name, n in counts),
        total=sum(n for _name, n in counts),
        map=build_town_map(gazetteer_towns(), dict(counts)),
    )
    return render(request, "towns.html", page)
