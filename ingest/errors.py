"""Why an ingestion command could not run, each with its own exit code for scripts and timers.

Exit 0 means the run completed (per-post problems are listed in its summary, not fatal).
"""

from __future__ import annotations

from contest.errors import UserFacingError

EXIT_OK = 0
EXIT_USAGE = 2  # wrong input or settings: folder, contest, shortcode, freeze passed
EXIT_BUSY = 3  # another ingestion run of this contest holds the lock
EXIT_LOGIN = 4  # no usable Instagram session, logged out, checkpoint/challenge
EXIT_RATE_LIMITED = 5  # 429, or 401/403 "please wait": stopped, resume state kept
EXIT_NOT_FOUND = 6  # hashtag or post does not exist (404)
EXIT_NETWORK = 7  # no connection or an answer instaloader could not use

EXIT_CODES = {
    EXIT_OK: "the run completed (per-post problems are listed in the summary)",
    EXIT_USAGE: "wrong input or settings; nothing was imported",
    EXIT_BUSY: "another ingestion run of this contest is still running",
    EXIT_LOGIN: "Instagram session missing, expired or stopped by a checkpoint",
    EXIT_RATE_LIMITED: "Instagram is limiting requests; the run stopped and will resume",
    EXIT_NOT_FOUND: "the hashtag or post does not exist on Instagram",
    EXIT_NETWORK: "Instagram could not be reached or answered unexpectedly",
}


class InstagramLoginError(UserFacingError):
    exit_code = EXIT_LOGIN


class InstagramRateLimited(UserFacingError):
    exit_code = EXIT_RATE_LIMITED


class InstagramNotFound(UserFacingError):
    exit_code = EXIT_NOT_FOUND


class InstagramUnavailable(UserFacingError):
    exit_code = EXIT_NETWORK
