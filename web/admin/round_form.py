"""Reading the "new round" form: pure, so each message can be tested in a table.

Organisers choose a method (yes/no, rating with stars or weighted criteria, ranking), the votes
per entry, where the entries come from (the shortlist, or the previous round's top K or every
entry above a score) and the jury. Each mistake gets a message next to its field; what the
judging service still refuses is shown at the top of the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from judging.ballots import RANKING_BALLOTS, RANKING_TALLIES, Criterion, RoundMethod
from judging.rounds import RoundSource
from web.admin.manual_form import FieldError
from web.auth.pages import N_

CRITERIA_ROWS = 5
METHODS = ("yesno", "rating", "ranking")
SOURCES = ("shortlist", "top", "threshold")
WHOLE = re.compile(r"^[0-9]{1,4}$")
DECIMAL = re.compile(r"^-?[0-9]{1,4}(?:[.,][0-9]{1,4})?$")


@dataclass(frozen=True, slots=True)
class RoundSpec:
    """What `OrganiserJudging.create_round` needs."""

    name: str
    method: RoundMethod
    quorum: int
    source: RoundSource
    jurors: tuple[str, ...]


def criterion_key(label: str) -> str:
    """`Motiv / Innenstadt` -> `motiv-innenstadt`: stable keys stored with every vote."""
    text = label.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _decimal(text: str) -> float | None:
    text = text.strip()
    return float(text.replace(",", ".")) if DECIMAL.fullmatch(text) else None


def _whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if WHOLE.fullmatch(text) else None


def _criteria(values: Mapping[str, str], errors: list[FieldError]) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    for row in range(1, CRITERIA_ROWS + 1):
        label = values.get(f"criterion_{row}", "").strip()
        weight_text = values.get(f"weight_{row}", "").strip()
        if not label and not weight_text:
            continue
        weight = _decimal(weight_text) if weight_text else 1.0
        if not label or not criterion_key(label):
            errors.append(FieldError(f"criterion_{row}", N_("Name the criterion.")))
        elif weight is None or weight <= 0:
            errors.append(
                FieldError(f"weight_{row}", N_("A weight is a number above 0, e.g. 0.4."))
            )
        else:
            criteria.append(Criterion(criterion_key(label), label[:80], weight))
    if len({criterion.key for criterion in criteria}) != len(criteria):
        errors.append(FieldError("criterion_1", N_("Give every criterion its own name.")))
    return tuple(criteria)


def _method(values: Mapping[str, str], errors: list[FieldError]) -> RoundMethod | None:
    method = values.get("method", "")
    if method not in METHODS:
        errors.append(FieldError("method", N_("Choose how the jury judges this round.")))
        return None
    scale = _whole(values.get("scale", "") or "5")
    if method == "rating" and (scale is None or not 2 <= scale <= 10):
        errors.append(FieldError("scale", N_("Stars run from 1 to a number between 2 and 10.")))
        return None
    criteria = _criteria(values, errors) if method == "rating" else ()
    tally, ballot = values.get("tally") or "borda", values.get("ballot") or "order"
    if method == "ranking" and (tally not in RANKING_TALLIES or ballot not in RANKING_BALLOTS):
        errors.append(FieldError("method", N_("Choose the ballot and the count of the ranking.")))
    if errors:
        return None
    return RoundMethod(
        method,
        scale=scale or 5,
        criteria=criteria,
        normalise=method == "rating" and values.get("normalise") == "1",
        tally=tally,
        ballot=ballot,
    )


def _source(values: Mapping[str, str], errors: list[FieldError]) -> RoundSource | None:
    kind = values.get("source", "shortlist")
    if kind == "top":
        top = _whole(values.get("top", ""))
        if top is None or top < 1:
            errors.append(FieldError("top", N_("Say how many of the best entries go on.")))
            return None
        return RoundSource("previous", top=top)
    if kind == "threshold":
        score = _decimal(values.get("min_score", ""))
        if score is None:
            errors.append(FieldError("min_score", N_("Give the lowest score that goes on.")))
            return None
        return RoundSource("previous", min_score=score)
    if kind != "shortlist":
        errors.append(FieldError("source", N_("Choose where the entries come from.")))
        return None
    return RoundSource()


def parse_round_form(
    values: Mapping[str, str], jurors: Sequence[str]
) -> tuple[RoundSpec | None, list[FieldError]]:
    """The round to create, or the mistakes (the judging service checks the rest)."""
    errors: list[FieldError] = []
    name = values.get("name", "").strip()
    if not name:
        errors.append(FieldError("name", N_("Give the round a name, e.g. Vorrunde or Finale.")))
    quorum = _whole(values.get("quorum", ""))
    if quorum is None or quorum < 1:
        errors.append(FieldError("quorum", N_("The votes per entry are a whole number from 1.")))
    method_errors: list[FieldError] = []
    method = _method(values, method_errors)
    errors.extend(method_errors)
    source = _source(values, errors)
    chosen = tuple(dict.fromkeys(name.strip() for name in jurors if name.strip()))
    if quorum is not None and chosen and quorum > len(chosen):
        errors.append(
            FieldError(
                "quorum",
                N_("%(quorum)s votes per entry need at least %(quorum)s jurors."),
                {"quorum": quorum},
            )
        )
    if errors or method is None or source is None or quorum is None:
        return None, errors
    return RoundSpec(name[:120], method, quorum, source, chosen), []
