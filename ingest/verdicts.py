"""Applying the rules engine to stored entries, and organiser overrides.

PLACEHOLDER from the foundation: the rules issue implements these. The signatures are the
contract the ingest job and the web console call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from contest.models import Contest, Entry
from rules.facts import SimilarPhoto


def recompute_verdicts(
    session: Session,
    contest: Contest,
    similar: Mapping[str, Sequence[SimilarPhoto]],
) -> dict[str, int]:
    """Recompute every entry's verdict; returns counts per effective status."""
    raise NotImplementedError("the rules issue implements recompute_verdicts")


def override_verdict(
    session: Session, entry: Entry, *, status: str | None, note: str, actor: str
) -> None:
    """Set (status accepted/rejected) or clear (status None) an organiser's decision; audited."""
    raise NotImplementedError("the rules issue implements override_verdict")
