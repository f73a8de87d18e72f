"""Turning the scenario into concrete posts: who posted what, where, when, with which caption.

Everything is derived from fixed seeds, so two runs (or two machines) plan the same posts with the
same shortcodes, and a smaller demo (`ordinary` posts) is a prefix of the full one.
"""

from __future__ import annotations

import base64
import hashlib
import random
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from cli.demo.photos import PORTRAIT, SQUARE
from cli.demo.scenario import (
    PHOTOGRAPHERS,
    PLANTED,
    Decision,
    Photographer,
    Planted,
    Recipe,
    Scene,
    expected_status,
)
from cli.demo.towns import CAPTION_TEMPLATES, ELIGIBLE_TOWNS, GEOTAG_NAMES, REASONS_WHY, town
from ingest.instaloader_files import FixturePost

BERLIN = ZoneInfo("Europe/Berlin")
OPENING_DAY = datetime(2025, 5, 5, tzinfo=BERLIN)
CONTEST_DAYS = 49  # 5 May to 22 June inclusive
DEFAULT_ORDINARY_POSTS = sum(photographer.posts for photographer in PHOTOGRAPHERS)

ALT_TEXTS = (
    "May be an image of street, townhouse and cobblestone.",
    "May be an image of old town, church and sky.",
    "May be an image of fountain, market square and building.",
    "May be an image of half-timbered house, street and tree.",
)


@dataclass(frozen=True)
class DemoPost:
    """One post of the demo hashtag folder, before its photos are drawn."""

    key: str
    post: FixturePost  # the facts instaloader stores; `images` is filled in when drawn
    photos: tuple[Recipe, ...]
    expect: tuple[str, ...] = ()  # reason codes the rules must give; () means accepted
    town: str | None = None  # the town the rules should resolve
    comments: tuple[str, ...] = ()  # the owner's own comments under the post
    decision: Decision | None = None  # the demo organiser's decision after review
    planted: bool = False

    @property
    def final_status(self) -> str:
        """The status the entry ends with: the organiser's decision, else the rules' verdict."""
        return self.decision.status if self.decision else expected_status(self.expect)


def shortcode_for(key: str) -> str:
    """An Instagram-like shortcode (11 characters of base64url; 2025 posts start with D)."""
    digest = hashlib.sha256(f"downtown-snap demo {key}".encode()).digest()
    return "D" + base64.urlsafe_b64encode(digest).decode()[:10]


def plan_posts(
    ordinary: int = DEFAULT_ORDINARY_POSTS, *, planted: Collection[str] | None = None
) -> list[DemoPost]:
    """The planted posts (all, or those whose keys are in `planted`), then the first `ordinary`
    ordinary posts. Posting times are unique."""
    if ordinary < 0:
        raise ValueError("the number of ordinary posts cannot be negative")
    cases = [case for case in PLANTED if planted is None or case.key in planted]
    posts = [_planted(case) for case in cases] + _ordinary_posts()[:ordinary]
    taken: set[int] = set()
    unique: list[DemoPost] = []
    for post in posts:
        # instaloader names files after the posting second, so two posts may not share one.
        posted_at = post.post.posted_at
        while int(posted_at.timestamp()) in taken:
            posted_at += timedelta(seconds=1)
        taken.add(int(posted_at.timestamp()))
        unique.append(replace(post, post=replace(post.post, posted_at=posted_at)))
    return unique


def _planted(case: Planted) -> DemoPost:
    posted_at = datetime.strptime(case.when, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)
    location = None
    if case.geotag is not None:
        location = {"name": case.geotag.name, "lat": case.geotag.lat, "lng": case.geotag.lng}
    rng = random.Random(case.key)
    post = FixturePost(
        shortcode=shortcode_for(case.key),
        username=case.username,
        posted_at=posted_at,
        caption=case.caption,
        likes=case.likes if case.likes is not None else _likes(rng),
        comments=len(case.comments) + rng.randint(0, 6),
        is_video=case.video,
        location=location,
        accessibility_caption=None if case.video else _alt_text(case.username, posted_at, rng),
    )
    return DemoPost(
        key=case.key,
        post=post,
        photos=case.photos,
        expect=case.expect,
        town=case.town,
        comments=case.comments,
        decision=case.decision,
        planted=True,
    )


def _ordinary_posts() -> list[DemoPost]:
    """Every photographer's first post, then every second post, then every third: so any prefix
    of the list spreads over many accounts and towns."""
    rounds = max(photographer.posts for photographer in PHOTOGRAPHERS)
    return [
        _ordinary(photographer, number)
        for number in range(1, rounds + 1)
        for photographer in PHOTOGRAPHERS
        if photographer.posts >= number
    ]


def _ordinary(photographer: Photographer, number: int) -> DemoPost:
    key = f"{photographer.username}-{number}"
    rng = random.Random(key)
    place = town(photographer.home) if rng.random() < 0.8 else rng.choice(ELIGIBLE_TOWNS)
    spot = rng.choice(place.spots)
    posted_at = OPENING_DAY + timedelta(
        days=rng.randrange(CONTEST_DAYS), seconds=rng.randrange(7 * 3600, 22 * 3600)
    )
    caption = rng.choice(CAPTION_TEMPLATES).format(
        spot=spot, town=place.called, tag=place.tag, why=rng.choice(REASONS_WHY)
    )
    location = None
    if rng.random() < 0.75:
        name = rng.choice(GEOTAG_NAMES).format(town=place.called, spot=spot)
        location = {
            "name": name,
            "lat": round(place.lat + rng.uniform(-250, 250) / 111_320, 5),
            "lng": round(place.lon + rng.uniform(-250, 250) / 70_200, 5),
        }
    likes = _likes(rng)
    size = SQUARE if rng.random() < 0.3 else PORTRAIT
    photos: tuple[Recipe, ...] = (Scene(size),)
    if rng.random() < 0.12:  # a carousel of the same walk
        photos += tuple(Scene(size) for _ in range(rng.randint(1, 2)))
    post = FixturePost(
        shortcode=shortcode_for(key),
        username=photographer.username,
        posted_at=posted_at,
        caption=caption,
        likes=likes,
        comments=likes // 12 + rng.randint(0, 4),
        location=location,
        accessibility_caption=_alt_text(photographer.username, posted_at, rng),
    )
    return DemoPost(key=key, post=post, photos=photos, town=place.name)


def _likes(rng: random.Random) -> int:
    """A long tail, as in 2025: most posts get a few dozen likes, a few get hundreds."""
    return 3 + int(rng.lognormvariate(3.3, 0.95))


def _alt_text(username: str, posted_at: datetime, rng: random.Random) -> str:
    """Instagram's automatic description, as the feed delivers it."""
    day = posted_at.astimezone(UTC).strftime("%B %d, %Y").replace(" 0", " ")
    return f"Photo by {username} on {day}. {rng.choice(ALT_TEXTS)}"
