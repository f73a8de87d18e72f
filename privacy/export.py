"""Right of access (Art. 15 GDPR): everything stored about one Instagram account, as JSON.

The export walks the schema from the account's participant rows down every foreign key, so it
contains each entry, photo record, like reading, verdict, shortlist place, vote and result, and
whatever a later part of the app stores about an entry. Jurors are shown as "juror 1", "juror 2":
their identities are their own personal data (Art. 15(4): access must not harm others' rights).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import MetaData, Table, or_, select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import AuditEvent, Base, Contest, Participant, Round, User
from contest.settings import Settings
from contest.tombstones import keyed_hash
from privacy.footprint import Footprint, find_account
from privacy.retention import retention_period
from privacy.scanning import find_mentions
from privacy.tables import references_to, row_as_dict, single_primary_key

FORMAT = "downtown-snap.participant-export/1"

EXPLANATION = {
    "de": (
        "Diese Daten stammen aus Ihren öffentlichen Instagram-Beiträgen mit dem Hashtag des "
        "Wettbewerbs. Gespeichert sind nur Nutzername und Instagram-ID, die Beiträge (Bild, "
        "Bildtext, Ort, Zeitpunkt, Likes im Zeitverlauf) und was der Wettbewerb daraus macht "
        "(Prüfergebnis, Endauswahl, Jury-Bewertungen, Platzierung). Zweck: Durchführung des "
        "Wettbewerbs. Nicht-prämierte Beiträge werden nach Ablauf der Aufbewahrungsfrist gelöscht."
    ),
    "en": (
        "This data comes from your public Instagram posts carrying the contest hashtag. Only "
        "your username and Instagram id are kept, your posts (image, caption, place, time, likes "
        "over time) and what the contest made of them (eligibility verdict, shortlist, jury "
        "scores, place). Purpose: running the contest. Entries that win no place are deleted "
        "when the retention period ends."
    ),
}


class _Pseudonyms:
    """Jurors become "juror 1", "juror 2" within one export; organisers act for the organiser
    and keep their names."""

    def __init__(self, session: Session) -> None:
        self._users = {user.id: user for user in session.scalars(select(User))}
        self._by_name = {user.username: user for user in self._users.values()}
        self._jurors: dict[int, str] = {}

    def label(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        user = self._users.get(user_id)
        if user is not None and user.role == "organiser":
            return user.display_name or user.username
        if user_id not in self._jurors:
            self._jurors[user_id] = f"juror {len(self._jurors) + 1}"
        return self._jurors[user_id]

    def actor(self, actor: str) -> str:
        user = self._by_name.get(actor)
        if user is None or user.role == "organiser":
            return actor
        return self.label(user.id) or actor


def _columns_pointing_at(metadata: MetaData, table_name: str) -> set[tuple[str, str]]:
    target = metadata.tables[table_name]
    return {(ref.table.name, ref.column.name) for ref in references_to(metadata, target)}


class _Walker:
    """Serialises a row and, recursively, every row that references it."""

    def __init__(self, session: Session, metadata: MetaData, pseudonyms: _Pseudonyms) -> None:
        self.session = session
        self.metadata = metadata
        self.pseudonyms = pseudonyms
        self.visited: set[tuple[str, Any]] = set()
        self.round_ids: set[int] = set()
        self._user_columns = _columns_pointing_at(metadata, "users")
        self._round_columns = _columns_pointing_at(metadata, "rounds")

    def rows(self, table: Table, column: Any, value: Any, path: frozenset[str]) -> list[dict]:
        key = single_primary_key(table)
        query = select(table).where(column == value)
        if key is not None:
            query = query.order_by(key)
        return [self.row(table, row, path) for row in self.session.execute(query)]

    def row(self, table: Table, row: Any, path: frozenset[str] = frozenset()) -> dict[str, Any]:
        data = row_as_dict(table, row)
        for name, value in list(data.items()):
            if (table.name, name) in self._user_columns:
                data[name] = self.pseudonyms.label(value)
            if (table.name, name) in self._round_columns and value is not None:
                self.round_ids.add(value)
        key = single_primary_key(table)
        if key is None:
            return data
        row_id = row._mapping[key]
        self.visited.add((table.name, row_id))
        inner_path = path | {table.name}
        for reference in references_to(self.metadata, table):
            child = reference.table
            if child.name in inner_path:
                continue
            children = self.rows(child, reference.column, row_id, inner_path)
            if children:
                data[child.name] = children
        return data


def _retention(contest: Contest) -> dict[str, Any] | None:
    try:
        closes_at, days = retention_period(contest)
    except UserFacingError:
        return None
    return {
        "retention_days": days,
        "contest_closes_at": closes_at.isoformat(),
        "non_winning_entries_deleted_after": (closes_at + timedelta(days=days)).isoformat(),
    }


def _audit_events(
    session: Session, footprint: Footprint, mentioned_ids: set[int], pseudonyms: _Pseudonyms
) -> list[dict[str, Any]]:
    """Audit events about the account's entries or naming the account or its posts."""
    table: Table = AuditEvent.__table__  # type: ignore[assignment]
    entry_ids = [str(entry.id) for entry in footprint.entries]
    participant_ids = [str(p.id) for p in footprint.participants]
    query = (
        select(table)
        .where(
            or_(
                table.c.id.in_(sorted(mentioned_ids)),
                (table.c.subject_type == "entry") & table.c.subject_id.in_(entry_ids),
                (table.c.subject_type == "participant") & table.c.subject_id.in_(participant_ids),
            )
        )
        .order_by(table.c.at, table.c.id)
    )
    events = []
    for row in session.execute(query):
        data = row_as_dict(table, row)
        data["actor"] = pseudonyms.actor(data["actor"])
        events.append(data)
    return events


