"""Round methods and the votes they accept: validation and the score of one vote (pure).

A round's method is `yesno`, `rating` (1..scale stars, or several weighted criteria) or `ranking`
(each juror orders their entries, or gives 10..1 points to a top ten; tallied by Borda or
Schulze). `RoundMethod` reads and writes the method details kept in `Round.config`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from contest.errors import UserFacingError

METHODS = ("yesno", "rating", "ranking")
RANKING_TALLIES = ("borda", "schulze")
RANKING_BALLOTS = ("order", "points")
TOP_POINTS = 10  # "10..1 points to a top 10"


class InvalidVote(UserFacingError):
    """A vote that does not fit the round's method."""


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float


@dataclass(frozen=True)
class RoundMethod:
    """How a round is judged and tallied; stored in `Round.method` and `Round.config`."""

    method: str
    scale: int = 5
    criteria: tuple[Criterion, ...] = ()
    normalise: bool = False
    tally: str = "borda"  # ranking rounds only
    ballot: str = "order"  # ranking rounds only
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise UserFacingError(
                f"Unknown judging method {self.method!r}.", f"Use one of: {', '.join(METHODS)}."
            )
        if self.method == "ranking":
            if self.tally not in RANKING_TALLIES:
                raise UserFacingError(
                    f"Unknown ranking tally {self.tally!r}.",
                    f"Use one of: {', '.join(RANKING_TALLIES)}.",
                )
            if self.ballot not in RANKING_BALLOTS:
                raise UserFacingError(
                    f"Unknown ranking ballot {self.ballot!r}.",
                    "Use order (jurors order their entries) or points (10..1 to a top ten).",
                )
        if not 2 <= self.scale <= 10:
            raise UserFacingError("A rating scale runs from 1 to between 2 and 10 stars.")
        if any(criterion.weight <= 0 for criterion in self.criteria):
            raise UserFacingError("Every criterion needs a positive weight.")
        if len({criterion.key for criterion in self.criteria}) != len(self.criteria):
            raise UserFacingError("Criteria need distinct names.")

    @classmethod
    def from_round(cls, method: str, config: Mapping[str, Any]) -> RoundMethod:
        criteria = tuple(
            Criterion(str(c["key"]), str(c.get("label") or c["key"]), float(c["weight"]))
            for c in config.get("criteria", [])
        )
        return cls(
            method=method,
            scale=int(config.get("scale", 5)),
            criteria=criteria,
            normalise=bool(config.get("normalise", False)),
            tally=str(config.get("tally", "borda")),
            ballot=str(config.get("ballot", "order")),
        )

    def to_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {}
        if self.method == "rating":
            config["scale"] = self.scale
            config["normalise"] = self.normalise
            if self.criteria:
                config["criteria"] = [
                    {"key": c.key, "label": c.label, "weight": c.weight} for c in self.criteria
                ]
        if self.method == "ranking":
            config["tally"] = self.tally
            config["ballot"] = self.ballot
        return config

    def summary(self) -> str:
        """A few English words for tables: "rating 1-5, 3 criteria, normalised"."""
        if self.method == "yesno":
            return "yes/no"
        if self.method == "rating":
            parts = [f"rating 1-{self.scale}"]
            if self.criteria:
                parts.append(f"{len(self.criteria)} criteria")
            if self.normalise:
                parts.append("normalised")
            return ", ".join(parts)
        ballot = "order" if self.ballot == "order" else "10..1 points"
        return f"ranking ({ballot}), {self.tally}"

    def describe_de(self) -> str:
        """One German line for the protocol."""
        if self.method == "yesno":
            return "Ja/Nein je Beitrag; Rangfolge nach Anteil der Ja-Stimmen"
        if self.method == "rating":
            what = (
                "Kriterien " + ", ".join(f"{c.label} (Gewicht {c.weight:g})" for c in self.criteria)
                if self.criteria
                else "Sterne"
            )
            norm = "; je Jurymitglied z-normalisiert" if self.normalise else ""
            return f"Bewertung 1–{self.scale}, {what}; Mittelwert je Beitrag{norm}"
        ballot = "Reihenfolge" if self.ballot == "order" else "10 bis 1 Punkte an die besten zehn"
        tally = "Borda-Zählung" if self.tally == "borda" else "Schulze-Methode"
        return f"Rangfolge ({ballot}), ausgewertet mit {tally}"


