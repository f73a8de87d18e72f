"""Security headers, escaping of everything user-supplied, and no inline script or style."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public import factories
from tests.web.public.soup import page

PUBLIC_PAGES = [
    "/",
    "/entries/XSS1",
    "/towns",
    "/winners",
    "/status?handle=evil_user",
    "/terms",
    "/imprint",
    "/privacy",
    "/entries/missing",
]
ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_entry(session: Session, contest: Contest) -> None:
    entry = factories.make_entry(
        session,
        contest,
        "XSS1",
        username="evil_user",
        caption=f"Schön hier {ATTACK}",
        accessibility_caption=f"Bild {ATTACK}",
        location_name=f"Markt {ATTACK}",
        town=f"Gotha{ATTACK}",
    )
    factories.publish_results(session, contest, [entry])


def inline_code(soup: BeautifulSoup) -> list[str]:
    """Inline scripts, style elements, style attributes and event-handler attributes."""
    found = [f"<script> without src: {s}" for s in soup.find_all("script") if not s.get("src")]
    found += [f"<style>: {s}" for s in soup.find_all("style")]
    for element in soup.find_all(True):
        for attribute in element.attrs:
            if attribute == "style" or attribute.startswith("on"):
                found.append(f"{element.name}[{attribute}]")
    return found


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_user_text_is_escaped_everywhere(
    client: TestClient, hostile_entry: None, fake_rules: None, path: str
):
    response = client.get(path)
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert inline_code(page(response)) == []


def test_escaped_text_still_reads_as_typed(client: TestClient, hostile_entry: None):
    soup = page(client.get("/entries/XSS1"))
    assert soup.select_one(".entry__caption p").get_text() == f"Schön hier {ATTACK}"
    assert soup.select_one(".entry__figure img")["alt"] == f"Bild {ATTACK}"


@pytest.mark.parametrize("path", ["/", "/entries/missing", "/static/style.css", "/ping"])
def test_security_headers(client: TestClient, contest: Contest, path: str):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_server_errors_get_the_styled_page_and_the_headers(app: FastAPI, contest: Contest):
    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/explode-for-test", explode)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/explode-for-test")
    assert response.status_code == 500
    assert "boom" not in response.text
    assert page(response).select_one("h1").get_text() == "Etwas ist schiefgelaufen"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_media_is_served_by_content_hash_only(client: TestClient, settings, contest: Contest):
    sha = factories.fake_sha("real")
    factories.make_derivatives(settings.data_dir, sha, seed=1)
    assert client.get(f"/media/400/{sha}.webp").headers["content-type"] == "image/webp"
    for attempt in (
        "/media/400/..%2F..%2Fsecret.webp",
        f"/media/401/{sha}.webp",
        f"/media/400/{sha.upper()}.webp",
        f"/media/400/{factories.fake_sha('never stored')}.webp",
    ):
        assert client.get(attempt).status_code == 404, attempt
