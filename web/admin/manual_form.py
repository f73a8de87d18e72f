"""Checking the manual add form: pure validation, so every message can be tested in a table.

Organisers add a post the hashtag feed missed. They paste a link or a shortcode, type what the
post shows, and upload the photo; each mistake gets its own message next to its field.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image, UnidentifiedImageError

from web.auth.pages import N_
from web.request_limits import MAX_UPLOAD_BYTES, MEGABYTE

SHORTCODE = re.compile(r"^[A-Za-z0-9_-]{5,40}$")
POST_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?instagram\.com/(?:[A-Za-z0-9._]+/)?(?:p|reel|reels|tv)/"
    r"([A-Za-z0-9_-]+)/?(?:[?#].*)?$",
    re.IGNORECASE,
)
LIKES = re.compile(r"^[0-9]{1,9}$")
USERNAME = re.compile(r"^[a-z0-9._]{1,30}$")
ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_CAPTION = 2200  # Instagram's own limit
MAX_LOCATION = 300
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str  # an English msgid; the template translates it
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ManualPost:
    shortcode: str
    username: str
    posted_at: datetime  # aware, UTC
    caption: str
    location_name: str | None
    likes: int
    image_bytes: bytes
    image_type: str


def shortcode_from(text: str) -> str | None:
    """A bare shortcode, or the one inside an Instagram post/reel link."""
    text = text.strip()
    if SHORTCODE.fullmatch(text):
        return text
    match = POST_URL.match(text)
    if match and SHORTCODE.fullmatch(match.group(1)):
        return match.group(1)
    return None


def parse_local_time(text: str, zone: ZoneInfo) -> datetime | None:
    """`2025-05-17T14:30` (what a datetime-local input sends) in the contest's zone, as UTC."""
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            local = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return local.replace(tzinfo=zone).astimezone(ZoneInfo("UTC"))
    return None


def image_problem(data: bytes) -> FieldError | None:
    if not data:
        return FieldError("image", N_("Please choose the photo of the post."))
    if len(data) > MAX_UPLOAD_BYTES:
        return FieldError(
            "image",
            N_("The photo is larger than %(limit)s MB. Please upload a smaller file."),
            {"limit": MAX_UPLOAD_BYTES // MEGABYTE},
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return FieldError("image", N_("The file is not a readable photo (JPEG, PNG or WebP)."))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return FieldError("image", N_("The photo has far too many pixels to be processed."))
    if kind not in ACCEPTED_FORMATS:
        return FieldError("image", N_("Please upload a JPEG, PNG or WebP photo."))
    return None


def validate_manual_post(
    *,
    post: str,
    username: str,
    posted_at: str,
    caption: str,
    location_name: str,
    likes: str,
    image: bytes,
    zone: ZoneInfo,
    now: datetime,
) -> tuple[ManualPost | None, list[FieldError]]:
    errors: list[FieldError] = []
    shortcode = shortcode_from(post)
    if shortcode is None:
        errors.append(
            FieldError(
                "post",
                N_("Paste the link of the Instagram post or its shortcode (e.g. C9xYz123AbC)."),
            )
        )
    handle = username.strip().lstrip("@").lower()
    if not USERNAME.fullmatch(handle):
        errors.append(
            FieldError(
                "username",
                N_("An Instagram username has up to 30 letters, digits, dots or underscores."),
            )
        )
    when = parse_local_time(posted_at, zone)
    if when is None:
        errors.append(FieldError("posted_at", N_("Give the date and time the post was published.")))
    elif when > now + CLOCK_SKEW:
        errors.append(FieldError("posted_at", N_("The publication time lies in the future.")))
    if len(caption) > MAX_CAPTION:
        errors.append(
            FieldError(
                "caption",
                N_("The caption is longer than %(limit)s characters."),
                {"limit": MAX_CAPTION},
            )
        )
    if len(location_name) > MAX_LOCATION:
        errors.append(
            FieldError(
                "location_name",
                N_("The location name is longer than %(limit)s characters."),
                {"limit": MAX_LOCATION},
            )
        )
    like_count = 0
    if likes.strip():
        if LIKES.fullmatch(likes.strip()):
            like_count = int(likes.strip())
        else:
            errors.append(FieldError("likes", N_("Likes must be a whole number of 0 or more.")))
    problem = image_problem(image)
    if problem is not None:
        errors.append(problem)
    if errors or shortcode is None or when is None:
        return None, errors
    with Image.open(io.BytesIO(image)) as opened:
        image_type = ACCEPTED_FORMATS[str(opened.format)]
    return (
        ManualPost(
            shortcode=shortcode,
            username=handle,
            posted_at=when,
            caption=caption.strip(),
            location_name=location_name.strip() or None,
            likes=like_count,
            image_bytes=image,
            image_type=image_type,
        ),
        [],
    )
