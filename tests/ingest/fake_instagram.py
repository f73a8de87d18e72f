"""A fake Instagram behind instaloader's HTTP transport, for offline tests of the live paths.

instaloader builds several `requests.Session`s (the logged-in one, copies for GraphQL, anonymous
ones for downloads); all of them send through `requests.adapters.HTTPAdapter.send`, so that is
where the fake sits. Everything above it - instaloader's queries, retries, rate control, error
translation, NodeIterator paging and freezing - runs for real against canned answers.
"""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from urllib3 import HTTPResponse

REASONS = {
    200: "OK",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
}
HASHTAG_QUERY = "9b498c08113f1e09617a1703c22b2f32"
POST_DOC_ID = "27128499623469141"
PAGE = "tag_page"
TAG_INFO = "tag_info"
POST = "post"
IMAGE = "image"


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON, bytes -> raw
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LivePost:
    shortcode: str
    username: str
    owner_id: str
    posted_at: datetime
    image: bytes
    likes: int = 5
    caption: str = "Marktplatz #ThüringenDownTown @downtownsnaps_th"
    location: dict[str, Any] | None = None

    @property
    def image_url(self) -> str:
        return f"https://scontent.cdninstagram.com/v/t51/{self.shortcode}.jpg?stp=dst-jpg"

    def feed_node(self) -> dict[str, Any]:
        """As the hashtag feed has it: the owner by id only."""
        return {
            "__typename": "GraphImage",
            "id": str(abs(hash(self.shortcode)) % 10**18),
            "shortcode": self.shortcode,
            "display_url": self.image_url,
            "is_video": False,
            "taken_at_timestamp": int(self.posted_at.timestamp()),
            "owner": {"id": self.owner_id},
            "edge_media_to_caption": {"edges": [{"node": {"text": self.caption}}]},
            "edge_media_preview_like": {"count": self.likes},
            "edge_media_to_comment": {"count": 0},
        }

    def media(self) -> dict[str, Any]:
        """As the post's own page query (Polaris `web_info`) has it."""
        return {
            "code": self.shortcode,
            "pk": str(abs(hash(self.shortcode)) % 10**18),
            "media_type": 1,
            "taken_at": int(self.posted_at.timestamp()),
            "user": {"pk": self.owner_id, "username": self.username},
            "image_versions2": {"candidates": [{"url": self.image_url}]},
            "caption": {"text": self.caption},
            "like_count": self.likes,
            "comment_count": 0,
            "location": self.location,
        }


@dataclass
class Failure:
    kind: str
    reply: Reply
    times: int
    skip: int = 0