def parse_criteria(text: str) -> tuple[Criterion, ...]:
    """`motif:0.4,composition:0.3,originality:0.3` as typed on the command line."""
    criteria = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        key, _, weight = part.partition(":")
        try:
            value = float(weight) if weight else 1.0
        except ValueError as error:
            raise UserFacingError(
                f"The weight of criterion {key!r} is not a number: {weight!r}.",
                "Write criteria as name:weight, e.g. motif:0.4,composition:0.3,originality:0.3",
            ) from error
        criteria.append(Criterion(key.strip(), key.strip(), value))
    return tuple(criteria)


def score_vote(method: RoundMethod, value: Mapping[str, Any]) -> tuple[dict[str, Any], float]:
    """Check a yes/no or rating vote; returns the value to store and its score."""
    if method.method == "yesno":
        yes = value.get("yes")
        if not isinstance(yes, bool):
            raise InvalidVote("A yes/no vote needs yes or no.")
        return {"yes": yes}, 1.0 if yes else 0.0
    if method.method == "rating":
        if method.criteria:
            given = value.get("criteria")
            if not isinstance(given, Mapping):
                raise InvalidVote("This round rates several criteria; rate each of them.")
            keys = {c.key for c in method.criteria}
            if set(given) != keys:
                raise InvalidVote(f"Rate exactly these criteria: {', '.join(sorted(keys))}.")
            stars = {key: _stars(given[key], method.scale) for key in sorted(keys)}
            total = sum(c.weight for c in method.criteria)
            score = sum(c.weight * stars[c.key] for c in method.criteria) / total
            return {"criteria": stars}, score
        stars_value = _stars(value.get("stars"), method.scale)
        return {"stars": stars_value}, float(stars_value)
    raise InvalidVote("A ranking round takes a whole ballot, not single votes.")


def _stars(value: object, scale: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= scale:
        raise InvalidVote(f"A rating is a whole number from 1 to {scale}.")
    return value


def order_ballot(task_ids: Sequence[int], order: Sequence[int]) -> dict[int, dict[str, Any]]:
    """A ranking by order: every task exactly once, best first; value {"rank": r, "of": n}."""
    if sorted(order) != sorted(task_ids) or len(set(order)) != len(order):
        raise InvalidVote(
            "A ranking must list each of your entries exactly once.",
            "Order all entries of the round, best first.",
        )
    size = len(order)
    return {task_id: {"rank": index + 1, "of": size} for index, task_id in enumerate(order)}


def points_ballot(task_ids: Sequence[int], points: Mapping[int, int]) -> dict[int, dict[str, Any]]:
    """A top-ten ballot: distinct points from 10 down to 1; unnamed tasks get 0 points."""
    unknown = set(points) - set(task_ids)
    if unknown:
        raise InvalidVote("Points can only go to entries of your own ballot.")
    given = [value for value in points.values() if value]
    if any(
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= TOP_POINTS
        for value in points.values()
    ):
        raise InvalidVote(f"Points are whole numbers from 1 to {TOP_POINTS}.")
    if len(set(given)) != len(given):
        raise InvalidVote("Each number of points can go to one entry only.")
    return {task_id: {"points": int(points.get(task_id, 0))} for task_id in task_ids}


def ranking_vote_score(value: Mapping[str, Any]) -> float:
    """The raw number stored with a ranking vote: Borda points of an order, or the points."""
    if "points" in value:
        return float(value["points"])
    return float(value["of"] - value["rank"])
