"""The call for entries as one immutable record: what `rules.contest_file` reads from TOML.

Every field has the 2025 preset's value as its default, so code and tests that need "a contest"
can write `ContestRules(slug=..., name=..., source_text=...)`. Times are aware datetimes in the
contest's time zone; hashtags and account names are already normalised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from rules.gazetteer import BUNDLED_GAZETTEER, Gazetteer, Town
from rules.reasons import DEFAULT_SEVERITY, Severity
from rules.towns import TownSettings

BERLIN = ZoneInfo("Europe/Berlin")

DEFAULT_AI_HASHTAGS = (
    "aiart",
    "aiartwork",
    "aiartcommunity",
    "aigenerated",
    "aigeneratedart",
    "aiimage",
    "aiphotography",
    "generativeai",
    "midjourney",
    "midjourneyart",
    "stablediffusion",
    "dalle",
    "dalle2",
    "dalle3",
    "adobefirefly",
    "kigeneriert",
    "kibild",
    "kikunst",
)
DEFAULT_VAGUE_GEOTAGS = (
    "Thüringen",
    "Thuringia",
    "Thüringen, Germany",
    "Thuringia, Germany",
    "Freistaat Thüringen",
    "Deutschland",
    "Germany",
)


class CarouselPolicy(StrEnum):
    """What a post with several photos (an Instagram carousel) is."""

    first_photo = "first_photo"  # one entry; its first photo is the entry's image
    not_allowed = "not_allowed"  # single photos only: a carousel is `not_a_photo`


class TieBreak(StrEnum):
    """How judging settles a tie at a cut or a prize place (see the judging chapter)."""

    organiser = "organiser"  # shown to organisers, who decide with a recorded note
    earliest_post = "earliest_post"  # the earlier post ranks higher
    most_likes = "most_likes"  # more likes at the freeze rank higher, then the earlier post


@dataclass(frozen=True)
class ContestRules:
    """One contest's rules. Build it with `rules.contest_file.load_contest_file`."""

    slug: str
    name: str
    source_text: str
    origin: str = "<preset>"
    organiser: str = ""
    terms_url: str | None = None
    disclaimer: str = ""
    time_zone: str = "Europe/Berlin"
    opens_at: datetime = datetime(2025, 5, 5, 0, 0, tzinfo=BERLIN)
    closes_at: datetime = datetime(2025, 6, 22, 23, 59, 59, tzinfo=BERLIN)
    likes_freeze_at: datetime = datetime(2025, 6, 22, 23, 59, 59, tzinfo=BERLIN)
    # [entries]
    hashtags: tuple[str, ...] = ("thüringendowntown", "thueringendowntown")
    required_mentions: tuple[str, ...] = ("downtownsnaps_th",)
    excluded_accounts: tuple[str, ...] = ("downtownsnaps_th",)
    entries_per_account: int = 3
    photo_only: bool = True
    carousel: CarouselPolicy = CarouselPolicy.first_photo
    min_image_side: int = 640
    ai_hashtags: tuple[str, ...] = DEFAULT_AI_HASHTAGS
    # [towns]
    gazetteer_path: Path | None = None  # None: the bundled Thuringian gazetteer
    eligible_population: tuple[int, int] | None = (5_000, 50_000)
    eligible_towns: tuple[str, ...] | None = None  # an explicit list replaces the range
    max_geotag_distance_km: float = 2.0
    geotag_search_km: float = 5.0
    homonym_distance_km: float = 25.0
    vague_geotags: tuple[str, ...] = DEFAULT_VAGUE_GEOTAGS
    # [duplicates]
    duplicate_reject_distance: int = 10
    duplicate_review_distance: int = 16
    # [judging]
    shortlist_size: int = 50
    places: int = 10
    tie_break: TieBreak = TieBreak.organiser
    # [privacy]
    retention_days: int = 365
    # [severity]: the codes the file sets; every other code has the catalogue's default
    severities: Mapping[str, Severity] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    defaulted_keys: tuple[str, ...] = ()  # keys the file left out (`rules check` lists them)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def gazetteer_file(self) -> Path:
        return self.gazetteer_path or BUNDLED_GAZETTEER

    @property
    def town_settings(self) -> TownSettings:
        return TownSettings(
            centre_km=self.max_geotag_distance_km,
            search_km=self.geotag_search_km,
            homonym_km=self.homonym_distance_km,
            vague_geotags=self.vague_geotags,
        )

    def severity(self, code: str) -> Severity:
        """The severity this contest gives a reason code (its file, else the catalogue)."""
        return self.severities.get(code, DEFAULT_SEVERITY[code])

    def is_open_at(self, moment: datetime) -> bool:
        """Whether a post made at this (aware) moment falls in the contest period, ends included."""
        return self.opens_at <= moment <= self.closes_at

    def is_eligible(self, town: Town) -> bool:
        if self.eligible_towns is not None:
            return town.name in self.eligible_towns
        if self.eligible_population is None:
            return True
        low, high = self.eligible_population
        return low <= town.population <= high

    def eligible(self, gazetteer: Gazetteer) -> tuple[Town, ...]:
        """The gazetteer's towns that may take part, sorted by name."""
        return tuple(town for town in gazetteer if self.is_eligible(town))

    def local(self, moment: datetime) -> datetime:
        """A moment in the contest's local time, for people."""
        return moment.astimezone(self.zone)
