"""ORM models, one module per part of the domain; import from here."""

from contest.models.accounts import ROLES, JurorConflict, LoginAttempt, User
from contest.models.base import Base, UTCDateTime, utcnow
from contest.models.contest import Contest
from contest.models.entries import Entry, LikeReading, Participant, Photo
from contest.models.judging import (
    Assignment,
    ResultPlace,
    Round,
    RoundEntry,
    RoundJuror,
    ShortlistItem,
    TieDecision,
    Vote,
)
from contest.models.operations import AuditEvent, IngestRun, Tombstone

__all__ = [
    "ROLES",
    "Assignment",
    "AuditEvent",
    "Base",
    "Contest",
    "Entry",
    "IngestRun",
    "JurorConflict",
    "LikeReading",
    "LoginAttempt",
    "Participant",
    "Photo",
    "ResultPlace",
    "Round",
    "RoundEntry",
    "RoundJuror",
    "ShortlistItem",
    "TieDecision",
    "Tombstone",
    "UTCDateTime",
    "User",
    "Vote",
    "utcnow",
]
