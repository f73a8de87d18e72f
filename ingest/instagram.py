"""Talking to Instagram through instaloader: the session, polite waiting, and clear errors.

Hashtag reads need a logged-in session (a pickled cookie file made by `instaloader --login USER`).
instaloader retries and waits on its own; when Instagram asks for a longer pause than
`max_wait` seconds (a 429 typically means ~11 minutes), we stop instead, keep the resume state,
and tell the organiser when to run again. Every instaloader exception becomes one of the
`ingest.errors` classes, each with its own exit code.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import instaloader
from instaloader.exceptions import (
    AbortDownloadException,
    BadResponseException,
    ConnectionException,
    LoginRequiredException,
    QueryReturnedBadRequestException,
    QueryReturnedForbiddenException,
    QueryReturnedNotFoundException,
    TooManyRequestsException,
)

from ingest.errors import (
    InstagramLoginError,
    InstagramNotFound,
    InstagramRateLimited,
    InstagramUnavailable,
)
from ingest.imaging import MAX_BYTES

DEFAULT_MAX_WAIT = 600.0  # seconds we let instaloader sleep for a rate limit before stopping
_SESSION_NAME = re.compile(r"^session-(?P<username>.+)$")
_REFUSED = re.compile(r"\b(401|403)\b")
_CHECKPOINT_WORDS = ("checkpoint", "challenge", "feedback_required")


class RateLimitWait(Exception):
    """Instagram wants a longer pause than we are willing to sleep in this run."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"rate limit: wait {seconds:.0f} s")
        self.seconds = seconds


class PatientRateController(instaloader.RateController):
    """instaloader's own pacing, but a wait longer than `max_wait` ends the run instead."""

    def __init__(self, context: instaloader.InstaloaderContext, max_wait: float) -> None:
        super().__init__(context)
        self.max_wait = max_wait

    def sleep(self, secs: float) -> None:
        if secs > self.max_wait:
            raise RateLimitWait(secs)
        super().sleep(secs)


def session_username(session_file: Path, username: str | None) -> str:
    """The account a session file belongs to: given, or read from `session-USERNAME`."""
    if username:
        return username.strip().lstrip("@").lower()
    match = _SESSION_NAME.match(session_file.name)
    if match:
        return match["username"].lower()
    raise InstagramLoginError(
        f"Cannot tell which Instagram account the session file {session_file} belongs to.",
        "Add --login USERNAME (the account you logged in with).",
    )


def default_session_file(username: str) -> Path:
    return Path(instaloader.get_default_session_filename(username))


def make_loader(
    *,
    username: str | None,
    session_file: Path | None,
    max_wait: float = DEFAULT_MAX_WAIT,
    request_pauses: bool = True,
) -> instaloader.Instaloader:
    """A logged-in instaloader; fails with a login error when the session file is unusable."""
    if session_file is None:
        if not username:
            raise InstagramLoginError(
                "Reading from Instagram needs a logged-in session.",
                "Give --login USERNAME (uses instaloader's saved session) or --session-file PATH.",
            )
        session_file = default_session_file(username.strip().lstrip("@").lower())
    account = session_username(session_file, username)
    loader = instaloader.Instaloader(
        sleep=request_pauses,
        quiet=True,
        max_connection_attempts=3,
        iphone_support=False,  # fewer requests: the feed's display_url is the 1080 px photo
        rate_controller=lambda context: PatientRateController(context, max_wait),
        download_videos=False,
        save_metadata=False,
    )
    try:
        loader.load_session_from_file(account, str(session_file))
    except FileNotFoundError as error:
        raise InstagramLoginError(
            f"No session file at {session_file}.",
            f"Create it once with: instaloader --login {account} (see the README).",
        ) from error
    except (pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError, AttributeError) as e:
        raise InstagramLoginError(
            f"{session_file} is not an instaloader session file ({type(e).__name__}).",
            f"Make a new one with: instaloader --login {account}",
        ) from e
    except OSError as error:
        raise InstagramLoginError(
            f"Cannot read the session file {session_file} ({error.strerror}).",
            "Check the path and its permissions.",
        ) from error
    return loader


