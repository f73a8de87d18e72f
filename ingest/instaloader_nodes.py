"""From an instaloader `Post` node (saved file or live feed) to a `PostRecord`, offline.

Reads the node dict directly instead of `Post` properties that would quietly go to the network
when a key is missing (`owner_username`, `location`, `likes`...). `Post.location` is `None`
without a logged-in context even when the node holds the geotag, so the geotag comes from here.

A node is data nobody vouches for (a folder can hold damaged or hand-edited files), so every
value is checked for type and plausibility here, once, for every source. What the contest cannot
do without (shortcode, owner, posting time, caption, likes) must be sound, or the post is refused
with `IncompleteMetadata` naming the field; optional facts (geotag, ids, comment count) that are
unusable are simply left out. Text is made storable everywhere: NFC, lone surrogates replaced,
NUL removed (PostgreSQL text cannot hold it).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

from instaloader.structures import _hashtag_regex, _mention_regex

from ingest.records import Location, PostRecord

# instaloader's own patterns, so hashtags and mentions read the same as `Post.caption_hashtags`.
HASHTAG_PATTERN = _hashtag_regex
MENTION_PATTERN = _mention_regex

SHORTCODE = re.compile(r"[A-Za-z0-9_-]{1,40}")  # Instagram's base64url alphabet; fits the column
USERNAME = re.compile(r"[a-z0-9._]{1,30}")  # Instagram: letters, digits, '.', '_'; 30 at most
IDENTIFIER = re.compile(r"[A-Za-z0-9_-]{1,40}")
POST_TYPES = ("GraphImage", "GraphVideo", "GraphSidecar")
MAX_COUNT = 2**31 - 1  # the like column is a 32-bit integer; the most liked post has ~60 million
MAX_PLACE_NAME = 300  # the column's width; Instagram's place names are far shorter


class IncompleteMetadata(ValueError):
    """The node lacks something a post must have, or holds nonsense there; the message names it."""


def clean_text(text: str) -> str:
    """NFC text that every database stores: lone surrogates become U+FFFD, NUL goes."""
    whole = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return unicodedata.normalize("NFC", whole.replace("\x00", ""))


def _shown(value: Any) -> str:
    """A short, printable form of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _object(node: dict[str, Any], key: str) -> dict[str, Any] | None:
    """`node[key]` if it is a JSON object, None if absent or null; nonsense is refused."""
    value = node.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise IncompleteMetadata(f"{key} is not an object but {_shown(value)}")
    return value


def _caption_value(node: dict[str, Any]) -> Any:
    wrapper = _object(node, "edge_media_to_caption")
    edges = wrapper.get("edges") if wrapper is not None else None
    if edges is None or edges == []:
        text = node.get("caption")
        return text.get("text") if isinstance(text, dict) else text  # iPhone/Polaris shape
    if isinstance(edges, list) and isinstance(edges[0], dict):
        inner = edges[0].get("node")
        if isinstance(inner, dict):
            return inner.get("text")
    raise IncompleteMetadata("the caption is not where instaloader puts it")


def _caption(node: dict[str, Any]) -> str:
    text = _caption_value(node)
    if not isinstance(text, str | None):
        raise IncompleteMetadata(f"the caption is not text but {_shown(text)}")
    return clean_text(text or "")


def _optional_text(value: Any) -> str | None:
    return (clean_text(value) or None) if isinstance(value, str) else None


def _posted_at(node: dict[str, Any]) -> datetime:
    stamp = node.get("taken_at_timestamp", node.get("date"))
    if stamp is None:
        raise IncompleteMetadata("no posting time (taken_at_timestamp)")
    try:
        if isinstance(stamp, bool) or not isinstance(stamp, int | float | str):
            raise TypeError
        return datetime.fromtimestamp(int(stamp), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError) as error:
        raise IncompleteMetadata(f"implausible posting time {_shown(stamp)}") from error


