"""The plain records every source yields, so one storage path serves them all.

A source (instaloader folder, live hashtag feed, manual form) turns what it has into a
`PostRecord` plus the bytes or files of its photos; the analysis of each photo becomes an
`ImageFacts`. None of these touch the database, so they can cross process boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Location:
    """The geotag as saved in the metadata (instaloader hides it offline; we read the node)."""

    name: str | None
    location_id: str | None = None
    lat: float | None = None
    lng: float | None = None


@dataclass(frozen=True, slots=True)
class PostRecord:
    """What the contest keeps of one Instagram post (GDPR: the owner's name and id only)."""

    shortcode: str
    username: str  # lower-case; "#<owner id>" when the metadata only had the id
    owner_id: str | None
    posted_at: datetime  # aware, UTC
    caption: str = ""
    hashtags: tuple[str, ...] = ()  # lower-cased by instaloader, without '#'
    mentions: tuple[str, ...] = ()
    typename: str = "GraphImage"
    is_video: bool = False
    media_id: str | None = None
    likes: int = 0
    comments: int = 0
    accessibility_caption: str | None = None
    location: Location | None = None
    # Carousel positions (0-based) that are photos; videos in a carousel are not hashed.
    photo_positions: tuple[int, ...] = (0,)
    read_at: datetime | None = None  # when the like count was read (aware)

    @property
    def username_known(self) -> bool:
        return not self.username.startswith("#")


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """The analysis of one photo: identity, size and perceptual hashes, or why it failed."""

    position: int
    sha256: str | None = None
    media_type: str = "image/jpeg"
    width: int | None = None
    height: int | None = None
    byte_size: int | None = None
    phash: int | None = None  # unsigned 64-bit
    dhash: int | None = None
    phash_mirror: int | None = None
    hash_decoder: str | None = None
    unreadable_reason: str | None = None

    @property
    def readable(self) -> bool:
        return self.unreadable_reason is None


@dataclass(frozen=True, slots=True)
class PreparedPost:
    """A post read and analysed (originals already stored), ready for one database commit."""

    record: PostRecord
    images: tuple[ImageFacts, ...] = ()
    origin: str = ""  # file path or URL, for error reports
    likes_only: bool = False  # a like re-reading for an existing entry, nothing else


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A file or post that could not become an entry; shown in the run's error list."""

    where: str
    message: str
    shortcode: str | None = None


@dataclass(slots=True)
class RunCounts:
    """Counters of one run, kept in memory and copied to the `IngestRun` row."""

    seen: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    forgotten: int = 0
    not_posts: int = 0
    errors: list[SourceProblem] = field(default_factory=list)
    new_shortcodes: list[str] = field(default_factory=list)
