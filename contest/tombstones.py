"""Erasure tombstones: keyed hashes that let ingestion skip a forgotten account or post.

Only an HMAC of the username and shortcodes is kept, keyed with the secret key, so the tombstone
itself does not identify the person to anyone without the server's secret.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Tombstone


def keyed_hash(value: str, key: str) -> str:
    return hmac.new(key.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def is_forgotten(
    session: Session, *, contest_id: int, username: str, shortcode: str, key: str
) -> bool:
    """True if this account or this post was erased on request and must not come back."""
    username_hash = keyed_hash(username, key)
    shortcode_hash = keyed_hash(shortcode, key)
    for stone in session.scalars(
        select(Tombstone).where(
            (Tombstone.contest_id == contest_id) | (Tombstone.contest_id.is_(None))
        )
    ):
        if stone.username_hash == username_hash or shortcode_hash in stone.shortcode_hashes:
            return True
    return False
