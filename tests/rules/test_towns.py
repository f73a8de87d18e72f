"""Town resolution: geotag, then town hashtags, then caption words; the tricky spellings."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.facts import Geotag
from rules.gazetteer import load_gazetteer
from rules.text import fold
from rules.towns import TownMethod, TownSettings, resolve_town, town_matcher
from tests.rules.factories import post

GAZETTEER = load_gazetteer()
SETTINGS = TownSettings(vague_geotags=("Thüringen", "Germany"))
GOTHA = GAZETTEER["Gotha"]
MEININGEN = GAZETTEER["Meiningen"]
ILMENAU = GAZETTEER["Ilmenau"]


def resolve(caption: str = "", hashtags: tuple[str, ...] = (), geotag: Geotag | None = None):
    return resolve_town(
        post(caption=caption, hashtags=hashtags, geotag=geotag), GAZETTEER, SETTINGS
    )


@pytest.mark.parametrize(
    ("caption", "town", "method"),
    [
        ("Ich bin gerade in der Stadt unterwegs", None, None),  # "gerade" is not Gera
        ("Abends in Gera", "Gera", TownMethod.caption),
        ("GERA bei Nacht", "Gera", TownMethod.caption),
        ("Gerabronn ist woanders", None, None),
        ("Blick über #ZeulenrodaTriebes", "Zeulenroda-Triebes", TownMethod.hashtag),
        ("Blick über #zeulenroda_triebes", "Zeulenroda-Triebes", TownMethod.hashtag),
        ("Markt in #Zeulenroda", "Zeulenroda-Triebes", TownMethod.hashtag),
        ("#Schmoelln am Morgen", "Schmölln", TownMethod.hashtag),
        ("#SCHMÖLLN am Morgen", "Schmölln", TownMethod.hashtag),
        ("Sonntag in Schmo\u0308lln", "Schmölln", TownMethod.caption),  # decomposed umlaut
        ("Spaziergang durch Goessnitz", "Gößnitz", TownMethod.caption),
        ("#BadSalzungen Gradierwerk", "Bad Salzungen", TownMethod.hashtag),
        ("Altstadt von Bad Salzungen", "Bad Salzungen", TownMethod.caption),
        ("Im Werra-Suhl-Tal", "Werra-Suhl-Tal", TownMethod.caption),  # not Suhl
        ("Leinefelde und Worbis an einem Tag", "Leinefelde-Worbis", TownMethod.caption),
        ("Gothas schönste Ecke", "Gotha", TownMethod.caption),
        ("Ecke Erfurter Straße in Apolda", "Apolda", TownMethod.caption),  # street, not Erfurt
        ("Ein Tag in Neustadt", None, None),  # many Neustadts: not an alias
        ("Neustadt an der Orla im Sommer", "Neustadt an der Orla", TownMethod.caption),
        ("Markt in Neustadt/Orla", "Neustadt an der Orla", TownMethod.caption),
        ("Saalfeld, Marktplatz", "Saalfeld/Saale", TownMethod.caption),
        ("Tambach-Dietharz/Thür. Wald im Nebel", "Tambach-Dietharz", TownMethod.caption),
        ("Mühlhausen (Thüringen) von oben", "Mühlhausen", TownMethod.caption),
        ("Danke @gotha für den Tipp", None, None),  # an account name is not a place
        ("Mein #Gotha, nicht Erfurt", "Gotha", TownMethod.hashtag),  # a town hashtag wins
        ("Zwischen Gotha und Erfurt", None, None),  # ambiguous, checked below
    ],
)
def test_caption_and_hashtags(caption: str, town: str | None, method: TownMethod | None) -> None:
    found = resolve(caption)
    assert (found.town, found.method) == (town, method)


@pytest.mark.parametrize(
    ("caption", "candidates"),
    [
        ("Zwischen Gotha und Erfurt", ("Erfurt", "Gotha")),
        ("Suhl und das Werra-Suhl-Tal", ("Suhl", "Werra-Suhl-Tal")),
        ("#Gotha #Meiningen", ("Gotha", "Meiningen")),
    ],
)
def test_two_towns_without_geotag_are_ambiguous(caption: str, candidates: tuple[str, ...]) -> None:
    found = resolve(caption)
    assert found.ambiguous and found.town is None
    assert found.candidates == candidates


def test_hashtags_from_ingestion_count_like_caption_hashtags() -> None:
    assert resolve("Abendlicht", hashtags=("meiningen",)).town == "Meiningen"


@pytest.mark.parametrize(
    ("geotag", "caption", "town", "method", "off_centre"),
    [
        # The geotag outweighs the caption.
        (
            Geotag("Marktplatz Meiningen", 50.5680, 10.4160),
            "Gotha",
            "Meiningen",
            "geotag_name",
            False,
        ),
        # A name without coordinates is enough.
        (Geotag("Mühlhausen/Thür."), "", "Mühlhausen", "geotag_name", False),
        # Coordinates alone find the nearest town core within a few km.
        (
            Geotag("Café am Markt", ILMENAU.lat + 0.004, ILMENAU.lon),
            "",
            "Ilmenau",
            "geotag_coordinates",
            False,
        ),
        # ... and 3 km off is still that town, but not its centre.
        (
            Geotag("Café", ILMENAU.lat + 0.027, ILMENAU.lon),
            "",
            "Ilmenau",
            "geotag_coordinates",
            True,
        ),
        # A named geotag 5 km from the core: the town, flagged as not its centre.
        (Geotag("Gotha", GOTHA.lat + 0.045, GOTHA.lon), "", "Gotha", "geotag_name", True),
        # Coordinates between the search radius and the homonym distance: the caption decides,
        # and the geotag is far from that town's core.
        (
            Geotag("Waldhütte", GOTHA.lat + 0.09, GOTHA.lon + 0.09),
            "in Gotha",
            "Gotha",
            "caption",
            True,
        ),
        # A region is no geotag: the caption decides.
        (Geotag("Thüringen", 50.90, 11.03), "in Gotha", "Gotha", "caption", False),
        # "null island" coordinates are a placeholder, not a place.
        (Geotag("", 0.0, 0.0), "in Gotha", "Gotha", "caption", False),
        # Two names in the geotag: the coordinates decide.
        (Geotag("Gotha - Erfurt", GOTHA.lat, GOTHA.lon), "", "Gotha", "geotag_name", False),
    ],
)
def test_geotag(geotag: Geotag, caption: str, town: str, method: str, off_centre: bool) -> None:
    found = resolve(caption, geotag=geotag)
    assert (found.town, found.method, found.off_centre) == (town, method, off_centre)
    if off_centre:
        assert found.geotag_km is not None and found.geotag_km > SETTINGS.centre_km


@pytest.mark.parametrize(
    "geotag",
    [
        Geotag("Heringen (Werra)", 50.887, 9.998),  # the Hessian Heringen, not Heringen/Helme
        Geotag("Weißensee, Berlin", 52.553, 13.466),  # Berlin-Weißensee, not the Thuringian town
        Geotag("Mühlhausen", 49.246, 8.727),  # Mühlhausen in the Kraichgau
    ],
)
def test_homonyms_far_away_are_outside_the_gazetteer(geotag: Geotag) -> None:
    found = resolve(f"Schöner Tag in #{geotag.name.split()[0].strip(',')}", geotag=geotag)
    assert found.town is None and found.outside and found.unknown


def test_several_geotag_names_without_coordinates_are_ambiguous() -> None:
    found = resolve("", geotag=Geotag("Zwischen Gotha und Erfurt"))
    assert found.candidates == ("Erfurt", "Gotha")


def test_heringen_in_a_caption_alone_is_the_thuringian_town() -> None:
    """Documented choice: without coordinates, a name is taken to mean the gazetteer's town."""
    assert resolve("Markt in Heringen").town == "Heringen/Helme"


