"""The Jinja2 environment shared by every router.

Templates mark every user-visible string with `_()` (gettext); `web.i18n.install` makes `_` read
the request's language from the template context, and `web.site.chrome` gives every template what
the layout needs. Render a page with `render(request, "name.html", page)` where `page` is the
page's typed context object, or with `templates.TemplateResponse` for a plain dict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

from web import i18n
from web.site import chrome

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
i18n.install(_environment)
templates = Jinja2Templates(env=_environment, context_processors=[chrome])


def render(
    request: Request,
    template: str,
    page: Any,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """Render a template with its page context object available as `page`."""
    return templates.TemplateResponse(
        request, template, {"page": page}, status_code=status_code, headers=headers
    )
