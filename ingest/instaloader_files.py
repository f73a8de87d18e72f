"""Writing posts in instaloader's own on-disk format.

Tests, the demo and the benchmarks all need hashtag folders that look exactly like what
`instaloader "#tag"` leaves behind; writing them through instaloader's own `Post` and
`save_structure_to_file` guarantees that the importer reads the real format, not a look-alike.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import instaloader


def offline_context() -> instaloader.InstaloaderContext:
    """A context that never sleeps or retries: loading saved files must not touch the network."""
    return instaloader.Instaloader(sleep=False, quiet=True, max_connection_attempts=1).context


@dataclass
class FixturePost:
    """The facts of one post, enough for a node instaloader can load without the network."""

    shortcode: str
    username: str
    posted_at: datetime  # aware
    caption: str = ""
    likes: int = 0
    comments: int = 0
    owner_id: str = ""
    media_id: str = ""
    is_video: bool = False
    location: dict[str, Any] | None = None  # {"name": ..., "lat": ..., "lng": ...}
    accessibility_caption: str | None = None
    images: Sequence[bytes] = field(default_factory=list)  # one = photo, several = carousel
    video: bytes | None = None

    def node(self) -> dict[str, Any]:
        is_sidecar = len(self.images) > 1
        typename = "GraphVideo" if self.is_video else "GraphSidecar" if is_sidecar else "GraphImage"
        owner_id = self.owner_id or str(_stable_number(self.username, 10))
        media_id = self.media_id or str(_stable_number(self.shortcode, 18))
        url = f"https://scontent.cdninstagram.com/v/{self.shortcode}.jpg"
        node: dict[str, Any] = {
            "__typename": typename,
            "id": media_id,
            "shortcode": self.shortcode,
            "display_url": url,
            "is_video": self.is_video,
            "taken_at_timestamp": int(self.posted_at.timestamp()),
            "owner": {"id": owner_id, "username": self.username},
            "edge_media_to_caption": {"edges": [{"node": {"text": self.caption}}]}
            if self.caption
            else {"edges": []},
            "edge_media_preview_like": {"count": self.likes},
            "edge_media_to_comment": {"count": self.comments},
            "accessibility_caption": self.accessibility_caption,
            "edge_media_to_tagged_user": {"edges": []},
            "edge_media_to_sponsor_user": {"edges": []},
            "location": None,
            "title": None,
        }
        if self.location is not None:
            node["location"] = {
                "id": str(self.location.get("id", _stable_number(str(self.location["name"]), 12))),
                "name": self.location["name"],
                "slug": str(self.location["name"]).lower().replace(" ", "-"),
                "has_public_page": True,
                "lat": self.location.get("lat"),
                "lng": self.location.get("lng"),
            }
        if self.is_video:
            node["video_url"] = f"https://scontent.cdninstagram.com/v/{self.shortcode}.mp4"
        if is_sidecar:
            node["edge_sidecar_to_children"] = {
                "edges": [
                    {"node": {"is_video": False, "display_url": f"{url}?i={index}"}}
                    for index in range(len(self.images))
                ]
            }
        return node


def _stable_number(text: str, digits: int) -> int:
    """A fake but stable Instagram id, so re-generated fixtures are identical (for any text, even
    with lone surrogates, which JSON can carry)."""
    return int(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), 16) % 10**digits


def base_name(posted_at: datetime) -> str:
    """instaloader's default file name: `{date_utc}_UTC` with `%Y-%m-%d_%H-%M-%S`."""
    return posted_at.astimezone(UTC).strftime("%Y-%m-%d_%H-%M-%S") + "_UTC"


def write_post(folder: Path, post: FixturePost, *, compress: bool = True) -> Path:
    """Write one post as instaloader does; returns the metadata file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = base_name(post.posted_at)
    context = offline_context()
    structure = instaloader.Post(context, post.node())
    metadata = folder / (stem + (".json.xz" if compress else ".json"))
    instaloader.save_structure_to_file(structure, os.fspath(metadata))
    if post.caption:
        (folder / f"{stem}.txt").write_text(post.caption, encoding="utf-8")
    if post.is_video:
        (folder / f"{stem}.mp4").write_bytes(post.video or b"\x00\x00\x00\x18ftypmp42")
        if post.images:
            (folder / f"{stem}.jpg").write_bytes(post.images[0])
    elif len(post.images) == 1:
        (folder / f"{stem}.jpg").write_bytes(post.images[0])
    else:
        for index, image in enumerate(post.images, start=1):
            (folder / f"{stem}_{index}.jpg").write_bytes(image)
    return metadata