@pytest.mark.parametrize("town", GAZETTEER.towns, ids=lambda town: town.name)
def test_every_town_is_found_by_name_and_by_hashtag(town) -> None:
    assert resolve(f"Blick auf {town.name.upper()}.").town == town.name
    camel = "".join(part.capitalize() for part in re.split(r"[\s\-/.()]+", town.name))
    assert resolve(f"#{camel}").town == town.name


@pytest.mark.parametrize("town", GAZETTEER.towns, ids=lambda town: town.name)
def test_every_town_core_resolves_to_itself(town) -> None:
    found = resolve("", geotag=Geotag("", town.lat, town.lon))
    assert (found.town, found.off_centre) == (town.name, False)


@settings(max_examples=200, deadline=None)
@given(caption=st.text(), tags=st.lists(st.text(max_size=30), max_size=5))
def test_arbitrary_captions_never_crash(caption: str, tags: list[str]) -> None:
    found = resolve(caption, hashtags=tuple(tags))
    assert found.town is None or found.town in GAZETTEER
    assert not found.ambiguous or len(found.candidates) >= 2


@settings(max_examples=100, deadline=None)
@given(
    town=st.sampled_from(GAZETTEER.towns),
    before=st.sampled_from(["", "Heute in ", "Blick auf die Innenstadt von ", "(", "📸 "]),
    after=st.sampled_from(["", ".", "!", " am Abend", ")", "\n#ThüringenDownTown"]),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_town_names_survive_case_and_unicode_forms(town, before, after, form) -> None:
    caption = unicodedata.normalize(form, f"{before}{town.name}{after}")
    assert resolve(caption).town == town.name


def test_matcher_is_built_once_per_gazetteer() -> None:
    assert town_matcher(GAZETTEER) is town_matcher(GAZETTEER)
    assert fold("Straße") == "strasse"
