"""Which town does a post show? Pure resolution from the geotag, the hashtags and the caption.

The order of evidence follows how people post:
1. the geotag: its location name, and when that names no town, the nearest town core within a
   few kilometres of its coordinates;
2. town hashtags (`#Gotha`, `#ZeulenrodaTriebes`, `#Schmoelln`);
3. town names in the caption's prose, on word boundaries only ("gerade" is not Gera).
The first kind of evidence that names a town decides; a geotag outweighs the caption. Two towns
at the same level with nothing to decide between them are ambiguous.

Names are compared after `rules.text.fold` (NFC, case-folded, ü/ue, ö/oe, ä/ae, ß/ss). Hashtags
are compared without spaces, hyphens or other punctuation. A caption may use the genitive
("Gothas Altstadt"); adjective forms ("Erfurter Straße") are deliberately not matched, because
streets named after neighbouring towns are in every Thuringian town centre.

Names that are not unique in Germany (Heringen, Mühlhausen, Weißensee ...) are checked against
the geotag's coordinates when there are any: a location called "Heringen" 100 km away from
Heringen/Helme is another Heringen. A bare "Neustadt" is not in the gazetteer at all; only
"Neustadt an der Orla" and its spellings are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rules.facts import Geotag, PostFacts
from rules.gazetteer import Gazetteer, Town, distance_km
from rules.text import caption_hashtags, compact, fold, strip_tags_and_mentions

_SEPARATORS = r"[\s\-\u2010\u2011\u2012\u2013\u2014]+"
_SEPARATOR_RE = re.compile(_SEPARATORS)


class TownMethod(StrEnum):
    """How the town was found; exported so organisers can judge how sure it is."""

    geotag_name = "geotag_name"
    geotag_coordinates = "geotag_coordinates"
    hashtag = "hashtag"
    caption = "caption"


@dataclass(frozen=True, slots=True)
class TownSettings:
    """The contest file's `[towns]` distances (km) and the geotags that name no particular place."""

    centre_km: float = 2.0  # farther from the town core: not_town_centre
    search_km: float = 5.0  # coordinates alone find a town core at most this far away
    homonym_km: float = 25.0  # a geotag name this far from the town core means another place
    vague_geotags: tuple[str, ...] = ()  # e.g. "Thüringen", "Germany": treated as no geotag


@dataclass(frozen=True, slots=True)
class TownResolution:
    """The answer: one town, several candidates (ambiguous) or none (unknown)."""

    town: str | None
    method: TownMethod | None = None
    candidates: tuple[str, ...] = ()  # the towns found when ambiguous
    geotag_km: float | None = None  # distance from the geotag's coordinates to the town core
    off_centre: bool = False  # the geotag is farther than `centre_km` from the town core
    outside: bool = False  # the geotag lies far from every town of the gazetteer

    @property
    def ambiguous(self) -> bool:
        return self.town is None and len(self.candidates) > 1

    @property
    def unknown(self) -> bool:
        return self.town is None and not self.ambiguous


