"""The printable jury protocol (Juryprotokoll): one HTML page with print CSS, in German.

German public bodies file such a protocol with the award. It records the contest, the shortlist
and its changes, every round (method, quorum, jury, standings), every tie and how it was settled,
the final places and an excerpt of the audit trail. Jurors appear as A, B, C ... unless the
organiser asks for names; participants appear with their public Instagram usernames, as in the
published results. Open it in a browser and print it, or save it as PDF.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import (
    Assignment,
    AuditEvent,
    Contest,
    JurorConflict,
    Round,
    RoundJuror,
    ShortlistItem,
    User,
    utcnow,
)
from judging.assignment import COUNTING, DONE
from judging.ballots import RoundMethod
from judging.contest_settings import TIE_BREAK_RULES_DE, JudgingSettings
from judging.lifecycle import STATUS_DE
from judging.results import final_round, juror_labels, results_for_round
from judging.rounds import RoundSource, rounds_of
from judging.shortlist import current_shortlist
from judging.standings import RoundStandings, round_standings

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)

# Actions the protocol lists one by one; single votes are only counted.
LISTED_ACTIONS = (
    "shortlist.",
    "round.",
    "assignment.reassigned",
    "assignment.withdrawn",
    "assignment.added",
    "assignment.recused",
    "tie.decided",
    "results.",
    "juror.conflict.",
)
COUNTED_ACTIONS = ("vote.cast", "vote.changed", "ballot.submitted", "assignment.skipped")


@dataclass(frozen=True)
class ProtocolRound:
    sequence: int
    name: str
    status: str
    method: str
    source: str
    quorum: int
    jurors: list[str]
    progress: list[tuple[str, int, int]]  # juror label, done, owed
    activated_at: str
    closed_at: str
    finalized_at: str
    standings: RoundStandings
    votes: int
    show_normalised: bool
    finalize_note: str | None = None
    below_quorum: list[str] = field(default_factory=list)

    @property
    def open_tie_codes(self) -> set[str]:
        """Entries in a tie that still changes an outcome."""
        return {code for tie in self.standings.open_ties for code in tie.shortcodes}


@dataclass(frozen=True)
class AuditLine:
    at: str
    actor: str
    text: str


class _Clock:
    def __init__(self, time_zone: str) -> None:
        try:
            self.zone = ZoneInfo(time_zone)
        except Exception:  # an unknown zone name must not stop the protocol
            self.zone = ZoneInfo("Europe/Berlin")

    def __call__(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%d.%m.%Y %H:%M") if moment else "–"


def _describe(event: AuditEvent, name: Any) -> str:
    """One German sentence per audited action (names already pseudonymised by `name`)."""
    d = event.data or {}
    round_name = d.get("round", "")
    texts = {
        "shortlist.frozen": lambda: f"Endauswahl eingefroren ({d.get('size')} Beiträge).",
        "shortlist.wildcard.added": lambda: (
            f"Jury-Joker {event.subject_id} aufgenommen: {d.get('note')}"
        ),
        "shortlist.entry.removed": lambda: (
            f"{event.subject_id} aus der Endauswahl entfernt: {d.get('note')}"
        ),
        "round.created": lambda: f"Runde „{round_name}“ angelegt.",
        "round.jurors.changed": lambda: (
            f"Jury der Runde „{round_name}“ geändert: "
            f"{', '.join(map(name, d.get('before', []))) or '–'} → "
            f"{', '.join(map(name, d.get('after', []))) or '–'}."
        ),
        "round.quorum.changed": lambda: (
            f"Quorum der Runde „{round_name}“: {d.get('before')} → {d.get('after')}."
        ),
        "round.assigned": lambda: f"{d.get('tasks')} Bewertungsaufgaben zugeteilt.",
        "round.activated": lambda: f"Runde „{round_name}“ gestartet.",
        "round.closed": lambda: f"Runde „{round_name}“ geschlossen.",
        "round.reopened": lambda: f"Runde „{round_name}“ wieder geöffnet: {d.get('reason')}",
        "round.finalized": lambda: f"Runde „{round_name}“ abgeschlossen.",
        "assignment.reassigned": lambda: (
            f"{d.get('entry')}: Aufgabe von {name(d.get('before'))} an "
            f"{name(d.get('after'))} übertragen ({d.get('reason')})."
        ),
        "assignment.withdrawn": lambda: (
            f"{d.get('entry')}: Aufgabe von {name(d.get('juror'))} zurückgenommen "
            f"({d.get('reason')})."
        ),
        "assignment.added": lambda: (
            f"{d.get('entry')}: zusätzliche Aufgabe für {name(d.get('juror'))} ({d.get('reason')})."
        ),
        "assignment.recused": lambda: (
            f"{name(d.get('juror') or event.actor)} hat sich bei "
            f"{d.get('entry') or 'einem Beitrag'} für befangen erklärt: {d.get('reason')}"
        ),
        "tie.decided": lambda: (
            f"Gleichstand {', '.join(d.get('order', []))} entschieden: {d.get('note')}"
        ),
        "results.published": lambda: "Ergebnis veröffentlicht.",
        "results.unpublished": lambda: (
            f"Veröffentlichung zurückgenommen{': ' + d['reason'] if d.get('reason') else '.'}"
        ),
        "juror.conflict.declared": lambda: (
            f"Interessenkonflikt erklärt für {name(d.get('juror'))} "
            f"({'Konto' if d.get('kind') == 'account' else 'Ort'})."
        ),
        "juror.conflict.withdrawn": lambda: "Interessenkonflikt zurückgenommen.",
    }
    describe = texts.get(event.action)
    return describe() if describe else event.action


def _finalize_event(session: Session, round_: Round) -> AuditEvent | None:
    return session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.action == "round.finalized",
            AuditEvent.subject_type == "round",
            AuditEvent.subject_id == str(round_.id),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


def build_context(
    session: Session, contest: Contest, settings: JudgingSettings, *, named_jurors: bool
) -> dict[str, Any]:
    clock = _Clock(settings.time_zone)
    labels = juror_labels(session, contest, named=named_jurors)
    usernames = dict(
        session.execute(select(User.id, User.username).where(User.id.in_(labels))).all()
    )
    label_by_username = {usernames[user_id]: label for user_id, label in labels.items()}

    def name(username: Any) -> str:
        return label_by_username.get(str(username), str(username)) if username else "–"

    rounds = []
    for round_ in rounds_of(session, contest):
        standings = round_standings(session, round_, settings)
        method = RoundMethod.from_round(round_.method, round_.config)
        members = list(
            session.scalars(select(RoundJuror.user_id).where(RoundJuror.round_id == round_.id))
        )
        tasks: Counter[int] = Counter()
        owed: Counter[int] = Counter()
        for assignment in session.scalars(
            select(Assignment).where(Assignment.round_id == round_.id)
        ):
            if assignment.status in COUNTING:
                owed[assignment.user_id] += 1
            if assignment.status == DONE:
                tasks[assignment.user_id] += 1
        event = _finalize_event(session, round_)
        rounds.append(
            ProtocolRound(
                sequence=round_.sequence,
                name=round_.name,
                status=STATUS_DE.get(round_.status, round_.status),
                method=method.describe_de(),
                source=RoundSource.from_config(round_.config.get("source", {})).describe_de(),
                quorum=round_.quorum,
                jurors=sorted(labels.get(user_id, "?") for user_id in members),
                progress=sorted(
                    (labels.get(user_id, "?"), tasks[user_id], owed[user_id])
                    for user_id in set(owed) | set(members)
                ),
                activated_at=clock(round_.activated_at),
                closed_at=clock(round_.closed_at),
                finalized_at=clock(round_.finalized_at),
                standings=standings,
                votes=sum(row.votes for row in standings.rows),
                show_normalised=method.method == "rating",
                finalize_note=(event.data or {}).get("note") if event else None,
                below_quorum=list((event.data or {}).get("below_quorum", [])) if event else [],
            )
        )
    last = final_round(session, contest)
    results = (
        results_for_round(session, contest, last, settings, named_jurors=named_jurors)
        if last is not None and last.status == "finalized"
        else None
    )
    shortlist = current_shortlist(session, contest, settings)
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.contest_id == contest.id)
            .order_by(AuditEvent.at, AuditEvent.id)
        )
    )
    listed = [e for e in events if e.action.startswith(LISTED_ACTIONS)]
    counted = Counter(e.action for e in events if e.action in COUNTED_ACTIONS)
    conflicts = Counter(
        labels.get(conflict.user_id, "?")
        for conflict in session.scalars(
            select(JurorConflict).where(
                JurorConflict.user_id.in_(list(labels)),
                (JurorConflict.contest_id == contest.id) | (JurorConflict.contest_id.is_(None)),
            )
        )
    )
    wildcards = list(
        session.scalars(
            select(ShortlistItem).where(
                ShortlistItem.contest_id == contest.id, ShortlistItem.origin == "wildcard"
            )
        )
    )
    return {
        "contest": contest,
        "generated_at": clock(utcnow()),
        "named_jurors": named_jurors,
        "settings": settings,
        "freeze_moment": clock(settings.likes_freeze_at),
        "tie_break": TIE_BREAK_RULES_DE.get(settings.tie_break or "", None),
        "shortlist": shortlist,
        "shortlist_frozen_at": clock(contest.shortlist_frozen_at),
        "wildcard_count": len(wildcards),
        "spiked": [row for row in shortlist.rows if row.spikes],
        "jurors": sorted(
            (label, usernames[user_id] if named_jurors else None, conflicts[label])
            for user_id, label in labels.items()
        ),
        "rounds": rounds,
        "results": results,
        "published_at": clock(contest.results_published_at)
        if contest.results_published_at
        else None,
        "audit": [AuditLine(clock(e.at), name(e.actor), _describe(e, name)) for e in listed],
        "counted": {
            "vote.cast": counted["vote.cast"],
            "vote.changed": counted["vote.changed"],
            "ballot.submitted": counted["ballot.submitted"],
            "assignment.skipped": counted["assignment.skipped"],
        },
        "fmt": _format_score,
    }


def _format_score(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}".replace(".", ",")


def render_protocol(
    session: Session, contest: Contest, settings: JudgingSettings, *, named_jurors: bool = False
) -> str:
    context = build_context(session, contest, settings, named_jurors=named_jurors)
    return _environment.get_template("protocol.html").render(**context)
