"""The Jinja2 environment shared by every router.

Templates mark every user-visible string with `_()` (gettext); the i18n module installs the
catalogue for the request's language.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(
    directory=Path(__file__).with_name("templates"), extensions=["jinja2.ext.i18n"]
)
templates.env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
