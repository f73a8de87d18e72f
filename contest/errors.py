"""Errors that end up in front of a person.

A `UserFacingError` carries what happened and what to do about it, so the CLI can print one clear
line and exit with a meaningful code instead of a traceback.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """Something the operator must fix; `hint` says how."""

    exit_code: int = 2

    def __init__(self, message: str, hint: str | None = None, *, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class ConfigurationError(UserFacingError):
    """Settings, contest files or paths are wrong."""


class DatabaseNotReadyError(UserFacingError):
    """The database is missing tables or is behind the code's migrations."""
