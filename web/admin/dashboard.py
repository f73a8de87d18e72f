"""`/admin`: the contest at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from contest.models import IngestRun
from web.admin import stats
from web.admin.charts import LineChart, bar_width, line_chart
from web.admin.common import ContestDep, render_console
from web.admin.judging_access import JudgingDep
from web.admin.jury_progress import RoundProgress, running_rounds
from web.deps import SessionDep

router = APIRouter(prefix="/admin")


@dataclass(frozen=True, slots=True)
class DashboardPage:
    by_status: dict[str, int]
    total: int
    participants: int
    towns: list[stats.TownRow]
    largest_town: int
    runs: list[IngestRun]
    like_chart: LineChart | None
    like_legend: list[tuple[str, str, int, str]]  # colour, label, last likes, shortcode
    round_progress: list[RoundProgress]  # rounds taking votes or waiting to be finalized
    bar_full: int = 90  # pixels of the longest town bar

    def bar(self, value: int) -> int:
        return bar_width(value, self.largest_town, full=self.bar_full)


@router.get("", response_class=HTMLResponse)
def dashboard(
    request: Request, session: SessionDep, contest: ContestDep, org: JudgingDep
) -> HTMLResponse:
    by_status = stats.entries_by_status(session, contest)
    towns = stats.entries_by_town(session, contest)
    history = stats.top_entries_like_history(session, contest)
    chart = line_chart([series for _, series in history], width=440, height=240)
    legend = []
    if chart is not None:
        drawn = [(entry, series) for entry, series in history if series.points]
        legend = [
            (line.colour, line.label, line.last_value, entry.shortcode)
            for line, (entry, _) in zip(chart.lines, drawn, strict=True)
        ]
    page = DashboardPage(
        by_status=by_status,
        total=sum(by_status.values()),
        participants=stats.participant_count(session, contest),
        towns=towns,
        largest_town=max((row.total for row in towns), default=0),
        runs=stats.recent_runs(session, contest),
        like_chart=chart,
        like_legend=legend,
        round_progress=running_rounds(org),
    )
    return render_console(request, "admin/dashboard.html", contest, section="dashboard", page=page)
