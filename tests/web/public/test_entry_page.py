"""`/entries/{shortcode}`: one public entry, or the site's 404 page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public import factories
from tests.web.public.soup import page, texts


def test_entry_shows_large_image_town_caption_credit_and_link(
    client: TestClient, session: Session, contest: Contest
):
    entry = factories.make_entry(
        session,
        contest,
        "Cxyz",
        username="ben.b",
        town="Meiningen",
        caption="Postgasse am Morgen\nmein Lieblingsort",
        location_name="Postgasse, Meiningen",
        likes=1234,
    )
    response = client.get("/entries/Cxyz")
    soup = page(response)

    assert response.status_code == 200
    assert texts(soup, "h1") == ["Meiningen"]
    assert texts(soup, ".entry__place") == ["Postgasse, Meiningen"]
    assert (
        soup.select_one(".entry__caption p").get_text() == "Postgasse am Morgen\nmein Lieblingsort"
    )
    image = soup.select_one(".entry__figure img")
    assert image["src"] == f"/media/400/{entry.photos[0].sha256}.webp"
    assert "1200w" in image["srcset"]
    assert image["loading"] == "eager"
    assert image["alt"] == "Postgasse am Morgen mein Lieblingsort"
    assert soup.select_one(".entry__actions a")["href"] == "https://www.instagram.com/p/Cxyz/"
    assert texts(soup, ".entry__facts dd")[2] == "1.234"


@pytest.mark.parametrize("status", ["review", "rejected"])
def test_entries_that_are_not_public_answer_404(
    client: TestClient, session: Session, contest: Contest, status: str
):
    factories.make_entry(session, contest, "HIDDEN", status=status)
    response = client.get("/entries/HIDDEN")
    assert response.status_code == 404
    assert texts(page(response), "h1") == ["Seite nicht gefunden"]


def test_unknown_entry_is_a_styled_german_404(client: TestClient, contest: Contest):
    response = client.get("/entries/nope")
    soup = page(response)
    assert response.status_code == 404
    assert soup.html["lang"] == "de"
    assert soup.select_one("nav.main-nav") is not None
    assert texts(soup, ".error-page__code") == ["404"]
