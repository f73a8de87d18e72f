"""Small factories for judging tests: contests, accepted entries with like histories, jurors.

Ingestion is built elsewhere; these write the rows it would write, nothing more.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from contest.models import Contest, Entry, LikeReading, Participant, Photo, User
from judging.contest_settings import JudgingSettings
from judging.organiser import OrganiserJudging
from tests.paths import PRESET

FREEZE = datetime(2025, 6, 22, 21, 59, 59, tzinfo=UTC)
TOWNS = ("Gotha", "Meiningen", "Ilmenau", "Zeulenroda-Triebes", "Arnstadt", "Sonneberg")


class JudgingFactory:
    def __init__(self, session: Session, contest: Contest | None = None) -> None:
        self.session = session
        self._numbers = itertools.count(1)
        self._contest = contest
        self._participants: dict[str, Participant] = {}

    def contest(self) -> Contest:
        if self._contest is None:
            self._contest = Contest(
                slug=f"test-{next(self._numbers)}",
                name="Downtown Snaps Test",
                rules_toml=PRESET.read_text(encoding="utf-8"),
            )
            self.session.add(self._contest)
            self.session.flush()
        return self._contest

    def participant(self, username: str) -> Participant:
        if username not in self._participants:
            participant = Participant(contest_id=self.contest().id, username=username)
            self.session.add(participant)
            self.session.flush()
            self._participants[username] = participant
        return self._participants[username]

    def entry(
        self,
        *,
        likes: int = 0,
        username: str | None = None,
        town: str | None = None,
        status: str = "accepted",
        posted_at: datetime | None = None,
        caption: str = "",
        readings: Sequence[tuple[datetime, int]] | None = None,
        shortcode: str | None = None,
    ) -> Entry:
        number = next(self._numbers)
        contest = self.contest()
        entry = Entry(
            contest_id=contest.id,
            participant_id=self.participant(username or f"fotograf_{number}").id,
            shortcode=shortcode or f"C{number:04d}x",
            posted_at=posted_at or datetime(2025, 5, 10, tzinfo=UTC) + timedelta(hours=number),
            caption=caption,
            likes=likes,
            source="directory",
            status=status,
            town=town or TOWNS[number % len(TOWNS)],
        )
        self.session.add(entry)
        self.session.flush()
        digest = hashlib.sha256(entry.shortcode.encode()).hexdigest()
        self.session.add(
            Photo(entry_id=entry.id, position=0, sha256=digest, width=1080, height=1350)
        )
        for read_at, count in readings if readings is not None else [(FREEZE, likes)]:
            self.session.add(
                LikeReading(entry_id=entry.id, read_at=read_at, likes=count, source="test")
            )
        self.session.flush()
        return entry

    def entries(self, count: int, *, top_likes: int = 500) -> list[Entry]:
        """`count` accepted entries with distinct like counts, most liked first."""
        return [self.entry(likes=top_likes - 10 * i) for i in range(count)]

    def user(self, username: str, role: str = "juror") -> User:
        user = User(username=username, display_name=username.title(), role=role, password_hash="-")
        self.session.add(user)
        self.session.flush()
        return user

    def jurors(self, *names: str) -> list[User]:
        return [self.user(name) for name in names]


def small_settings(**overrides: object) -> JudgingSettings:
    values: dict[str, object] = {"shortlist_size": 6, "places": 3, "likes_freeze_at": FREEZE}
    values.update(overrides)
    return JudgingSettings(**values)  # type: ignore[arg-type]


def organiser(session: Session, factory: JudgingFactory, **overrides: object) -> OrganiserJudging:
    return OrganiserJudging(session, factory.contest(), "orga", small_settings(**overrides))
