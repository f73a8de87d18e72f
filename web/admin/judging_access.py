"""The console's door into judging: the organiser's service, and how its refusals are shown.

Every judging page receives `OrganiserJudging` through `JudgingDep`, built for the signed-in
organiser, so each action it takes is audited under their name by the service itself. A refusal
(a tie still open, a round in the wrong state) is a `UserFacingError`: the request's changes are
rolled back and the page is shown again with the service's message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import Round
from judging.errors import NotAllowedNow, NotFound
from judging.organiser import OrganiserJudging
from web.admin.common import ContestDep
from web.auth.deps import OrganiserDep
from web.auth.pages import Notice
from web.deps import SessionDep


def organiser_judging(
    session: SessionDep, contest: ContestDep, organiser: OrganiserDep
) -> OrganiserJudging:
    return OrganiserJudging(session, contest, organiser.actor)


JudgingDep = Annotated[OrganiserJudging, Depends(organiser_judging)]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an action did not happen, and the status code of the page that says so."""

    notice: Notice
    status_code: int


def refused(session: Session, error: UserFacingError) -> Refusal:
    """Undo whatever the refused action had begun and word the refusal for the page.

    A state conflict (`NotAllowedNow`) answers 409, any other mistake 400.
    """
    session.rollback()
    text = f"{error.message} {error.hint}" if error.hint else error.message
    return Refusal(Notice.untranslated(text), 409 if isinstance(error, NotAllowedNow) else 400)


def round_or_404(org: OrganiserJudging, round_id: int) -> Round:
    """A round of the console's contest; any other id is simply not found."""
    try:
        return org.round(round_id)
    except NotFound as error:
        raise HTTPException(status_code=404) from error
