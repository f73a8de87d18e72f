"""Install accounts and security on the app: handlers, the body-size limit, the log-in routes."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from contest.errors import UserFacingError
from web.auth import routes
from web.auth.deps import LoginRequired, PasswordChangeRequired, RoleForbidden
from web.auth.pages import N_, redirect, render, wants_html
from web.csrf import CsrfFailed
from web.request_limits import (
    MAX_REQUEST_BYTES,
    MAX_UPLOAD_BYTES,
    MEGABYTE,
    RequestSizeLimit,
    RequestTooLarge,
)


def install(app: FastAPI) -> None:
    app.add_middleware(RequestSizeLimit, max_bytes=MAX_REQUEST_BYTES)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(RoleForbidden, _role_forbidden)
    app.add_exception_handler(PasswordChangeRequired, _password_change_required)
    app.add_exception_handler(CsrfFailed, _csrf_failed)
    app.add_exception_handler(RequestTooLarge, _too_large)
    app.add_exception_handler(UserFacingError, _user_facing_error)
    app.include_router(routes.router)


def _login_required(request: Request, _error: Exception) -> Response:
    if not wants_html(request):
        return JSONResponse({"detail": "login required"}, status_code=401)
    # Only a page can be returned to; after a form post, the log-in leads to the role's home.
    query = {"next": str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")}
    return redirect(request, "/login?" + urlencode(query) if request.method == "GET" else "/login")


def _denied(request: Request, status_code: int, title: str, message: str) -> Response:
    if not wants_html(request):
        return JSONResponse({"detail": title}, status_code=status_code)
    return render(
        request, "denied.html", {"title": title, "message": message}, status_code=status_code
    )


def _role_forbidden(request: Request, error: Exception) -> Response:
    assert isinstance(error, RoleForbidden)
    message = (
        N_("This part of the site is for the contest's organisers.")
        if error.required == "organiser"
        else N_("This part of the site is for the jury.")
    )
    return _denied(request, 403, N_("No access"), message)


def _password_change_required(request: Request, _error: Exception) -> Response:
    if not wants_html(request):
        return JSONResponse({"detail": "choose a new password first"}, status_code=403)
    return redirect(request, "/account?notice=choose-password")


def _csrf_failed(request: Request, _error: Exception) -> Response:
    return _denied(
        request,
        403,
        N_("The form has expired"),
        N_(
            "For your safety, forms only work for a while and need cookies. Go back, reload "
            "the page and send the form again."
        ),
    )


def _too_large(request: Request, _error: Exception) -> Response:
    return Response(
        f"The upload is too large: at most {MAX_UPLOAD_BYTES // MEGABYTE} MB.",
        status_code=413,
        media_type="text/plain",
    )


def _user_facing_error(request: Request, error: Exception) -> Response:
    """A service refused (e.g. no contest loaded yet): say what and how to fix it, no traceback."""
    assert isinstance(error, UserFacingError)
    if not wants_html(request):
        return JSONResponse({"detail": str(error)}, status_code=409)
    return render(
        request,
        "denied.html",
        {
            "title": N_("Something needs attention"),
            "message": error.message,
            "hint": error.hint,
            "raw": True,
        },
        status_code=409,
    )
