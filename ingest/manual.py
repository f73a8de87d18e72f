"""Adding a post the hashtag feed missed: by an organiser, with the image they upload.

The web admin form calls `add_manual_post`; `downtown-snap ingest post` reads the post live.
Both validate the shortcode (or the post's URL), refuse posts erased on request, and write an
`entry.added_manually` audit row. The service does not commit: the request owns the transaction.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest, Entry
from contest.settings import Settings
from ingest import verdicts
from ingest.contest_rules import rules_of
from ingest.derivatives import make_derivatives
from ingest.imaging import analyse_image
from ingest.instaloader_nodes import HASHTAG_PATTERN, MENTION_PATTERN
from ingest.persist import Outcome, SaveContext, find_entry, save_post
from ingest.records import Location, PostRecord, PreparedPost
from ingest.similarity import contest_similarities
from ingest.storage import store_original

SHORTCODE = re.compile(r"^[A-Za-z0-9_-]{5,40}$")
POST_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?instagram\.com/(?:[A-Za-z0-9._]+/)?(?:p|reel|reels|tv)/"
    r"(?P<shortcode>[A-Za-z0-9_-]+)/?(?:[?#].*)?$"
)
USERNAME = re.compile(r"^[a-z0-9._]{1,30}$")


def parse_shortcode(text: str) -> str:
    """A shortcode from itself or from a post URL (instagram.com/p/..., /reel/..., /tv/...)."""
    value = text.strip()
    match = POST_URL.match(value)
    if match:
        value = match["shortcode"]
    if not SHORTCODE.fullmatch(value):
        raise UserFacingError(
            f"{text.strip()!r} is neither an Instagram post URL nor a shortcode.",
            "Copy the post's link, e.g. https://www.instagram.com/p/DAbc123xyz/",
        )
    return value


def parse_username(text: str) -> str:
    value = text.strip().lstrip("@").lower()
    if not USERNAME.fullmatch(value):
        raise UserFacingError(
            f"{text.strip()!r} is not an Instagram username.",
            "Letters, digits, dots and underscores, at most 30 characters.",
        )
    return value


def add_manual_post(
    session: Session,
    settings: Settings,
    contest: Contest,
    *,
    shortcode: str,
    username: str,
    posted_at: datetime,
    caption: str,
    image_bytes: bytes,
    location_name: str | None = None,
    likes: int = 0,
    actor: str,
) -> Entry:
    """Create the entry for a post the organiser adds by hand, with its uploaded photo.

    Its verdict is computed at once (the whole contest's verdicts are refreshed, because a new
    post can change who was first and who has too many entries).
    """
    code = parse_shortcode(shortcode)
    account = parse_username(username)
    if posted_at.tzinfo is None:
        raise UserFacingError(
            "The posting time needs a time zone.", "Give it as shown on Instagram."
        )
    if likes < 0:
        raise UserFacingError("Likes cannot be negative.", "Enter the count shown on Instagram.")
    if find_entry(session, contest.id, code) is not None:
        raise UserFacingError(
            f"The post {code} is already an entry of this contest.",
            "Open it in the entry list instead of adding it again.",
        )
    facts = analyse_image(image_bytes)
    if not facts.readable or facts.sha256 is None:
        raise UserFacingError(
            f"The uploaded file cannot be used as the photo: {facts.unreadable_reason}.",
            "Upload the post's photo as JPEG, PNG or WebP.",
        )
    lowered = caption.lower()
    record = PostRecord(
        shortcode=code,
        username=account,
        owner_id=None,
        posted_at=posted_at,
        caption=caption,
        hashtags=tuple(HASHTAG_PATTERN.findall(lowered)),
        mentions=tuple(MENTION_PATTERN.findall(lowered)),
        likes=likes,
        location=Location(name=location_name.strip())
        if location_name and location_name.strip()
        else None,
    )
    rules = rules_of(contest)
    ctx = SaveContext(
        contest_id=contest.id,
        source="manual",
        forget_key=settings.secret_key.get_secret_value(),
        likes_freeze_at=rules.likes_freeze_at,
    )
    store_original(settings.data_dir, image_bytes, facts.sha256)
    outcome = save_post(session, ctx, PreparedPost(record=record, images=(facts,), origin="upload"))
    if outcome is Outcome.forgotten:
        raise UserFacingError(
            "This account or post was erased on request and cannot be added again.",
            "Only the person concerned can enter again, with a new post.",
        )
    entry = find_entry(session, contest.id, code)
    assert entry is not None
    if make_derivatives(settings.data_dir, facts.sha256) is None:
        for photo in entry.photos:
            photo.derivatives_ready = True
    log_action(
        session,
        "entry.added_manually",
        actor=actor,
        contest_id=contest.id,
        subject_type="entry",
        subject_id=entry.id,
        shortcode=code,
        username=account,
    )
    similar = contest_similarities(
        session, contest.id, rules.duplicate_reject_distance, rules.duplicate_review_distance
    )
    verdicts.recompute_verdicts(session, contest, similar)
    session.flush()
    return entry
