"""What a juror may see of an entry: the caption with every trace of the author masked.

Jurors judge blind (the issue's rule, and Montage's): no username, no like count, no @handles.
Captions still carry names, so handles, e-mail addresses and links are masked, and so are the
author's (and any other given) usernames written without the @. Instagram's accessibility
captions often begin "Photo by Full Name on 1 June 2025."; that sentence is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HANDLE_MASK = "@•••"
NAME_MASK = "•••"
LINK_MASK = "[Link]"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w.])@[\w.]+")
_PHOTO_BY = re.compile(
    r"^\s*(?:photo|foto)\s+(?:shared\s+)?(?:by|von|geteilt\s+von)\b.*?(?:\.\s+|$)",
    re.IGNORECASE | re.DOTALL,
)


def username_pattern(username: str) -> re.Pattern[str]:
    """A username as a whole word, not part of a longer handle or word."""
    return re.compile(rf"(?<![\w.]){re.escape(username)}(?!\w)", re.IGNORECASE)


def mask_caption(caption: str, usernames: Iterable[str] = ()) -> str:
    """Mask links, e-mail addresses, @handles and the given usernames in a caption."""
    text = _URL.sub(LINK_MASK, caption)
    text = _EMAIL.sub(NAME_MASK, text)
    text = _HANDLE.sub(HANDLE_MASK, text)
    for username in sorted({name.strip() for name in usernames if name.strip()}, key=len)[::-1]:
        text = username_pattern(username).sub(NAME_MASK, text)
    return text


def blind_alt_text(accessibility_caption: str | None, usernames: Iterable[str] = ()) -> str | None:
    """Instagram's alt text without its "Photo by <name> on <date>." opening, masked."""
    if not accessibility_caption:
        return None
    text = _PHOTO_BY.sub("", accessibility_caption, count=1).strip()
    return mask_caption(text, usernames) or None
