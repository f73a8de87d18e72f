"""Error pages (400, 403, 404, 405, 429, 500, 503) in the site's style and the visitor's language.

Every router gets them: `install(app)` registers the handlers. Handlers for the jury and admin
areas can raise `HTTPException(403)` and get the same page; redirects raised as exceptions
(status below 400) pass through untouched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, Response

from contest.errors import UserFacingError
from web.i18n import N_
from web.security import SECURITY_HEADERS
from web.templating import render

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErrorPage:
    status_code: int
    title: str  # English msgid
    message: str  # English msgid
    detail: str | None = None  # already in the reader's language, or untranslatable


ERROR_TEXTS: dict[int, tuple[str, str]] = {
    400: (N_("Bad request"), N_("The address contains something this page cannot use.")),
    403: (N_("Access denied"), N_("You are not allowed to open this page.")),
    404: (
        N_("Page not found"),
        N_("This page does not exist, or the entry is not (or no longer) shown publicly."),
    ),
    405: (N_("Not possible here"), N_("This page cannot be used that way.")),
    429: (N_("Too many requests"), N_("Please wait a moment and try again.")),
    500: (
        N_("Something went wrong"),
        N_("An unexpected error occurred. Please try again in a few minutes."),
    ),
    503: (N_("Not available yet"), N_("This website is not ready yet. Please come back later.")),
}


def error_page(status_code: int, detail: str | None = None) -> ErrorPage:
    title, message = ERROR_TEXTS.get(status_code, ERROR_TEXTS[500 if status_code >= 500 else 400])
    return ErrorPage(status_code, title, message, detail)


def render_error(
    request: Request, page: ErrorPage, headers: dict[str, str] | None = None
) -> Response:
    return render(request, "error.html", page, status_code=page.status_code, headers=headers)


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    headers = dict(error.headers or {})
    if error.status_code < 400:
        return Response(status_code=error.status_code, headers=headers)
    return render_error(request, error_page(error.status_code), headers)


async def validation_error(request: Request, error: Exception) -> Response:
    return render_error(request, error_page(400))


async def not_ready_error(request: Request, error: Exception) -> Response:
    """A `UserFacingError` escaping a page (no contest loaded yet): a 503 page, logged."""
    assert isinstance(error, UserFacingError)
    log.warning("page not available: %s", error)
    return render_error(request, error_page(503))


async def server_error(request: Request, error: Exception) -> Response:
    """Runs outside the other middleware, so it adds the security headers itself."""
    headers = dict(SECURITY_HEADERS)
    try:
        return render_error(request, error_page(500), headers)
    except Exception:  # pragma: no cover - the error page itself failed; answer plainly
        log.exception("the error page failed to render")
        return HTMLResponse(
            "<!doctype html><title>500</title><h1>Interner Fehler / Internal error</h1>",
            status_code=500,
            headers=headers,
        )


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(UserFacingError, not_ready_error)
    app.add_exception_handler(Exception, server_error)
