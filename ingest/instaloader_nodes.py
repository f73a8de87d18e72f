"""From an instaloader `Post` node (saved file or live feed) to a `PostRecord`, offline.

Reads the node dict directly instead of `Post` properties that would quietly go to the network
when a key is missing (`owner_username`, `location`, `likes`...). `Post.location` is `None`
without a logged-in context even when the node holds the geotag, so the geotag comes from here.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from instaloader.structures import _hashtag_regex, _mention_regex

from ingest.records import Location, PostRecord

# instaloader's own patterns, so hashtags and mentions read the same as `Post.caption_hashtags`.
HASHTAG_PATTERN = _hashtag_regex
MENTION_PATTERN = _mention_regex


class IncompleteMetadata(ValueError):
    """The node lacks something a post must have; the message names it."""


def _caption(node: dict[str, Any]) -> str:
    edges = (node.get("edge_media_to_caption") or {}).get("edges") or []
    if edges:
        text = ((edges[0] or {}).get("node") or {}).get("text") or ""
    else:
        text = node.get("caption") or ""
        if isinstance(text, dict):  # iPhone/Polaris shape
            text = text.get("text") or ""
    return unicodedata.normalize("NFC", str(text))


def _posted_at(node: dict[str, Any]) -> datetime:
    stamp = node.get("taken_at_timestamp", node.get("date"))
    if stamp is None:
        raise IncompleteMetadata("no posting time (taken_at_timestamp)")
    return datetime.fromtimestamp(int(stamp), tz=UTC)


def _owner(node: dict[str, Any]) -> tuple[str, str | None]:
    owner = node.get("owner") or {}
    owner_id = owner.get("id") or owner.get("pk")
    owner_id = str(owner_id) if owner_id not in (None, "") else None
    username = (owner.get("username") or "").strip().lower()
    if username:
        return username, owner_id
    if owner_id:
        # The hashtag feed often names only the id; "#id" cannot clash with a real username.
        return f"#{owner_id}", owner_id
    raise IncompleteMetadata("no owner (neither username nor id)")


def _float_or_none(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def location_from_node(node: dict[str, Any]) -> Location | None:
    raw = node.get("location")
    if not isinstance(raw, dict):
        return None
    name = raw.get("name")
    location_id = raw.get("id") or raw.get("pk")
    return Location(
        name=str(name) if name else None,
        location_id=str(location_id) if location_id not in (None, "") else None,
        lat=_float_or_none(raw.get("lat")),
        lng=_float_or_none(raw.get("lng")),
    )


def photo_positions(node: dict[str, Any], typename: str, is_video: bool) -> tuple[int, ...]:
    """Which carousel positions are photos (a single photo is position 0; a video has none)."""
    if typename == "GraphSidecar":
        edges = (node.get("edge_sidecar_to_children") or {}).get("edges") or []
        return tuple(
            index
            for index, edge in enumerate(edges)
            if not (edge.get("node") or {}).get("is_video")
        )
    return () if is_video else (0,)


def _count(node: dict[str, Any], *keys: str) -> int:
    for key in keys:
        value = (node.get(key) or {}).get("count")
        if isinstance(value, int):
            return value
    return 0


def record_from_node(node: dict[str, Any], *, read_at: datetime | None = None) -> PostRecord:
    """Everything the contest needs from one post node; raises `IncompleteMetadata`."""
    shortcode = node.get("shortcode") or node.get("code")
    if not shortcode:
        raise IncompleteMetadata("no shortcode")
    username, owner_id = _owner(node)
    caption = _caption(node)
    lowered = caption.lower()
    is_video = bool(node.get("is_video"))
    typename = str(node.get("__typename") or ("GraphVideo" if is_video else "GraphImage"))
    media_id = node.get("id") or node.get("pk")
    return PostRecord(
        shortcode=str(shortcode),
        username=username,
        owner_id=owner_id,
        posted_at=_posted_at(node),
        caption=caption,
        hashtags=tuple(HASHTAG_PATTERN.findall(lowered)),
        mentions=tuple(MENTION_PATTERN.findall(lowered)),
        typename=typename,
        is_video=is_video,
        media_id=str(media_id) if media_id not in (None, "") else None,
        likes=_count(node, "edge_media_preview_like", "edge_liked_by"),
        comments=_count(node, "edge_media_to_comment", "edge_media_to_parent_comment"),
        accessibility_caption=node.get("accessibility_caption") or None,
        location=location_from_node(node),
        photo_positions=photo_positions(node, typename, is_video),
        read_at=read_at,
    )
