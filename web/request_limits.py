"""A ceiling on request bodies, enforced before any form or upload is parsed.

FastAPI parses form bodies before it runs dependencies, so without this an anonymous client
could make the server spool an arbitrarily large upload to disk before being told to log in.
Bodies that announce a larger `Content-Length` are refused at once; chunked bodies are counted
as they arrive.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MEGABYTE = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MEGABYTE  # one photo for the manual add form
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + MEGABYTE  # the photo plus the form around it

TOO_LARGE_PAGE = (
    "<!doctype html><html lang='de'><meta charset='utf-8'><title>413</title>"
    "<h1>Die gesendeten Daten sind zu groß</h1>"
    f"<p>Höchstens {MAX_UPLOAD_BYTES // MEGABYTE} MB pro Foto. Bitte ein kleineres Foto wählen "
    "und erneut senden.</p>"
    f"<p lang='en'>The upload is too large: at most {MAX_UPLOAD_BYTES // MEGABYTE} MB per photo. "
    "Choose a smaller photo and send the form again.</p></html>"
).encode()


class RequestTooLarge(Exception):
    """A chunked body grew past the limit while the app was reading it."""


class RequestSizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await send_too_large(send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise RequestTooLarge
            return message

        await self.app(scope, counted_receive, send)


async def send_too_large(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(TOO_LARGE_PAGE)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": TOO_LARGE_PAGE})
