"""How the jury area answers when something cannot be done, in the juror's language.

- `NotFound` (a task or round that does not exist, or is not the juror's) -> 404, one page for
  both cases, so a juror cannot probe which task ids belong to others.
- `RoundClosed` (raised by the jury handlers before they call the workspace) -> 409 saying the
  round is closed and votes can no longer change.
- The workspace's other refusals (`NotAllowedNow`, `InvalidVote`) -> 409/400 with its message.

The handlers are registered on the app, so the request's session has rolled back before they
run (the yield dependency sees the exception). Outside `/jury` they hand the error to whatever
handles `UserFacingError` there, so other areas keep their own answers.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from contest.errors import UserFacingError
from judging.ballots import InvalidVote
from judging.errors import NotAllowedNow, NotFound
from web.auth.pages import N_, render, wants_html

PREFIX = "/jury"


class RoundClosed(Exception):
    """The round no longer takes votes (closed or finalized by the organisers)."""

    def __init__(self, round_name: str) -> None:
        super().__init__(round_name)
        self.round_name = round_name


def _problem(
    request: Request,
    status_code: int,
    title: str,
    message: str,
    *,
    params: dict[str, object] | None = None,
    detail: str | None = None,
) -> Response:
    if not wants_html(request):
        return JSONResponse({"detail": title}, status_code=status_code)
    return render(
        request,
        "jury/problem.html",
        {
            "status_code": status_code,
            "title": title,
            "message": message,
            "params": params or {},
            "detail": detail,
        },
        status_code=status_code,
    )


def not_found(request: Request) -> Response:
    return _problem(
        request,
        404,
        N_("Not found"),
        N_("This task or round does not exist, or it is not one of yours."),
    )


async def _outside(request: Request, error: Exception) -> Response:
    handler = request.app.exception_handlers.get(UserFacingError)
    if handler is None:  # pragma: no cover - the accounts area always installs one
        raise error
    result = handler(request, error)
    return await result if hasattr(result, "__await__") else result


async def _not_found(request: Request, error: Exception) -> Response:
    if not request.url.path.startswith(PREFIX):
        return await _outside(request, error)
    return not_found(request)


async def _refused(request: Request, error: Exception) -> Response:
    if not request.url.path.startswith(PREFIX):
        return await _outside(request, error)
    assert isinstance(error, UserFacingError)
    status_code = 400 if isinstance(error, InvalidVote) else 409
    detail = f"{error.message} {error.hint}" if error.hint else error.message
    return _problem(
        request,
        status_code,
        N_("Not possible right now"),
        N_("The jury workspace could not do this."),
        detail=detail,
    )


async def _round_closed(request: Request, error: Exception) -> Response:
    assert isinstance(error, RoundClosed)
    return _problem(
        request,
        409,
        N_("This round is closed"),
        N_(
            "The organisers have closed the round %(round)s, so votes can no longer be cast "
            "or changed. If something must still be corrected, please ask them."
        ),
        params={"round": error.round_name},
    )


def install(app: FastAPI) -> None:
    """Register the jury's answers; call after the accounts area has installed its own."""
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(NotAllowedNow, _refused)
    app.add_exception_handler(InvalidVote, _refused)
    app.add_exception_handler(RoundClosed, _round_closed)
