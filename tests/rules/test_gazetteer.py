"""The bundled gazetteer and the checks on gazetteer files organisers bring."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.gazetteer import GazetteerError, distance_km, load_gazetteer

HEADER = "name,official_name,district,population,lat,lon,aliases\n"


def test_bundled_gazetteer_has_the_117_thuringian_towns() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer) == 117
    assert sum(5000 <= town.population <= 50000 for town in gazetteer) == 69
    erfurt = gazetteer["Erfurt"]
    assert (erfurt.population, erfurt.district) == (218793, "kreisfrei")
    assert gazetteer["Zeulenroda-Triebes"].aliases == ("Zeulenroda", "Triebes")
    assert all(50.2 < town.lat < 51.7 and 9.8 < town.lon < 12.7 for town in gazetteer)


@pytest.mark.parametrize("written", ["Mühlhausen", "MÜHLHAUSEN", "Muehlhausen", "mühlhausen"])
def test_lookup_ignores_case_and_umlaut_spelling(written: str) -> None:
    assert load_gazetteer().get(written).name == "Mühlhausen"  # type: ignore[union-attr]


def test_unknown_name_is_none() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.get("Neustadt") is None and "Neustadt" not in gazetteer


def test_nearest_town_core() -> None:
    town, km = load_gazetteer().nearest(50.9490, 10.7010)  # type: ignore[misc]
    assert town.name == "Gotha" and km < 0.5


def test_distance_is_plausible() -> None:
    gazetteer = load_gazetteer()
    gotha, erfurt = gazetteer["Gotha"], gazetteer["Erfurt"]
    assert 22 < distance_km(gotha.lat, gotha.lon, erfurt.lat, erfurt.lon) < 24


def test_file_saved_from_excel_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "towns.csv"
    path.write_text("\ufeff" + HEADER + 'Ort,"Ort, Stadt",Kreis,6000,50.0,10.0,A;B\n', "utf-8")
    town = load_gazetteer(path).towns[0]
    assert (town.name, town.aliases, town.population) == ("Ort", ("A", "B"), 6000)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name,population\nOrt,5\n", "the header lacks the column(s) official_name, district"),
        (HEADER + "Ort,Ort,Kreis,many,50,10,\n", "line 2, column population: expected a number"),
        (HEADER + "Ort,Ort,Kreis,5,95,10,\n", "line 2, column lat: 95.0 is outside -90..90"),
        (HEADER + ",Ort,Kreis,5,50,10,\n", "line 2, column name: the town has no name"),
        (HEADER + "Ort,Ort,K,5,50,10,\nORT,Ort,K,5,50,10,\n", "the town name 'ORT' appears twice"),
        (HEADER, "lists no towns"),
    ],
)
def test_malformed_files_are_named_with_line_and_column(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "towns.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(path)
    assert str(path) in str(caught.value) and expected in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such gazetteer file"):
        load_gazetteer(tmp_path / "nope.csv")


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "towns.csv"
    path.write_text(HEADER + "Alt,Alt,K,5,50,10,\n", encoding="utf-8")
    assert load_gazetteer(path).names == ("Alt",)
    path.write_text(HEADER + "Neuer Ort,Neuer Ort,K,5,50,10,\n", encoding="utf-8")
    assert load_gazetteer(path).names == ("Neuer Ort",)
