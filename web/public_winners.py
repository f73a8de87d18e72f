"""`/winners`: the published places, or when the results are expected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web.deps import SessionDep
from web.public_context import ContestDep
from web.public_queries import published_results
from web.public_views import EntryCard, entry_card
from web.rules_bridge import contest_rules
from web.templating import render

router = APIRouter()


@dataclass(frozen=True)
class WinnerCard:
    place: int
    card: EntryCard


@dataclass(frozen=True)
class WinnersPage:
    contest_name: str
    published_at: datetime | None
    winners: tuple[WinnerCard, ...]
    closes_at: datetime | None  # end of the entry period, for "expected after ..."
    expected_at: datetime | None  # when the contest file names a date for the results
    places: int | None

    @property
    def podium(self) -> tuple[WinnerCard, ...]:
        return tuple(w for w in self.winners if w.place <= 3)

    @property
    def others(self) -> tuple[WinnerCard, ...]:
        return tuple(w for w in self.winners if w.place > 3)


@router.get("/winners")
def winners(request: Request, session: SessionDep, contest: ContestDep) -> Response:
    rules = contest_rules(contest.rules_toml)
    page = WinnersPage(
        contest_name=contest.name,
        published_at=contest.results_published_at,
        winners=tuple(
            WinnerCard(place.place, entry_card(entry))
            for place, entry in published_results(session, contest)
        ),
        closes_at=getattr(rules, "closes_at", None),
        expected_at=getattr(rules, "results_expected_at", None),
        places=getattr(rules, "places", None),
    )
    return render(request, "winners.html", page)
