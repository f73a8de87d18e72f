"""A small judging world for the jury pages: a frozen shortlist, jurors who can log in, a round.

Built through the same services organisers use (`OrganiserJudging`), so the pages are tested
against real assignments, votes and audit rows. One entry carries everything a juror must never
see (its author's name, its like count, @handles), for the blindness checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, Entry, Round, User, Vote
from judging.ballots import RoundMethod
from judging.organiser import OrganiserJudging
from judging.workspace import JurorWorkspace
from tests.judging.factories import JudgingFactory, organiser
from tests.web.admin_support import make_user, sign_in

SECRET_USERNAME = "anna_geheimnis"
SECRET_LIKES = 4711
SECRET_CAPTION = (
    "Abendlicht über dem Hauptmarkt. Foto: anna_geheimnis, danke @freundin.kamera und "
    "@downtownsnaps_th! Mehr auf https://example.org/anna #ThüringenDownTown"
)
LEAKS = ("anna_geheimnis", "freundin.kamera", "downtownsnaps_th", "example.org/anna")


@dataclass
class JuryWorld:
    session: Session
    org: OrganiserJudging
    round: Round
    jurors: dict[str, User]
    secret: Entry

    def juror(self, name: str) -> User:
        return self.jurors[name]

    def tasks(self, name: str) -> list[Assignment]:
        """The juror's tasks in their shuffled order (the order the pages show)."""
        return list(
            self.session.scalars(
                select(Assignment)
                .where(
                    Assignment.round_id == self.round.id,
                    Assignment.user_id == self.jurors[name].id,
                )
                .order_by(Assignment.sort_key, Assignment.id)
            )
        )

    def votes(self, name: str) -> dict[int, dict]:
        """Entry id -> the juror's stored vote value."""
        return {
            vote.entry_id: vote.value
            for vote in self.session.scalars(
                select(Vote).where(
                    Vote.round_id == self.round.id, Vote.user_id == self.jurors[name].id
                )
            )
        }

    def workspace(self, name: str) -> JurorWorkspace:
        return JurorWorkspace(self.session, self.jurors[name])


def build_world(
    session: Session,
    *,
    method: RoundMethod,
    jurors: Sequence[str] = ("jana", "olaf"),
    quorum: int = 2,
    entries: int = 5,
    secret_town: str = "Gotha",
) -> JuryWorld:
    """`entries` ordinary entries plus the secret one, all shortlisted; one active round."""
    factory = JudgingFactory(session)
    secret = factory.entry(
        likes=SECRET_LIKES, username=SECRET_USERNAME, town=secret_town, caption=SECRET_CAPTION
    )
    for index in range(entries):
        factory.entry(likes=300 - 10 * index, caption=f"Marktplatz am Morgen, Blick {index}")
    org = organiser(session, factory, shortlist_size=entries + 1)
    org.freeze_shortlist()
    users = {name: make_user(session, name, "juror") for name in jurors}
    round_ = org.create_round(
        name="Vorrunde", method=method, quorum=quorum, jurors=list(jurors), seed="jury-pages"
    )
    org.activate_round(round_)
    return JuryWorld(session, org, round_, users, secret)


def as_juror(client: TestClient, world: JuryWorld, name: str = "jana") -> str:
    """Sign the client in as the juror; returns the CSRF token for forms."""
    return sign_in(client, world.juror(name))


def leaks_in(text: str) -> list[str]:
    """Traces of the secret entry's author in a page: names, handles, links, the like count."""
    found = [leak for leak in LEAKS if leak.lower() in text.lower()]
    if re.search(rf"(?<![0-9a-f]){SECRET_LIKES}(?![0-9a-f])", text, re.IGNORECASE):
        found.append(str(SECRET_LIKES))
    return found
