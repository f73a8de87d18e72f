"""Stand-ins for `rules.reasons` and `rules.gazetteer` with the interfaces the rules issue builds.

Web tests install them in `sys.modules` (see `install_fake_rules`), so the adapter in
`web.rules_bridge` is exercised through its real import path while the rules branch is elsewhere.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field

import pytest

from web import rules_bridge


@dataclass(frozen=True)
class FakeReasonText:
    title: str
    explanation: str
    advice: str


REASONS = {
    ("outside_period", "de"): FakeReasonText(
        "Außerhalb des Zeitraums",
        "Der Beitrag wurde nach Einsendeschluss gepostet.",
        "Beiträge nach dem Einsendeschluss können nicht mehr teilnehmen.",
    ),
    ("outside_period", "en"): FakeReasonText(
        "Outside the entry period",
        "The post was published after the closing date.",
        "Posts after the closing date cannot take part.",
    ),
    ("town_unknown", "de"): FakeReasonText(
        "Ort nicht erkannt",
        "Wir konnten keinen teilnehmenden Ort zuordnen.",
        "Ergänze den Ort per Geotag oder in der Bildunterschrift.",
    ),
    ("town_unknown", "en"): FakeReasonText(
        "Town not recognised",
        "We could not match the post to a participating town.",
        "Add the town as a geotag or in the caption.",
    ),
}


def explain(code: str, lang: str) -> FakeReasonText:
    return REASONS[(code, lang)]


@dataclass(frozen=True)
class FakeTown:
    name: str
    lat: float
    lon: float
    population: int = 20000
    official_name: str = ""
    district: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)


# Approximate coordinates of Thuringian towns, enough to draw the state's silhouette.
TOWNS = (
    FakeTown("Gotha", 50.949, 10.701),
    FakeTown("Meiningen", 50.568, 10.415),
    FakeTown("Zeulenroda-Triebes", 50.652, 11.978),
    FakeTown("Ilmenau", 50.684, 10.919),
    FakeTown("Eisenach", 50.975, 10.320),
    FakeTown("Arnstadt", 50.834, 10.947),
    FakeTown("Mühlhausen", 51.208, 10.453),
    FakeTown("Nordhausen", 51.505, 10.791),
    FakeTown("Sonneberg", 50.359, 11.174),
    FakeTown("Saalfeld/Saale", 50.648, 11.366),
    FakeTown("Rudolstadt", 50.718, 11.328),
    FakeTown("Apolda", 51.026, 11.517),
    FakeTown("Altenburg", 50.985, 12.433),
    FakeTown("Greiz", 50.655, 12.199),
    FakeTown("Sondershausen", 51.368, 10.871),
    FakeTown("Bad Langensalza", 51.108, 10.646),
    FakeTown("Sömmerda", 51.159, 11.117),
    FakeTown("Schmalkalden", 50.722, 10.447),
    FakeTown("Suhl", 50.609, 10.692),
    FakeTown("Hildburghausen", 50.426, 10.729),
    FakeTown("Pößneck", 50.693, 11.595),
    FakeTown("Heilbad Heiligenstadt", 51.378, 10.138),
    FakeTown("Bad Salzungen", 50.811, 10.233),
    FakeTown("Schleiz", 50.578, 11.810),
    FakeTown("Eisenberg", 50.968, 11.897),
    FakeTown("Schmölln", 50.894, 12.356),
    FakeTown("Artern", 51.366, 11.292),
    FakeTown("Bad Frankenhausen", 51.356, 11.101),
)


@dataclass(frozen=True)
class FakeGazetteer:
    towns: tuple[FakeTown, ...]


def load_gazetteer(path: object = None) -> FakeGazetteer:
    return FakeGazetteer(TOWNS)


def install_fake_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `rules.reasons` and `rules.gazetteer` resolve to the fakes above for one test."""
    reasons = types.ModuleType("rules.reasons")
    reasons.explain = explain  # type: ignore[attr-defined]
    gazetteer = types.ModuleType("rules.gazetteer")
    gazetteer.load_gazetteer = load_gazetteer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rules.reasons", reasons)
    monkeypatch.setitem(sys.modules, "rules.gazetteer", gazetteer)
    rules_bridge.gazetteer_towns.cache_clear()
