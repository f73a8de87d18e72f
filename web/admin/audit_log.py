"""`/admin/audit`: who did what and when, filtered by action prefix, actor and date."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from contest.models import AuditEvent, Contest
from web.admin.common import ContestDep, Page, paginate, render_console
from web.admin.time_zone import contest_time_zone
from web.deps import SessionDep

router = APIRouter(prefix="/admin")


@dataclass(frozen=True, slots=True)
class AuditFilters:
    action: str = ""  # a prefix: "entry." matches entry.verdict.overridden
    actor: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive, in the contest's time zone
    until: str = ""  # YYYY-MM-DD, inclusive

    def as_query(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value}


@dataclass(frozen=True, slots=True)
class AuditPage:
    filters: AuditFilters
    results: Page[AuditEvent]
    prefixes: list[str]
    date_error: bool


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Midnight to midnight in the contest's zone (DST days are 23 or 25 hours long)."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def action_prefixes(actions: list[str]) -> list[str]:
    """`entry.`, `entry.verdict.` … for the filter's suggestions, from the actions recorded."""
    prefixes = set()
    for action in actions:
        parts = action.split(".")
        for length in range(1, len(parts)):
            prefixes.add(".".join(parts[:length]) + ".")
    return sorted(prefixes)


def audit_query(
    contest: Contest, filters: AuditFilters, zone: ZoneInfo
) -> Select[tuple[AuditEvent]]:
    query = select(AuditEvent).where(
        or_(AuditEvent.contest_id == contest.id, AuditEvent.contest_id.is_(None))
    )
    if filters.action:
        escaped = filters.action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(AuditEvent.action.like(f"{escaped}%", escape="\\"))
    if filters.actor:
        query = query.where(AuditEvent.actor == filters.actor.strip())
    since, until = parse_day(filters.since), parse_day(filters.until)
    if since:
        query = query.where(AuditEvent.at >= day_bounds(since, zone)[0])
    if until:
        query = query.where(AuditEvent.at < day_bounds(until, zone)[1])
    return query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def _known_actions(session: Session, contest: Contest) -> list[str]:
    return list(
        session.scalars(
            select(AuditEvent.action)
            .where(or_(AuditEvent.contest_id == contest.id, AuditEvent.contest_id.is_(None)))
            .distinct()
        )
    )


@router.get("/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    action: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
    page: int = 1,
) -> HTMLResponse:
    filters = AuditFilters(
        action=action[:80], actor=actor[:120], since=since[:10], until=until[:10]
    )
    zone = contest_time_zone(contest)
    results = paginate(
        session, audit_query(contest, filters, zone), page=page, base_query=filters.as_query()
    )
    data = AuditPage(
        filters=filters,
        results=results,
        prefixes=action_prefixes(_known_actions(session, contest)),
        date_error=any(text and parse_day(text) is None for text in (since, until)),
    )
    return render_console(request, "admin/audit.html", contest, section="audit", page=data)
