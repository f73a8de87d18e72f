"""The life of a round: draft -> active -> closed -> finalized, and closed -> active (pure).

Reopening is the way back (a late juror, a mistake found while checking); it needs a reason
because it lets votes change after the organiser had stopped them. A finalized round is final:
its standings feed the next round or the published results.
"""

from __future__ import annotations

from judging.errors import NotAllowedNow

DRAFT, ACTIVE, CLOSED, FINALIZED = "draft", "active", "closed", "finalized"
STATUSES = (DRAFT, ACTIVE, CLOSED, FINALIZED)
STATUS_DE = {DRAFT: "Entwurf", ACTIVE: "läuft", CLOSED: "geschlossen", FINALIZED: "abgeschlossen"}

# (from, to) -> the verb organisers use for it.
TRANSITIONS: dict[tuple[str, str], str] = {
    (DRAFT, ACTIVE): "activate",
    (ACTIVE, CLOSED): "close",
    (CLOSED, ACTIVE): "reopen",
    (CLOSED, FINALIZED): "finalize",
}
# What a person may change in which state.
EDITABLE_JURY = frozenset({DRAFT, ACTIVE})  # jurors and quorum
VOTING_OPEN = frozenset({ACTIVE})


def check_transition(name: str, current: str, target: str) -> str:
    """The verb of an allowed transition, or an error saying what is possible instead."""
    verb = TRANSITIONS.get((current, target))
    if verb is not None:
        return verb
    possible = [f"{verb} (to {to})" for (src, to), verb in TRANSITIONS.items() if src == current]
    hint = "Possible now: " + ", ".join(possible) + "." if possible else "It is final."
    raise NotAllowedNow(f"Round {name!r} is {current}; it cannot become {target}.", hint)
