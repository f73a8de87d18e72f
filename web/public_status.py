"""`/status`: a participant types their Instagram handle and sees what became of each post.

For posts under review or not admitted it gives the reasons in plain words and what the
participant can do, which saves the organisers most of their e-mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from contest.models import Entry
from rules.facts import Status
from web.deps import SessionDep
from web.i18n import N_
from web.public_context import ContestDep, I18nDep
from web.public_queries import participant_entries
from web.public_views import EntryCard, entry_card
from web.rules_bridge import ReasonText, contest_rules, explain_reason
from web.templating import render

router = APIRouter()

HANDLE_PATTERN = re.compile(r"^[a-z0-9._]{1,30}$")
PROFILE_URL = re.compile(r"^(?:https?://)?(?:www\.)?instagram\.com/([^/?#]+)", re.IGNORECASE)

STATUS_LABELS = {
    Status.accepted: N_("Admitted"),
    Status.review: N_("Being checked"),
    Status.rejected: N_("Not admitted"),
}
STATUS_SUMMARIES = {
    Status.accepted: N_("This post takes part and is shown in the gallery."),
    Status.review: N_(
        "The organisers are checking this post by hand. You will see the result here; "
        "there is nothing you need to do unless a reason below asks for it."
    ),
    Status.rejected: N_("This post does not take part in the contest."),
}
NO_REASON_GIVEN = N_("The organisers decided this by hand.")


@dataclass(frozen=True)
class ReasonView:
    text: ReasonText
    detail: str | None


@dataclass(frozen=True)
class StatusPost:
    card: EntryCard
    status: Status
    reasons: tuple[ReasonView, ...]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def summary(self) -> str:
        return STATUS_SUMMARIES[self.status]

    @property
    def public(self) -> bool:
        return self.status is Status.accepted


@dataclass(frozen=True)
class StatusPage:
    contest_name: str
    handle_input: str
    handle: str | None
    invalid: bool
    posts: tuple[StatusPost, ...] | None  # None: nobody asked yet or the account is unknown
    searched: bool
    hashtags: tuple[str, ...]
    no_reason_given: str = NO_REASON_GIVEN

    @property
    def summary_rows(self) -> tuple[tuple[Status, str, int], ...]:
        """(status, label msgid, how many) for each status the participant's posts have."""
        rows = []
        for status in Status:
            count = sum(1 for post in self.posts or () if post.status is status)
            if count:
                rows.append((status, STATUS_LABELS[status], count))
        return tuple(rows)


def normalise_handle(raw: str) -> str | None:
    """`@Name`, `name` or a profile URL -> `name`; None if it cannot be an Instagram handle."""
    text = raw.strip()
    match = PROFILE_URL.match(text)
    if match:
        text = match.group(1)
    text = text.lstrip("@").strip().lower()
    return text if HANDLE_PATTERN.fullmatch(text) else None


def _status_of(entry: Entry) -> Status:
    try:
        return Status(entry.status)
    except ValueError:
        return Status.review


def status_post(entry: Entry, language: str) -> StatusPost:
    status = _status_of(entry)
    reasons: tuple[ReasonView, ...] = ()
    if status is not Status.accepted:
        details = entry.reason_details or {}
        reasons = tuple(
            ReasonView(explain_reason(code, language), _detail(details.get(code)))
            for code in entry.reasons or ()
        )
    return StatusPost(card=entry_card(entry), status=status, reasons=reasons)


def _detail(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


@router.get("/status")
def participant_status(
    request: Request,
    session: SessionDep,
    contest: ContestDep,
    i18n: I18nDep,
    handle: str | None = None,
) -> Response:
    raw = (handle or "")[:200]
    normalised = normalise_handle(raw) if raw.strip() else None
    posts: tuple[StatusPost, ...] | None = None
    if normalised:
        found = participant_entries(session, contest.id, normalised)
        if found is not None:
            posts = tuple(status_post(entry, i18n.language) for entry in found)
    rules = contest_rules(contest.rules_toml)
    page = StatusPage(
        contest_name=contest.name,
        handle_input=raw,
        handle=normalised,
        invalid=bool(raw.strip()) and normalised is None,
        posts=posts,
        searched=normalised is not None,
        hashtags=tuple(getattr(rules, "hashtags", ()) or ()),
    )
    return render(request, "status.html", page)
