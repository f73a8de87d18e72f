"""`/admin/rounds/{id}/standings`: a round's ranking with its ties shown, never broken silently.

Ties that decide who advances or who wins a prize are shown first, each with a form to order
its entries and say why; the decision is judging's (`decide_tie`), audited with the note and
printed in the protocol. Each row also shows every juror's score, so disagreements are visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contest.errors import UserFacingError
from contest.models import Entry, Round, User
from judging.lifecycle import CLOSED, FINALIZED
from judging.organiser import OrganiserJudging
from judging.standings import RoundStandings, StandingRow, TieView
from web.admin.common import render_console
from web.admin.entry_views import EntryView, entry_view
from web.admin.judging_access import JudgingDep, Refusal, refused, round_or_404
from web.admin.jury_progress import RoundProgress, round_progress
from web.auth.pages import N_, Notice, language, redirect
from web.deps import SessionDep

router = APIRouter(prefix="/admin")

NOTICES = {"tie": Notice(N_("The tie is decided; the note is kept in the audit log."))}


@dataclass(frozen=True, slots=True)
class StandingLine:
    row: StandingRow
    view: EntryView
    scores: list[float | None]  # one per juror column, None where the juror did not vote
    last_to_go_on: bool = False  # the cut to the next round runs below this row

    @property
    def tied(self) -> bool:
        """Shares its place with another entry, undecided."""
        return bool(self.row.tie) and self.row.decided_by is None


@dataclass(frozen=True, slots=True)
class StandingsPage:
    round: Round
    standings: RoundStandings
    lines: list[StandingLine]
    jurors: list[str]  # the juror columns
    progress: RoundProgress

    @property
    def can_decide(self) -> bool:
        return self.round.status in (CLOSED, FINALIZED)

    @property
    def open_ties(self) -> list[TieView]:
        """Undecided ties that change who goes on or who wins: shown first, with photos."""
        return self.standings.open_ties

    @property
    def minor_ties(self) -> list[TieView]:
        """Undecided ties that change no outcome: listed, decidable, out of the way."""
        return [tie for tie in self.standings.ties if not tie.matters and not tie.decided_by]

    @property
    def decided_ties(self) -> list[TieView]:
        return [tie for tie in self.standings.ties if tie.decided_by]

    @property
    def open_codes(self) -> set[str]:
        return {code for tie in self.open_ties for code in tie.shortcodes}

    def line(self, shortcode: str) -> StandingLine | None:
        return next((line for line in self.lines if line.row.shortcode == shortcode), None)


def above_cut(rows: list[StandingRow], index: int, cut: int | None) -> bool:
    """Is row `index` the last one within the cut (tied rows share a position)?"""
    if cut is None or rows[index].position > cut:
        return False
    return index + 1 == len(rows) or rows[index + 1].position > cut


def _page_data(
    request: Request, session: Session, org: OrganiserJudging, round_: Round
) -> StandingsPage:
    standings = org.standings(round_)
    entries = {
        entry.id: entry
        for entry in session.scalars(
            select(Entry)
            .where(Entry.id.in_([row.entry_id for row in standings.rows]))
            .options(selectinload(Entry.participant), selectinload(Entry.photos))
        )
    }
    juror_ids = sorted({juror for row in standings.rows for juror in row.per_juror})
    names = dict(
        session.execute(select(User.id, User.username).where(User.id.in_(juror_ids))).all()
    )
    juror_ids.sort(key=lambda juror_id: names.get(juror_id, ""))
    lang = language(request)
    rows = standings.rows
    lines = [
        StandingLine(
            row=row,
            view=entry_view(entries[row.entry_id], lang),
            scores=[row.per_juror.get(juror_id) for juror_id in juror_ids],
            last_to_go_on=above_cut(rows, index, standings.cut),
        )
        for index, row in enumerate(rows)
    ]
    return StandingsPage(
        round=round_,
        standings=standings,
        lines=lines,
        jurors=[names.get(juror_id, "?") for juror_id in juror_ids],
        progress=round_progress(org, round_.id),
    )


def _render(
    request: Request,
    session: Session,
    org: OrganiserJudging,
    round_: Round,
    *,
    notice: Notice | None = None,
    refusal: Refusal | None = None,
) -> HTMLResponse:
    return render_console(
        request,
        "admin/standings.html",
        org.contest,
        section="rounds",
        notice=refusal.notice if refusal else notice,
        status_code=refusal.status_code if refusal else 200,
        page=_page_data(request, session, org, round_),
    )


@router.get("/rounds/{round_id}/standings", response_class=HTMLResponse)
def standings(
    request: Request, session: SessionDep, org: JudgingDep, round_id: int, notice: str = ""
) -> HTMLResponse:
    round_ = round_or_404(org, round_id)
    return _render(request, session, org, round_, notice=NOTICES.get(notice))


def tie_order(members: list[str], places: dict[str, str]) -> list[str] | None:
    """The tied shortcodes best first, from the place chosen for each; None if not 1..n once."""
    try:
        chosen = {code: int(places.get(code, "")) for code in members}
    except ValueError:
        return None
    if sorted(chosen.values()) != list(range(1, len(members) + 1)):
        return None
    return sorted(members, key=chosen.__getitem__)


@router.post("/rounds/{round_id}/ties", response_model=None)
async def decide_tie(
    request: Request,
    session: SessionDep,
    org: JudgingDep,
    round_id: int,
) -> HTMLResponse | RedirectResponse:
    round_ = round_or_404(org, round_id)
    form = await request.form()  # one `place_<shortcode>` field per tied entry
    members = [code for code in str(form.get("members", ""))[:2000].split(",") if code]
    places = {code: str(form.get(f"place_{code}", ""))[:4] for code in members}
    note = str(form.get("note", ""))[:2000]
    order = tie_order(members, places)
    if order is None:
        notice = Notice(N_("Give each tied entry a different place, 1 for the best."), "error")
        return _render(request, session, org, round_, refusal=Refusal(notice, 400))
    try:
        org.decide_tie(round_, order, note)
    except UserFacingError as error:
        return _render(request, session, org, round_, refusal=refused(session, error))
    return redirect(request, f"/admin/rounds/{round_.id}/standings?notice=tie")
