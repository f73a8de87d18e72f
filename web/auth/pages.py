"""Rendering pages for signed-in people (and the log-in form).

`render` adds what every such page needs (the current user for the navigation, the CSRF token
for its forms), marks the response `no-store` (one-time passwords and entry data must not sit in
shared caches) and sends a session cookie issued during the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from web.auth import cookies
from web.csrf import csrf_token
from web.templating import templates

DEFAULT_LANGUAGE = "de"


def N_(message: str) -> str:
    """Mark a message for extraction; templates translate it with `_()` when they show it."""
    return message


@dataclass(frozen=True, slots=True)
class Notice:
    """A message shown at the top of a page: `kind` is `ok` or `error`.

    `message` is an English msgid that the template translates, unless `translate` is False:
    text from elsewhere (a service's error, which may quote what someone typed) is shown as it
    is and escaped, never used as a msgid, because gettext output counts as safe markup.
    """

    message: str
    kind: str = "ok"
    params: dict[str, Any] = field(default_factory=dict)
    translate: bool = True

    @classmethod
    def untranslated(cls, text: str, kind: str = "error") -> Notice:
        return cls(text, kind=kind, translate=False)


def language(request: Request) -> str:
    """The viewer's language as chosen by the i18n middleware; German when none ran."""
    return getattr(request.state, "lang", None) or DEFAULT_LANGUAGE


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    page_context: dict[str, Any] = {
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_token(request),
        "lang": language(request),
    }
    page_context.update(context or {})
    response = templates.TemplateResponse(request, template, page_context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    cookies.write_pending(request, response)
    return response


def redirect(request: Request, url: str) -> RedirectResponse:
    """303 See Other (the answer to a form post), carrying any session cookie issued now."""
    response = RedirectResponse(url, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    cookies.write_pending(request, response)
    return response
