"""The towns gazetteer: official names, population and town-core coordinates.

The bundled file is `rules/data/thuringia_towns.csv` (117 Thuringian towns, population at
31.12.2024; sources in `rules/data/README.md`). A contest file may name another file with the same
columns, for another state or another year, so nothing here is specific to Thuringia.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rules.text import fold

BUNDLED_GAZETTEER = Path(__file__).resolve().parent / "data" / "thuringia_towns.csv"
REQUIRED_COLUMNS = ("name", "official_name", "district", "population", "lat", "lon", "aliases")
OFFICIAL_SUFFIX = ", Stadt"
EARTH_RADIUS_KM = 6371.0088


class GazetteerError(ValueError):
    """The gazetteer file is missing or malformed; the message names file, line and column."""


@dataclass(frozen=True, slots=True)
class Town:
    """One town of the gazetteer; `name` is the form the rules, exports and the web use."""

    name: str
    official_name: str
    district: str
    population: int
    lat: float  # town core (WGS84), not the centroid of the municipal area
    lon: float
    aliases: tuple[str, ...] = ()
    population_date: date | None = None
    source: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way the town may be written: its name, official short form and aliases."""
        official = self.official_name.removesuffix(OFFICIAL_SUFFIX)
        first_by_key: dict[str, str] = {}
        for text in (self.name, official, *self.aliases):
            if text:
                first_by_key.setdefault(fold(text), text)
        return tuple(first_by_key.values())


class Gazetteer:
    """The towns of one gazetteer file, with lookups by name and by position."""

    def __init__(self, towns: tuple[Town, ...], source: Path | None = None) -> None:
        self.towns = tuple(sorted(towns, key=lambda town: town.name))
        self.source = source
        self._by_key = {fold(town.name): town for town in self.towns}

    def __repr__(self) -> str:
        return f"Gazetteer({len(self.towns)} towns from {self.source})"

    def __len__(self) -> int:
        return len(self.towns)

    def __iter__(self) -> Iterator[Town]:
        return iter(self.towns)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def get(self, name: str) -> Town | None:
        """The town with this `name`, compared case- and umlaut-insensitively; None if unknown."""
        return self._by_key.get(fold(name))

    def __getitem__(self, name: str) -> Town:
        town = self.get(name)
        if town is None:
            raise KeyError(name)
        return town

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(town.name for town in self.towns)

    def by_distance(self, lat: float, lon: float) -> list[tuple[float, Town]]:
        """Every town as (km from the point, town), nearest first; ties by name."""
        return sorted(
            ((distance_km(lat, lon, town.lat, town.lon), town) for town in self.towns),
            key=lambda pair: (pair[0], pair[1].name),
        )

    def nearest(self, lat: float, lon: float) -> tuple[Town, float] | None:
        """The town whose core is nearest the point, with the distance in km."""
        ranked = self.by_distance(lat, lon)
        if not ranked:
            return None
        km, town = ranked[0]
        return town, km


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); plenty for "is this photo near the town core"."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


_cache: dict[tuple[Path, int, int], Gazetteer] = {}


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read a gazetteer CSV (default: the bundled Thuringian one); cached until the file changes."""
    try:
        path = (path or BUNDLED_GAZETTEER).resolve()
        stat = path.stat()
    except FileNotFoundError as error:
        raise GazetteerError(f"{path}: no such gazetteer file") from error
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read the gazetteer ({error.strerror})") from error
    except ValueError as error:  # a NUL in the name
        raise GazetteerError(f"{str(path)!r} is not a possible file name") from error
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache.clear()  # contests use one or two files; keep only the latest versions
        _cache[key] = Gazetteer(_read_towns(path), source=path)
    return _cache[key]


def _read_towns(path: Path) -> tuple[Town, ...]:
    try:
        # utf-8-sig: a file saved from Excel starts with a byte-order mark.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [
                column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])
            ]
            if missing:
                raise GazetteerError(
                    f"{path}: the header lacks the column(s) {', '.join(missing)} "
                    f"(expected at least: {', '.join(REQUIRED_COLUMNS)})"
                )
            towns = [_parse_row(path, reader.line_num, row) for row in reader]
    except UnicodeDecodeError as error:
        raise GazetteerError(f"{path}: not UTF-8 text ({error.reason})") from error
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read the gazetteer ({error.strerror})") from error
    if not towns:
        raise GazetteerError(f"{path}: the gazetteer lists no towns")
    seen: dict[str, str] = {}
    for town in towns:
        key = fold(town.name)
        if key in seen:
            raise GazetteerError(f"{path}: the town name {town.name!r} appears twice")
        seen[key] = town.name
    return tuple(towns)


def _parse_row(path: Path, line: int, row: dict[str, str | None]) -> Town:
    def text(column: str) -> str:
        return (row.get(column) or "").strip()

    def number(column: str, kind: type[int] | type[float], low: float, high: float) -> float:
        raw = text(column)
        try:
            value = kind(raw)
        except ValueError:
            raise GazetteerError(
                f"{path}, line {line}, column {column}: expected a number, got {raw!r}"
            ) from None
        if not low <= value <= high:
            raise GazetteerError(
                f"{path}, line {line}, column {column}: {value} is outside {low}..{high}"
            )
        return value

    name = text("name")
    if not name:
        raise GazetteerError(f"{path}, line {line}, column name: the town has no name")
    population_date = None
    if text("population_date"):
        try:
            population_date = date.fromisoformat(text("population_date"))
        except ValueError:
            raise GazetteerError(
                f"{path}, line {line}, column population_date: expected YYYY-MM-DD, "
                f"got {text('population_date')!r}"
            ) from None
    return Town(
        name=name,
        official_name=text("official_name") or name,
        district=text("district"),
        population=int(number("population", int, 0, 100_000_000)),
        lat=float(number("lat", float, -90, 90)),
        lon=float(number("lon", float, -180, 180)),
        aliases=tuple(alias.strip() for alias in text("aliases").split(";") if alias.strip()),
        population_date=population_date,
        source=text("source"),
    )
