"""How far each juror is with each running round: for the dashboard and the rounds page.

Organisers chase late jurors with it ("12 of 40"); a round stuck on one person is the most
common complaint about jury tools, so the numbers are shown per juror, not only per round.
"""

from __future__ import annotations

from dataclasses import dataclass

from judging.lifecycle import ACTIVE, CLOSED
from judging.organiser import JurorProgress, OrganiserJudging


@dataclass(frozen=True, slots=True)
class RoundProgress:
    round_id: int
    sequence: int
    name: str
    status: str
    jurors: list[JurorProgress]

    @property
    def done(self) -> int:
        return sum(juror.done for juror in self.jurors)

    @property
    def total(self) -> int:
        return sum(juror.total for juror in self.jurors)


def round_progress(org: OrganiserJudging, round_id: int) -> RoundProgress:
    round_ = org.round(round_id)
    return RoundProgress(
        round_id=round_.id,
        sequence=round_.sequence,
        name=round_.name,
        status=round_.status,
        jurors=org.juror_progress(round_),
    )


def running_rounds(org: OrganiserJudging) -> list[RoundProgress]:
    """Rounds that take votes or wait to be finalized, in their order."""
    return [
        round_progress(org, round_.id)
        for round_ in org.rounds_raw()
        if round_.status in (ACTIVE, CLOSED)
    ]