class TownMatcher:
    """Finds the gazetteer's towns in free text and in hashtags; built once per gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._towns_by_phrase: dict[str, set[str]] = {}
        self._towns_by_tag: dict[str, set[str]] = {}
        for town in gazetteer:
            for spelling in town.spellings:
                phrase = _phrase_key(fold(spelling))
                self._towns_by_phrase.setdefault(phrase, set()).add(town.name)
                self._towns_by_tag.setdefault(compact(spelling), set()).add(town.name)
        # Longest phrases first, so "Werra-Suhl-Tal" wins over "Suhl" at the same place.
        alternatives = sorted(self._towns_by_phrase, key=lambda phrase: (-len(phrase), phrase))
        body = "|".join(
            _SEPARATORS.join(re.escape(word) for word in phrase.split(" "))
            for phrase in alternatives
        )
        # An optional genitive ("Gothas", "Gotha's") still names the town.
        self._pattern = re.compile(rf"(?<!\w)({body})(?:s|['’]s)?(?!\w)")

    def in_text(self, text: str) -> tuple[str, ...]:
        """Towns named in prose, on word boundaries; sorted, without repeats."""
        found: set[str] = set()
        for match in self._pattern.finditer(fold(text)):
            found |= self._towns_by_phrase[_phrase_key(match.group(1))]
        return tuple(sorted(found))

    def in_hashtags(self, tags: Iterable[str]) -> tuple[str, ...]:
        """Towns whose name is one of the hashtags, ignoring case, umlauts and separators."""
        found: set[str] = set()
        for tag in tags:
            found |= self._towns_by_tag.get(compact(tag), set())
        return tuple(sorted(found))


@functools.lru_cache(maxsize=8)
def town_matcher(gazetteer: Gazetteer) -> TownMatcher:
    return TownMatcher(gazetteer)


def resolve_town(post: PostFacts, gazetteer: Gazetteer, settings: TownSettings) -> TownResolution:
    """Decide the town a post shows, and how far its geotag is from that town's core."""
    matcher = town_matcher(gazetteer)
    geotag = _usable_geotag(post.geotag, settings)
    point = _point(geotag)
    if geotag is not None:
        by_geotag = _from_geotag(geotag, point, matcher, gazetteer, settings)
        if by_geotag is not None:
            return by_geotag
    tags = (*post.hashtags, *caption_hashtags(post.caption))
    for method, towns in (
        (TownMethod.hashtag, matcher.in_hashtags(tags)),
        (TownMethod.caption, matcher.in_text(strip_tags_and_mentions(post.caption))),
    ):
        if len(towns) == 1:
            return _resolved(gazetteer[towns[0]], method, point, settings)
        if len(towns) > 1:
            return TownResolution(town=None, candidates=towns)
    return TownResolution(town=None)


def _from_geotag(
    geotag: Geotag,
    point: tuple[float, float] | None,
    matcher: TownMatcher,
    gazetteer: Gazetteer,
    settings: TownSettings,
) -> TownResolution | None:
    """The geotag's answer, or None when it names no town and points at none nearby."""
    named = [gazetteer[name] for name in matcher.in_text(geotag.name or "")]
    if point is None:
        if len(named) == 1:
            return _resolved(named[0], TownMethod.geotag_name, None, settings)
        if named:
            return TownResolution(town=None, candidates=tuple(town.name for town in named))
        return None
    by_distance = sorted((distance_km(*point, town.lat, town.lon), town.name) for town in named)
    if by_distance and by_distance[0][0] <= settings.homonym_km:
        # The nearest named town; the coordinates decide between several names.
        return _resolved(gazetteer[by_distance[0][1]], TownMethod.geotag_name, point, settings)
    nearest = gazetteer.nearest(*point)
    if nearest is None:
        return None
    town, km = nearest
    if km <= settings.search_km:
        return _resolved(town, TownMethod.geotag_coordinates, point, settings)
    if named or km > settings.homonym_km:
        # The geotag names one of our towns but lies far from it (another Heringen), or lies far
        # from every town of the gazetteer (another state): the place is not in the gazetteer,
        # and the geotag outweighs whatever the caption says.
        return TownResolution(town=None, geotag_km=round(km, 2), outside=True)
    return None


def _resolved(
    town: Town, method: TownMethod, point: tuple[float, float] | None, settings: TownSettings
) -> TownResolution:
    if point is None:
        return TownResolution(town=town.name, method=method)
    km = distance_km(*point, town.lat, town.lon)
    return TownResolution(
        town=town.name, method=method, geotag_km=round(km, 2), off_centre=km > settings.centre_km
    )


def _usable_geotag(geotag: Geotag | None, settings: TownSettings) -> Geotag | None:
    """The geotag, unless it is empty or only names a region ("Thüringen", "Germany")."""
    if geotag is None:
        return None
    vague = {compact(name) for name in settings.vague_geotags}
    if geotag.name and compact(geotag.name) in vague:
        return None
    if not (geotag.name or "").strip() and _point(geotag) is None:
        return None
    return geotag


def _point(geotag: Geotag | None) -> tuple[float, float] | None:
    if geotag is None or geotag.lat is None or geotag.lng is None:
        return None
    if not (-90 <= geotag.lat <= 90 and -180 <= geotag.lng <= 180):
        return None
    if geotag.lat == 0 and geotag.lng == 0:  # "null island": a placeholder, not a place
        return None
    return geotag.lat, geotag.lng


def _phrase_key(folded: str) -> str:
    return _SEPARATOR_RE.sub(" ", folded).strip()
