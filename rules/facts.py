"""What the rules engine knows about a post, and what it answers.

These plain records are the contract between ingestion (which fills `PostFacts` from instaloader
data and the duplicate index) and the engine (which returns a `Verdict` per post).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    accepted = "accepted"
    review = "review"
    rejected = "rejected"


@dataclass(frozen=True, slots=True)
class Geotag:
    name: str | None
    lat: float | None = None
    lng: float | None = None


@dataclass(frozen=True, slots=True)
class SimilarPhoto:
    """A perceptual match found by the duplicate index between two entries' photos."""

    shortcode: str  # the other entry
    distance: int  # smallest Hamming distance among the compared hashes
    borderline: bool  # True: within the review band only, not the automatic-duplicate band


@dataclass(frozen=True, slots=True)
class PostFacts:
    shortcode: str
    username: str
    posted_at: datetime  # aware, UTC
    caption: str = ""
    hashtags: tuple[str, ...] = ()  # lower-cased, without '#'
    mentions: tuple[str, ...] = ()  # lower-cased, without '@'
    is_video: bool = False
    geotag: Geotag | None = None
    width: int | None = None
    height: int | None = None
    image_readable: bool = True
    similar: tuple[SimilarPhoto, ...] = ()
    likes: int = 0
    is_carousel: bool = False  # several photos (GraphSidecar); width/height are the first photo's
    tagged_users: tuple[str, ...] = ()  # accounts tagged in the photo; they count as mentions
    image_problem: str | None = None  # why the image could not be read, for people


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    reasons: tuple[str, ...] = ()  # reason codes, in a stable order
    town: str | None = None  # the gazetteer's `name`
    town_method: str | None = None  # geotag_name | geotag_coordinates | hashtag | caption
    duplicate_of: str | None = None
    duplicate_distance: int | None = None
    details: dict[str, str] = field(default_factory=dict)  # reason code -> specifics for people
