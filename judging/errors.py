"""Errors of the judging domain; all are `UserFacingError`s with a hint.

The web layer maps `NotFound` to 404 (a juror asking for someone else's task gets the same
answer as for a task that does not exist) and the others to 400/409.
"""

from __future__ import annotations

from contest.errors import UserFacingError


class NotFound(UserFacingError):
    """No such round, task or entry, or not one the caller may see."""


class NotAllowedNow(UserFacingError):
    """The action exists but the round, shortlist or results are in the wrong state for it."""
