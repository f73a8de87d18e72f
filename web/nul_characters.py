"""Refuse requests that carry a NUL character in the address or a form field.

No page needs one, and PostgreSQL refuses NUL in text, so a search for `%00` or a form field
holding one would otherwise end in a database error (a 500) instead of a clear 400. Checked once
for every route, before the handler runs; uploaded files are bytes and are left alone.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def refuse_nul_characters(request: Request) -> None:
    """App-wide dependency: 400 (the site's "bad request" page) for NUL in path, query or form."""
    texts = [request.url.path, *request.path_params.values(), *request.query_params.values()]
    texts += request.query_params.keys()
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        texts += [key for key in form] + [
            value for value in form.values() if isinstance(value, str)
        ]
    if any(NUL in str(text) for text in texts):
        raise HTTPException(status_code=400)
