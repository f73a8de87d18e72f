"""The organiser's door into judging: `OrganiserJudging(session, contest, actor)`.

The admin pages and the CLI receive this object (only for organisers; jurors get a
`JurorWorkspace`). Every method that changes something writes an audit event in the caller's
transaction and never commits. `actor` is the name the audit trail records (the organiser's
username, or "cli").

Shortlist: `shortlist()`, `freeze_shortlist()`, `add_wildcard(shortcode, note)`,
`remove_from_shortlist(shortcode, note)`.
Rounds: `rounds()` (overviews with progress), `round(round_id)`, `round_by_sequence(n)`,
`create_round(...)`, `set_jurors(round, usernames)`, `set_quorum(round, n)`,
`activate_round(round)`, `close_round(round)`, `reopen_round(round, reason)`,
`finalize_round(round, accept_incomplete=False, note=None)`, `juror_progress(round)`.
Conflicts: `conflicts()`, `declare_conflict(username, kind, value, note)`,
`withdraw_conflict(conflict_id)`.
Outcomes: `standings(round)`, `decide_tie(round, shortcodes_best_first, note)`,
`results(named_jurors=False, round=None)`, `publish()`, `unpublish(reason)`,
`protocol_html(named_jurors=False)`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import (
    Assignment,
    Contest,
    JurorConflict,
    Round,
    RoundEntry,
    RoundJuror,
    ShortlistItem,
    TieDecision,
    User,
)
from judging import rounds as round_service
from judging import shortlist as shortlist_service
from judging.assignment import DONE, OPEN, RECUSED, SKIPPED, AssignmentPlan
from judging.assignments import redistribute, round_entry_ids, round_juror_ids
from judging.ballots import RoundMethod
from judging.conflicts import declare_conflict, recuse_conflicted_votes, withdraw_conflict
from judging.contest_settings import JudgingSettings, judging_settings
from judging.errors import NotAllowedNow, NotFound
from judging.lifecycle import ACTIVE, CLOSED, FINALIZED
from judging.protocol import render_protocol
from judging.results import (
    FinalResults,
    final_results,
    publish_results,
    results_for_round,
    unpublish_results,
)
from judging.rounds import ActivationReport, RoundSource
from judging.shortlist import Shortlist
from judging.standings import RoundStandings, round_standings
from judging.tie_decisions import decide_tie


@dataclass(frozen=True)
class RoundOverview:
    round_id: int
    sequence: int
    name: str
    method: RoundMethod
    status: str
    quorum: int
    source: RoundSource
    jurors: list[str]
    entries: int
    done: int
    total: int  # tasks owed (open, skipped or done)
    activated_at: datetime | None
    closed_at: datetime | None
    finalized_at: datetime | None


@dataclass(frozen=True)
class JurorProgress:
    username: str
    done: int
    total: int
    skipped: int
    recused: int

    def __str__(self) -> str:
        return f"{self.done} of {self.total}"


class OrganiserJudging:
    """Every organiser operation on one contest's judging; see the module docstring."""

    def __init__(
        self,
        session: Session,
        contest: Contest,
        actor: str,
        settings: JudgingSettings | None = None,
    ) -> None:
        self.session = session
        self.contest = contest
        self.actor = actor
        self.settings = settings or judging_settings(contest)

    # -- shortlist ---------------------------------------------------------------------------
    def shortlist(self) -> Shortlist:
        """The frozen shortlist, or (before the freeze) what freezing now would store."""
        return shortlist_service.current_shortlist(self.session, self.contest, self.settings)

    def freeze_shortlist(self) -> Shortlist:
        return shortlist_service.freeze_shortlist(
            self.session, self.contest, self.settings, actor=self.actor
        )

    def _shortlist_rounds(self) -> list[Round]:
        return [
            r
            for r in self.rounds_raw()
            if r.config.get("source", {}).get("from", "shortlist") == "shortlist"
        ]

    def _check_shortlist_rounds_open(self) -> list[Round]:
        """Shortlist changes reach a running round; a closed one has judged without them."""
        started = [r for r in self._shortlist_rounds() if r.status in (CLOSED, FINALIZED)]
        if started:
            raise NotAllowedNow(
                f"Round {started[0].name!r} judged the shortlist already ({started[0].status}).",
                "The shortlist can no longer change.",
            )
        return [r for r in self._shortlist_rounds() if r.status == ACTIVE]

    def add_wildcard(self, shortcode: str, note: str | None) -> ShortlistItem:
        """A jury wildcard; a running first round gets the entry at once (and its tasks)."""
        running = self._check_shortlist_rounds_open()
        item = shortlist_service.add_wildcard(
            self.session, self.contest, self.settings, shortcode, note=note, actor=self.actor
        )
        for round_ in running:
            self.session.add(RoundEntry(round_id=round_.id, entry_id=item.entry_id))
            self.session.flush()
            redistribute(self.session, round_, actor=self.actor, reason="wildcard added")
        return item

    def remove_from_shortlist(self, shortcode: str, note: str | None) -> None:
        running = self._check_shortlist_rounds_open()
        entry = shortlist_service.entry_by_shortcode(self.session, self.contest, shortcode)
        shortlist_service.remove_from_shortlist(
            self.session, self.contest, shortcode, note=note, actor=self.actor
        )
        for round_ in running:
            link = self.session.scalar(
                select(RoundEntry).where(
                    RoundEntry.round_id == round_.id, RoundEntry.entry_id == entry.id
                )
            )
            if link is not None:
                self.session.delete(link)
                self.session.flush()
                redistribute(self.session, round_, actor=self.actor, reason="entry removed")

    # -- rounds ------------------------------------------------------------------------------
    def rounds_raw(self) -> list[Round]:
        return round_service.rounds_of(self.session, self.contest)

    def round(self, round_id: int) -> Round:
        return round_service.round_by_id(self.session, self.contest, round_id)

    def round_by_sequence(self, sequence: int) -> Round:
        return round_service.round_by_sequence(self.session, self.contest, sequence)

    def rounds(self) -> list[RoundOverview]:
        overviews = []
        for round_ in self.rounds_raw():
            counts = Counter(
                dict(
                    self.session.execute(
                        select(Assignment.status, func.count(Assignment.id))
                        .where(Assignment.round_id == round_.id)
                        .group_by(Assignment.status)
                    ).all()
                )
            )
            jurors = self.session.scalars(
                select(User.username)
                .join(RoundJuror, RoundJuror.user_id == User.id)
                .where(RoundJuror.round_id == round_.id)
                .order_by(User.username)
            )
            overviews.append(
                RoundOverview(
                    round_id=round_.id,
                    sequence=round_.sequence,
                    name=round_.name,
                    method=RoundMethod.from_round(round_.method, round_.config),
                    status=round_.status,
                    quorum=round_.quorum,
                    source=RoundSource.from_config(round_.config.get("source", {})),
                    jurors=list(jurors),
                    entries=len(round_entry_ids(self.session, round_)),
                    done=counts[DONE],
                    total=counts[OPEN] + counts[SKIPPED] + counts[DONE],
                    activated_at=round_.activated_at,
                    closed_at=round_.closed_at,
                    finalized_at=round_.finalized_at,
                )
            )
        return overviews

    def _users(self, usernames: Sequence[str]) -> list[User]:
        wanted = [name.strip().lower() for name in usernames if name.strip()]
        users = list(self.session.scalars(select(User).where(User.username.in_(wanted))))
        missing = sorted(set(wanted) - {user.username for user in users})
        if missing:
            raise NotFound(
                f"No account named {', '.join(missing)}.",
                "Create juror accounts with: downtown-snap user add --role juror",
            )
        return users

    def create_round(
        self,
        *,
        name: str,
        method: RoundMethod,
        quorum: int,
        source: RoundSource | None = None,
        jurors: Sequence[str] = (),
        seed: str | None = None,
    ) -> Round:
        round_ = round_service.create_round(
            self.session,
            self.contest,
            name=name,
            method=method,
            quorum=quorum,
            source=source or RoundSource(),
            actor=self.actor,
            seed=seed,
        )
        if jurors:
            self.set_jurors(round_, jurors)
        return round_

    def set_jurors(self, round_: Round, usernames: Sequence[str]) -> AssignmentPlan | None:
        return round_service.set_jurors(
            self.session, round_, self._users(usernames), actor=self.actor
        )

    def change_jurors(
        self, round_: Round, *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> AssignmentPlan | None:
        current = set(
            self.session.scalars(
                select(User.username).where(User.id.in_(round_juror_ids(self.session, round_)))
            )
        )
        wanted = (current | {n.strip().lower() for n in add}) - {n.strip().lower() for n in remove}
        return self.set_jurors(round_, sorted(wanted))

    def set_quorum(self, round_: Round, quorum: int) -> AssignmentPlan | None:
        return round_service.set_quorum(self.session, round_, quorum, actor=self.actor)

    def activate_round(self, round_: Round) -> ActivationReport:
        return round_service.activate_round(
            self.session, self.contest, round_, self.settings, actor=self.actor
        )

    def close_round(self, round_: Round) -> None:
        round_service.close_round(self.session, round_, actor=self.actor)

    def reopen_round(self, round_: Round, reason: str | None) -> None:
        round_service.reopen_round(self.session, round_, reason=reason, actor=self.actor)

    def finalize_round(
        self, round_: Round, *, accept_incomplete: bool = False, note: str | None = None
    ) -> None:
        round_service.finalize_round(
            self.session,
            self.contest,
            round_,
            self.settings,
            actor=self.actor,
            accept_incomplete=accept_incomplete,
            note=note,
        )

    def juror_progress(self, round_: Round) -> list[JurorProgress]:
        """Per juror of the round: done of owed, skipped, recused (for chasing late jurors)."""
        rows = self.session.execute(
            select(User.username, Assignment.status, func.count(Assignment.id))
            .join(User, User.id == Assignment.user_id)
            .where(Assignment.round_id == round_.id)
            .group_by(User.username, Assignment.status)
        ).all()
        counts: dict[str, Counter[str]] = {}
        for username, status, count in rows:
            counts.setdefault(username, Counter())[status] = count
        members = self.session.scalars(
            select(User.username)
            .join(RoundJuror, RoundJuror.user_id == User.id)
            .where(RoundJuror.round_id == round_.id)
        )
        for username in members:
            counts.setdefault(username, Counter())
        return [
            JurorProgress(
                username=username,
                done=c[DONE],
                total=c[OPEN] + c[SKIPPED] + c[DONE],
                skipped=c[SKIPPED],
                recused=c[RECUSED],
            )
            for username, c in sorted(counts.items())
        ]

    # -- conflicts ---------------------------------------------------------------------------
    def conflicts(self) -> list[JurorConflict]:
        return list(
            self.session.scalars(
                select(JurorConflict)
                .where(
                    (JurorConflict.contest_id == self.contest.id)
                    | (JurorConflict.contest_id.is_(None))
                )
                .order_by(JurorConflict.user_id, JurorConflict.id)
            )
        )

    def declare_conflict(
        self, username: str, *, kind: str, value: str, note: str | None = None
    ) -> JurorConflict:
        """Record a conflict and act on it: the juror's votes on those entries in rounds not
        yet finalized are removed (audited), and running rounds redistribute."""
        (juror,) = self._users([username])
        conflict = declare_conflict(
            self.session,
            self.contest,
            juror,
            kind=kind,
            value=value,
            note=note,
            actor=self.actor,
        )
        for round_ in self.rounds_raw():
            if round_.status not in (ACTIVE, CLOSED):
                continue
            if juror.id not in round_juror_ids(self.session, round_):
                continue
            recuse_conflicted_votes(self.session, round_, juror, conflict, actor=self.actor)
            if round_.status == ACTIVE:
                redistribute(self.session, round_, actor=self.actor, reason="conflict declared")
        return conflict

    def withdraw_conflict(self, conflict_id: int) -> None:
        conflict = self.session.get(JurorConflict, conflict_id)
        if conflict is None or conflict.contest_id not in (self.contest.id, None):
            raise NotFound(f"No declared conflict with id {conflict_id}.")
        withdraw_conflict(self.session, conflict_id, actor=self.actor)

    # -- outcomes ----------------------------------------------------------------------------
    def standings(self, round_: Round) -> RoundStandings:
        return round_standings(self.session, round_, self.settings)

    def decide_tie(self, round_: Round, order: Sequence[str], note: str | None) -> TieDecision:
        return decide_tie(self.session, self.contest, round_, order, note=note, actor=self.actor)

    def results(self, *, named_jurors: bool = False, round_: Round | None = None) -> FinalResults:
        """The final ranking, or with `round_` that round's (provisional) ranking."""
        if round_ is not None:
            return results_for_round(
                self.session, self.contest, round_, self.settings, named_jurors=named_jurors
            )
        return final_results(self.session, self.contest, self.settings, named_jurors=named_jurors)

    def publish(self) -> None:
        publish_results(self.session, self.contest, self.settings, actor=self.actor)

    def unpublish(self, reason: str | None = None) -> None:
        unpublish_results(self.session, self.contest, actor=self.actor, reason=reason)

    def protocol_html(self, *, named_jurors: bool = False) -> str:
        return render_protocol(self.session, self.contest, self.settings, named_jurors=named_jurors)


def require_organiser(user: User) -> None:
    """For callers holding a `User`: only active organisers may get an `OrganiserJudging`."""
    if user.role != "organiser" or not user.active:
        raise UserFacingError("Only organisers may do this.")
