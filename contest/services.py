"""Small services on the core tables that every command needs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest


def upsert_contest(
    session: Session, *, slug: str, name: str, rules_toml: str, source: str | None, actor: str
) -> tuple[Contest, bool]:
    """Create the contest or replace its contest file; returns (contest, created)."""
    contest = session.scalar(select(Contest).where(Contest.slug == slug))
    created = contest is None
    if contest is None:
        contest = Contest(slug=slug, name=name, rules_toml=rules_toml, rules_source=source)
        session.add(contest)
        session.flush()
        log_action(session, "contest.created", actor=actor, contest_id=contest.id, slug=slug)
    elif contest.rules_toml != rules_toml or contest.name != name:
        contest.name = name
        contest.rules_toml = rules_toml
        contest.rules_source = source
        session.flush()
        log_action(session, "contest.rules.updated", actor=actor, contest_id=contest.id)
    return contest, created


def resolve_contest(session: Session, slug: str | None) -> Contest:
    """The contest a command works on: the named one, or the only one there is."""
    if slug:
        contest = session.scalar(select(Contest).where(Contest.slug == slug))
        if contest is None:
            known = ", ".join(session.scalars(select(Contest.slug))) or "none"
            raise UserFacingError(
                f"No contest with slug {slug!r} (known: {known}).",
                "Check --contest or DOWNTOWN_SNAP_CONTEST.",
            )
        return contest
    contests = list(session.scalars(select(Contest).order_by(Contest.id)))
    if not contests:
        raise UserFacingError(
            "The database holds no contest yet.",
            "Run: downtown-snap init --contest rules/contests/downtown-snaps-2025.toml",
        )
    if len(contests) > 1:
        slugs = ", ".join(c.slug for c in contests)
        raise UserFacingError(
            f"The database holds several contests ({slugs}).",
            "Say which one with --contest SLUG or DOWNTOWN_SNAP_CONTEST.",
        )
    return contests[0]
