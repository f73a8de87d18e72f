"""The demo's hashtag folder, exactly as `instaloader "#ThüringenDownTown"` would leave it.

Posts are written with `ingest.instaloader_files.write_post` (instaloader's own
`save_structure_to_file`), so the demo is ingested through the same code path as real data. A
manifest beside the folder lets a second run reuse the folder instead of drawing it again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from cli.demo import album, photos, plan, scenario, towns, townscape, variants
from cli.demo.album import draw_photos
from cli.demo.plan import DemoPost
from ingest.instaloader_files import base_name, write_post

DEMO_ROOT = "demo-instaloader"
# instaloader names the folder after its target, lower-cased.
HASHTAG_FOLDER = "#thüringendowntown"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class FolderResult:
    folder: Path
    posts: int
    files: int
    reused: bool  # True: an identical folder was already there


def demo_root(data_dir: Path) -> Path:
    return data_dir / DEMO_ROOT


def hashtag_folder(data_dir: Path) -> Path:
    return demo_root(data_dir) / HASHTAG_FOLDER


def write_hashtag_folder(data_dir: Path, posts: Sequence[DemoPost]) -> FolderResult:
    """Write (or keep, if identical) the hashtag folder for `posts` under the data directory."""
    folder = hashtag_folder(data_dir)
    manifest = demo_root(data_dir) / MANIFEST
    fingerprint = _fingerprint(posts)
    listed = _listing(folder)
    if _manifest(manifest) == {"fingerprint": fingerprint, "files": listed} and listed:
        return FolderResult(folder, len(posts), len(listed), reused=True)
    if folder.exists():
        shutil.rmtree(folder)  # the demo's own folder: stale posts must not be ingested
    drawn = draw_photos(posts)
    for post in posts:
        write_post(folder, replace(post.post, images=drawn[post.key]))
        if post.comments:
            write_comments(folder, post)
    listed = _listing(folder)
    manifest.write_text(
        json.dumps({"fingerprint": fingerprint, "files": listed}, indent=1, sort_keys=True),
        encoding="utf-8",
    )
    return FolderResult(folder, len(posts), len(listed), reused=False)


def write_comments(folder: Path, post: DemoPost) -> Path:
    """The owner's comments as `instaloader --comments` stores them (`{stem}_comments.json`)."""
    owner = post.post.node()["owner"]
    posted = int(post.post.posted_at.timestamp())
    comments = [
        {
            "id": str(_stable_id(f"{post.post.shortcode}/{index}")),
            "created_at": posted + 60 * (index + 1),
            "text": text,
            "owner": {**owner, "is_verified": False, "profile_pic_url": ""},
            "likes_count": 0,
            "answers": [],
        }
        for index, text in enumerate(post.comments)
    ]
    path = folder / f"{base_name(post.post.posted_at)}_comments.json"
    path.write_text(json.dumps(comments[::-1], indent=4), encoding="utf-8")  # newest first
    return path


def _stable_id(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16) % 10**17 + 10**17


def _listing(folder: Path) -> dict[str, int]:
    if not folder.is_dir():
        return {}
    return {path.name: path.stat().st_size for path in sorted(folder.iterdir()) if path.is_file()}


def _manifest(path: Path) -> dict[str, object] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _fingerprint(posts: Sequence[DemoPost]) -> str:
    """Changes whenever the folder would come out differently: other posts, other drawing code,
    other library versions."""
    digest = hashlib.sha256()
    sources = [Path(__file__)] + [
        Path(module.__file__ or "")
        for module in (album, photos, plan, scenario, towns, townscape, variants)
    ]
    for source in sources:
        digest.update(source.read_bytes())
    for package in ("pillow", "numpy", "imagehash", "instaloader"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    for post in posts:
        digest.update(f"{post.key}/{post.post.shortcode}/{post.post.posted_at}".encode())
    return digest.hexdigest()