def _retry_hint(seconds: float) -> str:
    at = datetime.now() + timedelta(seconds=seconds)
    return (
        f"Run the same command again after {at:%H:%M} (in about {max(1, round(seconds / 60))} min);"
        " it resumes where it stopped. Meanwhile, importing an instaloader folder always works."
    )


def _causes(error: BaseException) -> Iterator[BaseException]:
    visited: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in visited:
        visited.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def translate(error: BaseException, what: str) -> Exception:
    """The `ingest.errors` exception that tells an organiser what `error` means."""
    text = str(error)
    if isinstance(error, RateLimitWait):
        return InstagramRateLimited(
            "Instagram answered '429 Too Many Requests' and wants a long pause.",
            _retry_hint(error.seconds),
        )
    if isinstance(error, AbortDownloadException):
        if any(word in text for word in _CHECKPOINT_WORDS):
            return InstagramLoginError(
                "Instagram stopped the session for a security check (checkpoint/challenge).",
                "Log in on instagram.com in a browser with that account, confirm the check, "
                "then make a new session file (instaloader --login USER).",
            )
        return InstagramLoginError(
            "Instagram logged the session out.",
            "Wait an hour, then make a new session file with: instaloader --login USER",
        )
    if isinstance(error, LoginRequiredException):
        return InstagramLoginError(
            f"Instagram requires a login to read {what}.",
            "Give a session file with --login USER or --session-file PATH.",
        )
    if isinstance(error, BadResponseException) and "metadata failed" in text:
        return InstagramNotFound(
            f"{what} cannot be read: Instagram returned no post (deleted, archived or private).",
            "Check the link in a browser.",
        )
    if isinstance(error, QueryReturnedNotFoundException):
        return InstagramNotFound(
            f"{what} does not exist on Instagram (404).",
            "Check the spelling; deleted and private posts cannot be read.",
        )
    if isinstance(error, ConnectionException):
        if any(isinstance(cause, TooManyRequestsException) for cause in _causes(error)):
            return InstagramRateLimited(
                "Instagram kept answering '429 Too Many Requests'.", _retry_hint(3600)
            )
        if _REFUSED.search(text):
            return InstagramRateLimited(
                "Instagram refused automated reads for now (401/403, 'Please wait a few "
                "minutes'); it does this often for hashtags and busy addresses.",
                _retry_hint(2 * 3600),
            )
        return InstagramUnavailable(
            f"Instagram could not be reached: {text}", "Check the network, then run again."
        )
    if isinstance(error, (BadResponseException, QueryReturnedBadRequestException)):
        return InstagramUnavailable(
            f"Instagram answered in a way instaloader could not use: {text}",
            "Update instaloader (pip install -U instaloader) or import a folder instead.",
        )
    return error if isinstance(error, Exception) else RuntimeError(text)


FATAL = (
    RateLimitWait,
    AbortDownloadException,
    LoginRequiredException,
    TooManyRequestsException,
)


def is_fatal(error: BaseException) -> bool:
    """Errors that will hit every further request too: stop the run rather than skip a post."""
    if isinstance(error, FATAL):
        return True
    if isinstance(error, QueryReturnedNotFoundException | QueryReturnedForbiddenException):
        return False  # this post or this image URL only
    if isinstance(error, ConnectionException):
        return bool(_REFUSED.search(str(error))) or any(
            isinstance(cause, TooManyRequestsException) for cause in _causes(error)
        )
    return False


INSTAGRAM_ERRORS = (instaloader.InstaloaderException, AbortDownloadException, RateLimitWait)


@contextmanager
def instagram_errors(what: str) -> Iterator[None]:
    """Translate instaloader's exceptions raised inside the block."""
    try:
        yield
    except INSTAGRAM_ERRORS as error:
        raise translate(error, what) from error


def download_image(context: instaloader.InstaloaderContext, url: str) -> bytes:
    """Fetch one photo (anonymously, as instaloader does), refusing absurd sizes."""
    response = context.get_raw(url)
    data = response.raw.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError("image larger than allowed")
    return data