def _identifier(value: Any) -> str | None:
    """An Instagram id (numeric, or pk-style text) as text, or None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    return value if isinstance(value, str) and IDENTIFIER.fullmatch(value) else None


def _owner(node: dict[str, Any]) -> tuple[str, str | None]:
    owner = _object(node, "owner") or {}
    owner_id = _identifier(owner.get("id") or owner.get("pk"))
    raw = owner.get("username")
    if raw is not None and not isinstance(raw, str):
        raise IncompleteMetadata(f"the owner's username is not text but {_shown(raw)}")
    username = (raw or "").strip().lower()
    if username:
        if not USERNAME.fullmatch(username):
            raise IncompleteMetadata(f"implausible username {_shown(raw)}")
        return username, owner_id
    if owner_id:
        # The hashtag feed often names only the id; "#id" cannot clash with a real username.
        return f"#{owner_id}", owner_id
    raise IncompleteMetadata("no owner (neither username nor id)")


def coordinate(value: Any, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180), or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None


def place_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    name = clean_text(value).strip()[:MAX_PLACE_NAME]
    return name or None


def location_from_node(node: dict[str, Any]) -> Location | None:
    raw = node.get("location")
    if not isinstance(raw, dict):
        return None
    return Location(
        name=place_name(raw.get("name")),
        location_id=_identifier(raw.get("id") or raw.get("pk")),
        lat=coordinate(raw.get("lat"), 90),
        lng=coordinate(raw.get("lng"), 180),
    )


def _is_video(item: Any) -> bool:
    return isinstance(item, dict) and item.get("is_video") is True


def photo_positions(node: dict[str, Any], typename: str, is_video: bool) -> tuple[int, ...]:
    """Which carousel positions are photos (a single photo is position 0; a video has none).

    A carousel item that is not plainly a video counts as a photo: if it is junk, its file is
    looked for and the entry goes to review with the reason, rather than losing the position.
    """
    if typename == "GraphSidecar":
        children = node.get("edge_sidecar_to_children")
        edges = children.get("edges") if isinstance(children, dict) else None
        if not isinstance(edges, list):
            return ()
        return tuple(
            index
            for index, edge in enumerate(edges)
            if not (isinstance(edge, dict) and _is_video(edge.get("node")))
        )
    return () if is_video else (0,)


def _count(node: dict[str, Any], *keys: str, required: bool) -> int:
    """The first of the keys' `count`; an absent one is 0, an implausible one is refused."""
    for key in keys:
        holder = node.get(key)
        value = holder.get("count") if isinstance(holder, dict) else None
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
            return value
        if required:
            raise IncompleteMetadata(f"implausible {key} count {_shown(value)}")
    return 0


def _typename(node: dict[str, Any], is_video: bool) -> str:
    raw = node.get("__typename")
    if raw is None:
        return "GraphVideo" if is_video else "GraphImage"
    if raw not in POST_TYPES:
        raise IncompleteMetadata(f"unknown kind of post {_shown(raw)}")
    return str(raw)


def record_from_node(node: dict[str, Any], *, read_at: datetime | None = None) -> PostRecord:
    """Everything the contest needs from one post node; raises `IncompleteMetadata`."""
    if not isinstance(node, dict):
        raise IncompleteMetadata("the post node is not an object")
    raw_shortcode = node.get("shortcode") or node.get("code")
    if not raw_shortcode:
        raise IncompleteMetadata("no shortcode")
    if not isinstance(raw_shortcode, str) or not SHORTCODE.fullmatch(raw_shortcode):
        raise IncompleteMetadata(f"implausible shortcode {_shown(raw_shortcode)}")
    username, owner_id = _owner(node)
    caption = _caption(node)
    lowered = caption.lower()
    is_video = node.get("is_video") is True
    typename = _typename(node, is_video)
    return PostRecord(
        shortcode=raw_shortcode,
        username=username,
        owner_id=owner_id,
        posted_at=_posted_at(node),
        caption=caption,
        hashtags=tuple(HASHTAG_PATTERN.findall(lowered)),
        mentions=tuple(MENTION_PATTERN.findall(lowered)),
        typename=typename,
        is_video=is_video,
        media_id=_identifier(node.get("id") or node.get("pk")),
        likes=_count(node, "edge_media_preview_like", "edge_liked_by", required=True),
        comments=_count(
            node, "edge_media_to_comment", "edge_media_to_parent_comment", required=False
        ),
        accessibility_caption=_optional_text(node.get("accessibility_caption")),
        location=location_from_node(node),
        photo_positions=photo_positions(node, typename, is_video),
        read_at=read_at,
    )
