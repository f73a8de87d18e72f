"""Words the jury pages use for methods, round states and task states (English msgids).

The domain describes a method in English for tables (`RoundMethod.summary`) and in German for
the protocol; jurors read it in their own language, so the jury pages translate these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from judging.assignment import DONE, OPEN, RECUSED, SKIPPED
from judging.ballots import RoundMethod
from judging.lifecycle import ACTIVE, CLOSED, FINALIZED
from web.i18n import N_

ROUND_STATUS = {
    ACTIVE: N_("open for votes"),
    CLOSED: N_("closed"),
    FINALIZED: N_("finished"),
}
TASK_STATUS = {
    OPEN: N_("to do"),
    SKIPPED: N_("later"),
    DONE: N_("voted"),
    RECUSED: N_("stepped aside"),
}


@dataclass(frozen=True)
class Label:
    """A msgid with its parameters, translated where it is shown."""

    message: str
    params: dict[str, Any]


def method_label(method: RoundMethod) -> Label:
    """ "Rating, 1 to 5 stars", "Ranking: 10 to 1 points", ... for headings and cards."""
    if method.method == "yesno":
        return Label(N_("Yes or no for each photo"), {})
    if method.method == "rating" and method.criteria:
        return Label(
            N_("Rating: %(count)s criteria, 1 to %(scale)s stars each"),
            {"count": len(method.criteria), "scale": method.scale},
        )
    if method.method == "rating":
        return Label(N_("Rating: 1 to %(scale)s stars"), {"scale": method.scale})
    if method.ballot == "points":
        return Label(N_("Ranking: 10 to 1 points for your top ten"), {})
    return Label(N_("Ranking: put all photos in order, best first"), {})


def round_status_label(status: str) -> str:
    return ROUND_STATUS.get(status, status)


def task_status_label(status: str) -> str:
    return TASK_STATUS.get(status, status)


def weight_percent(method: RoundMethod) -> list[int]:
    """Each criterion's share of the weights, in whole percent (shown beside its stars)."""
    total = sum(criterion.weight for criterion in method.criteria) or 1.0
    return [round(100 * criterion.weight / total) for criterion in method.criteria]
