"""A contest in the middle of judging, for the console's judging pages.

Built with judging's own services (as an organiser would, through `OrganiserJudging`) and
judging's test factories; the console then reads the same rows its pages show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, AuditEvent, Contest, Entry, Photo, Round, User
from ingest.media_paths import DERIVATIVE_WIDTHS, derivative_path
from judging.ballots import RoundMethod
from judging.organiser import OrganiserJudging
from judging.rounds import RoundSource
from judging.workspace import JurorWorkspace
from tests.judging.factories import FREEZE, JudgingFactory
from tests.web.admin_support import csrf_from, make_user

Stars = Callable[[User, Entry], int]


class JudgingScene:
    """Entries with like histories, jurors and rounds of one contest, step by step."""

    def __init__(self, session: Session, contest: Contest, data_dir: Path | None = None) -> None:
        self.session = session
        self.contest = contest
        self.factory = JudgingFactory(session, contest)
        self.org = OrganiserJudging(session, contest, "olga")
        self.data_dir = data_dir

    def entries(self, count: int, *, top_likes: int = 500) -> list[Entry]:
        """Accepted entries with distinct likes (most liked first), read daily up to the freeze."""
        made = []
        for index in range(count):
            likes = top_likes - 10 * index
            readings = [(FREEZE - timedelta(days=3 - day), likes * day // 3) for day in range(4)]
            entry = self.factory.entry(likes=likes, readings=readings)
            if self.data_dir is not None:
                show_photo(self.session, entry, self.data_dir)
            made.append(entry)
        return made

    def jurors(self, *names: str) -> list[User]:
        return [make_user(self.session, name, "juror") for name in names]

    def frozen(self, count: int = 6) -> list[Entry]:
        made = self.entries(count)
        self.org.freeze_shortlist()
        return made

    def running(
        self,
        jurors: Sequence[User],
        *,
        method: RoundMethod | None = None,
        quorum: int = 2,
        name: str = "Vorrunde",
        source: RoundSource | None = None,
    ) -> Round:
        round_ = self.org.create_round(
            name=name,
            method=method or RoundMethod("rating"),
            quorum=quorum,
            source=source,
            jurors=[juror.username for juror in jurors],
            seed="console-test",
        )
        self.org.activate_round(round_)
        return round_

    def vote(self, round_: Round, jurors: Sequence[User], stars: Stars) -> None:
        """Every juror rates every open task of theirs."""
        for juror in jurors:
            workspace = JurorWorkspace(self.session, juror)
            while (task := workspace.next_task(round_.id)) is not None:
                entry = self.session.get(Entry, self.session.get(Assignment, task.task_id).entry_id)
                workspace.cast_vote(task.task_id, {"stars": stars(juror, entry)})

    def finalized(self, round_: Round) -> Round:
        self.org.close_round(round_)
        self.org.finalize_round(round_)
        return round_

    def round(self, sequence: int) -> Round:
        return self.session.scalar(
            select(Round).where(Round.contest_id == self.contest.id, Round.sequence == sequence)
        )


def show_photo(session: Session, entry: Entry, data_dir: Path) -> None:
    """Give the factory's photo record real WebP files, so pages show the image."""
    photo = session.scalar(select(Photo).where(Photo.entry_id == entry.id))
    for width in DERIVATIVE_WIDTHS:
        path = derivative_path(data_dir, photo.sha256, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (width, width * 5 // 4), "#3a6ea5").save(path, "WEBP")
    photo.derivatives_ready = True
    session.flush()


def by_likes(juror: User, entry: Entry) -> int:
    """Stars that follow the likes of `entries()`: 5 for the most liked (500), one less for
    every 10 likes fewer, at least 1; so up to five entries never tie."""
    return max(1, min(5, 5 - (500 - entry.likes) // 10))


def submit(client: TestClient, path: str, **data: object) -> Response:
    """Post a console form with the session's CSRF token; redirects are not followed."""
    return client.post(path, data={"csrf_token": csrf_from(client), **data}, follow_redirects=False)


def audit_rows(session: Session, action: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )
