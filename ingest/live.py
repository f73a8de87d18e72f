"""Live sources: the hashtag feed, one post by shortcode, and like re-readings.

Each yields the same prepared posts as the folder import, so storage, run records and verdicts
are shared. A failure that concerns one post (deleted post, expired image URL) is reported for
that post; one that will hit every request (rate limit, logout, checkpoint) stops the source
with an `ingest.errors` exception, after saving where the hashtag feed left off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import instaloader
import requests

from ingest.errors import InstagramNotFound
from ingest.imaging import analyse_image
from ingest.instagram import (
    INSTAGRAM_ERRORS,
    download_image,
    instagram_errors,
    is_fatal,
    translate,
)
from ingest.instaloader_nodes import IncompleteMetadata, record_from_node
from ingest.records import ImageFacts, PostRecord, PreparedPost, SourceProblem
from ingest.resume import ResumeState
from ingest.storage import store_original


def post_url(shortcode: str) -> str:
    return f"https://www.instagram.com/p/{shortcode}/"


def _photo_urls(post: instaloader.Post, record: PostRecord) -> list[tuple[int, str]]:
    if record.typename == "GraphSidecar":
        return [
            (position, node.display_url)
            for position, node in enumerate(post.get_sidecar_nodes())
            if not node.is_video
        ]
    return [] if record.is_video else [(0, post.url)]


def _fetch_photo(
    loader: instaloader.Instaloader, position: int, url: str, data_dir: Path
) -> ImageFacts:
    try:
        data = download_image(loader.context, url)
    except (*INSTAGRAM_ERRORS, requests.RequestException, ValueError, OSError) as e:
        if is_fatal(e):
            raise translate(e, "a photo") from e
        return ImageFacts(position, unreadable_reason=f"download failed ({e})")
    facts = analyse_image(data, position)
    if facts.readable and facts.sha256:
        store_original(data_dir, data, facts.sha256)
    return facts


def prepare_live_post(
    loader: instaloader.Instaloader,
    post: instaloader.Post,
    data_dir: Path,
    *,
    with_photos: bool = True,
    read_at: datetime | None = None,
) -> PreparedPost | SourceProblem:
    """Complete one post's metadata (the feed often names only the owner's id) and its photos."""
    where = post_url(post.shortcode)
    try:
        _ = post.owner_username  # one request when the feed node lacks the username
        record = record_from_node(post._asdict(), read_at=read_at or datetime.now(UTC))
        urls = _photo_urls(post, record) if with_photos else []
    except INSTAGRAM_ERRORS as error:
        if is_fatal(error):
            raise translate(error, f"the post {post.shortcode}") from error
        return SourceProblem(where, f"metadata could not be read ({error})", post.shortcode)
    except (IncompleteMetadata, KeyError, TypeError) as error:
        return SourceProblem(where, f"metadata incomplete ({error})", post.shortcode)
    images = tuple(_fetch_photo(loader, position, url, data_dir) for position, url in urls)
    return PreparedPost(record=record, images=images, origin=where, likes_only=not with_photos)


def hashtag_items(
    loader: instaloader.Instaloader,
    tag: str,
    *,
    data_dir: Path,
    max_posts: int | None,
    notes: list[str],
    strict: bool,
) -> Iterator[PreparedPost | SourceProblem]:
    """The hashtag's recent posts, resuming where an earlier run stopped."""
    name = tag.strip().lstrip("#")
    what = f"The hashtag #{name}"
    try:
        with instagram_errors(what):
            hashtag = instaloader.Hashtag.from_name(loader.context, name)
            iterator = hashtag.get_posts_resumable()
    except InstagramNotFound as error:
        if strict:
            raise
        yield SourceProblem(f"#{name}", error.message)
        return
    state = ResumeState(data_dir / "resume", f"hashtag-{hashtag.name}", iterator)
    if state.restore(loader.context):
        notes.append(f"#{hashtag.name}: resumed after {iterator.total_index} post(s) read before.")
    elif state.note:
        notes.append(f"#{hashtag.name}: {state.note}")
    produced = 0
    finished = False
    try:
        while max_posts is None or produced < max_posts:
            with instagram_errors(what):
                post = next(iterator, None)
            if post is None:
                finished = True
                break
            yield prepare_live_post(loader, post, data_dir)
            produced += 1
            state.save()  # after the post was stored: a kill now repeats at most this one
    except BaseException:
        state.save()
        raise
    if finished:
        state.clear()
    else:
        state.save()
        notes.append(f"#{hashtag.name}: stopped after --max {max_posts}; the next run continues.")


def single_post_item(
    loader: instaloader.Instaloader, shortcode: str, *, data_dir: Path
) -> PreparedPost | SourceProblem:
    with instagram_errors(f"The post {shortcode}"):
        post = instaloader.Post.from_shortcode(loader.context, shortcode)
    return prepare_live_post(loader, post, data_dir)


def like_items(
    loader: instaloader.Instaloader,
    shortcodes: list[str],
    *,
    data_dir: Path,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Iterator[PreparedPost | SourceProblem]:
    """Re-read each entry's like count (one request per entry)."""
    for shortcode in shortcodes:
        try:
            post = instaloader.Post.from_shortcode(loader.context, shortcode)
        except INSTAGRAM_ERRORS as error:
            if is_fatal(error):
                raise translate(error, f"the post {shortcode}") from error
            if isinstance(error, instaloader.QueryReturnedNotFoundException) or (
                isinstance(error, instaloader.BadResponseException) and "metadata" in str(error)
            ):
                message = "no longer on Instagram (deleted, archived or made private)"
            else:
                message = f"could not be read ({error})"
            yield SourceProblem(post_url(shortcode), message, shortcode)
            continue
        yield prepare_live_post(loader, post, data_dir, with_photos=False, read_at=clock())