class FakeInstagram:
    """Posts, hashtag pages and scripted failures; records every request it answers."""

    def __init__(self) -> None:
        self.posts: dict[str, LivePost] = {}
        self.pages: dict[str, list[list[str]]] = {}  # tag -> pages of shortcodes
        self.failures: list[Failure] = []
        self.requests: list[tuple[str, str, dict[str, Any]]] = []  # (kind, url, params)

    # --- set-up -----------------------------------------------------------------------------
    def add_tag(self, tag: str, pages: list[list[LivePost]]) -> None:
        for page in pages:
            for post in page:
                self.posts[post.shortcode] = post
        self.pages[tag.lower()] = [[post.shortcode for post in page] for page in pages]

    def fail(
        self,
        kind: str,
        status: int,
        body: Any = None,
        *,
        times: int = 99,
        skip: int = 0,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next `times` requests of `kind` (after `skip` good ones) with `status`."""
        self.failures.append(Failure(kind, Reply(status, body, headers or {}), times, skip))

    def count(self, kind: str) -> int:
        return sum(1 for seen, _url, _params in self.requests if seen == kind)

    # --- answering ----------------------------------------------------------------------------
    def _kind(self, method: str, host: str, path: str, params: dict[str, Any]) -> str:
        if host == "i.instagram.com" and path.startswith("/api/v1/tags/web_info"):
            return TAG_INFO
        if path.startswith("/graphql/query") and params.get("query_hash") == HASHTAG_QUERY:
            return PAGE
        if path.startswith("/graphql/query") and params.get("doc_id") == POST_DOC_ID:
            return POST
        if host.endswith("cdninstagram.com"):
            return IMAGE
        raise AssertionError(f"unexpected request {method} https://{host}{path} {params}")

    def _scripted(self, kind: str) -> Reply | None:
        for failure in self.failures:
            if failure.kind == kind and failure.times > 0:
                if failure.skip > 0:
                    failure.skip -= 1
                    return None
                failure.times -= 1
                return failure.reply
        return None

    def answer(self, kind: str, params: dict[str, Any], path: str) -> Reply:
        scripted = self._scripted(kind)
        if scripted is not None:
            return scripted
        if kind == TAG_INFO:
            tag = params["tag_name"].lower()
            if tag not in self.pages:
                return Reply(404, {"status": "fail", "message": "not found"})
            return Reply(
                200, {"data": {"name": tag, "id": "17841562", "media_count": 5}, "status": "ok"}
            )
        if kind == PAGE:
            variables = json.loads(params["variables"])
            pages = self.pages[variables["tag_name"]]
            index = int(variables["after"][1:]) if variables.get("after") else 0
            codes = pages[index]
            edges = [{"node": self.posts[code].feed_node()} for code in codes]
            has_next = index + 1 < len(pages)
            media = {
                "count": sum(map(len, pages)),
                "edges": edges,
                "page_info": {"has_next_page": has_next, "end_cursor": f"c{index + 1}"},
            }
            return Reply(
                200, {"data": {"hashtag": {"edge_hashtag_to_media": media}}, "status": "ok"}
            )
        if kind == POST:
            shortcode = json.loads(params["variables"])["shortcode"]
            post = self.posts.get(shortcode)
            items = [post.media()] if post else []
            return Reply(
                200,
                {
                    "data": {"xdt_api__v1__media__shortcode__web_info": {"items": items}},
                    "status": "ok",
                },
            )
        shortcode = path.rsplit("/", 1)[-1].removesuffix(".jpg")
        post = self.posts.get(shortcode)
        if post is None:
            return Reply(404, b"")
        return Reply(200, post.image, {"Content-Type": "image/jpeg"})

    def send(
        self,
        adapter: requests.adapters.HTTPAdapter,
        request: requests.PreparedRequest,
        **_kwargs: Any,
    ) -> requests.Response:
        parts = urlsplit(request.url or "")
        params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        if request.body:
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            params.update({key: values[-1] for key, values in parse_qs(body).items()})
        kind = self._kind(request.method or "GET", parts.hostname or "", parts.path, params)
        self.requests.append((kind, request.url or "", params))
        reply = self.answer(kind, params, parts.path)
        if isinstance(reply.body, bytes):
            content, content_type = reply.body, reply.headers.get("Content-Type", "")
        else:
            content = json.dumps(reply.body if reply.body is not None else {}).encode()
            content_type = "application/json; charset=utf-8"
        headers = {"Content-Type": content_type, **reply.headers}
        raw = HTTPResponse(
            body=io.BytesIO(content),
            headers=headers,
            status=reply.status,
            reason=REASONS.get(reply.status, ""),
            preload_content=False,
            decode_content=False,
            request_method=request.method,
        )
        return adapter.build_response(request, raw)


def install(monkeypatch: pytest.MonkeyPatch) -> FakeInstagram:
    fake = FakeInstagram()

    def send(
        adapter: requests.adapters.HTTPAdapter, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        return fake.send(adapter, request, **kwargs)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    return fake


def write_session_file(folder: Path, username: str = "organiser") -> Path:
    """A session file as `instaloader --login` saves it: pickled cookies."""
    path = folder / f"session-{username}"
    cookies = {
        "sessionid": "fake-session",
        "csrftoken": "fake-csrf",
        "ds_user_id": "4242",
        "mid": "fake-mid",
        "ig_did": "fake-did",
    }
    path.write_bytes(pickle.dumps(cookies))
    return path
