"""The Jinja2 environment shared by every router.

Templates mark every user-visible string with `_()` (gettext); the i18n module installs the
catalogue for the request's language.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi.templating import Jinja2Templates

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    extensions=["jinja2.ext.i18n"],
)
_environment.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
templates = Jinja2Templates(env=_environment)