def export_participant(
    session: Session, settings: Settings, username: str, *, actor: str
) -> dict[str, Any]:
    """Everything stored about `username`, in every contest; records that an export was made."""
    footprint = find_account(session, username)
    metadata = Base.metadata
    pseudonyms = _Pseudonyms(session)
    walker = _Walker(session, metadata, pseudonyms)
    participants: Table = Participant.__table__  # type: ignore[assignment]
    contests = {contest.id: contest for contest in footprint.contests(session)}
    per_contest = []
    for participant in footprint.participants:
        row = session.execute(select(participants).where(participants.c.id == participant.id)).one()
        contest = contests[participant.contest_id]
        per_contest.append(
            {
                "contest": {"slug": contest.slug, "name": contest.name},
                "retention": _retention(contest),
                "participant": walker.row(participants, row),
            }
        )
    mentions = find_mentions(session, metadata, footprint.pattern)
    audit_ids = {m.row_id for m in mentions if m.table == "audit_events"}
    elsewhere = [
        {"table": m.table, "column": m.column, "row_id": m.row_id, "excerpts": m.excerpts}
        for m in mentions
        if m.table != "audit_events" and (m.table, m.row_id) not in walker.visited
    ]
    rounds = [
        {"id": r.id, "name": r.name, "method": r.method, "status": r.status}
        for r in session.scalars(select(Round).where(Round.id.in_(sorted(walker.round_ids))))
    ]
    document = {
        "format": FORMAT,
        "generated_at": datetime.now(UTC).isoformat(),
        "account": {
            "username": footprint.username,
            "instagram_ids": sorted(
                {p.instagram_id for p in footprint.participants if p.instagram_id}
            ),
        },
        "explanation": EXPLANATION,
        "contests": per_contest,
        "rounds": rounds,
        "audit_events": _audit_events(session, footprint, audit_ids, pseudonyms),
        "mentions_elsewhere": elsewhere,
    }
    log_action(
        session,
        "participant.exported",
        actor=actor,
        subject_type="account",
        subject_id=keyed_hash(footprint.username, settings.secret_key.get_secret_value())[:16],
        contests=[c.slug for c in contests.values()],
        entries=len(footprint.entries),
    )
    return document
