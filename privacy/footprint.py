"""Where an Instagram account appears: its participant rows (one per contest), entries and
the mention pattern that finds its name and posts elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import Contest, Entry, Participant
from privacy.mentions import MentionPattern, mention_pattern, normalise_username


@dataclass
class Footprint:
    username: str
    participants: list[Participant]
    entries: list[Entry]

    @property
    def shortcodes(self) -> list[str]:
        return [entry.shortcode for entry in self.entries]

    @property
    def pattern(self) -> MentionPattern:
        return mention_pattern([self.username], self.shortcodes)

    def contests(self, session: Session) -> list[Contest]:
        ids = sorted({p.contest_id for p in self.participants})
        return list(
            session.scalars(select(Contest).where(Contest.id.in_(ids)).order_by(Contest.id))
        )


def find_account(session: Session, username: str) -> Footprint:
    """The account's rows in every contest; a clear error when nothing is stored about it."""
    name = normalise_username(username)
    if not name:
        raise UserFacingError("No username given.", "Give the Instagram username, without @.")
    participants = list(
        session.scalars(
            select(Participant)
            .where(func.lower(Participant.username) == name)
            .order_by(Participant.contest_id)
        )
    )
    if not participants:
        raise UserFacingError(
            f"Nothing is stored about the Instagram account {name!r}.",
            "Check the spelling (the username as on Instagram, without @); "
            "`downtown-snap participant export` accepts the same name.",
        )
    entries = list(
        session.scalars(
            select(Entry)
            .where(Entry.participant_id.in_([p.id for p in participants]))
            .order_by(Entry.posted_at, Entry.id)
        )
    )
    return Footprint(username=name, participants=participants, entries=entries)
