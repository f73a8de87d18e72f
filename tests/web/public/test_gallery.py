"""The gallery `/`: accepted entries only, filter by town, order, pages, thumbnails, credits."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public import factories
from tests.web.public.soup import page, texts


def card_towns(client: TestClient, url: str) -> list[str]:
    return texts(page(client.get(url)), ".card__town")


def test_only_accepted_entries_are_shown(client: TestClient, session: Session, contest: Contest):
    factories.make_entry(session, contest, "OK1", town="Gotha")
    factories.make_entry(session, contest, "REV", town="Meiningen", status="review")
    factories.make_entry(session, contest, "REJ", town="Ilmenau", status="rejected")

    soup = page(client.get("/"))

    assert [a["href"] for a in soup.select(".card__image")] == ["/entries/OK1"]
    assert texts(soup, ".gallery__heading .count") == ["1"]


def test_filter_by_town_lists_towns_with_counts(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "G1", town="Gotha")
    factories.make_entry(session, contest, "G2", town="Gotha")
    factories.make_entry(session, contest, "M1", town="Meiningen")

    soup = page(client.get("/", params={"town": "Meiningen"}))

    assert texts(soup, ".card__town") == ["Meiningen"]
    options = texts(soup, "#filter-town option")
    assert options == ["Alle Orte", "Gotha (2)", "Meiningen (1)"]
    assert soup.select_one("#filter-town option[selected]")["value"] == "Meiningen"


def test_unknown_town_shows_an_empty_state_with_a_way_back(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "G1", town="Gotha")
    soup = page(client.get("/", params={"town": "Atlantis"}))
    assert soup.select(".card") == []
    assert soup.select_one(".empty-state a")["href"] == "/"


def test_sort_by_likes_and_by_newest(client: TestClient, session: Session, contest: Contest):
    base = factories.BASE_TIME
    factories.make_entry(session, contest, "OLD", town="A", likes=90, posted_at=base)
    factories.make_entry(session, contest, "MID", town="B", likes=10, posted_at=base + timedelta(1))
    factories.make_entry(session, contest, "NEW", town="C", likes=50, posted_at=base + timedelta(2))

    assert card_towns(client, "/") == ["C", "B", "A"]
    assert card_towns(client, "/?sort=likes") == ["A", "C", "B"]
    assert card_towns(client, "/?sort=nonsense") == ["C", "B", "A"]


def test_pagination_links_and_pages(client: TestClient, session: Session, contest: Contest):
    factories.make_entries(session, contest, 30)

    first = page(client.get("/"))
    second = page(client.get("/?page=2"))

    assert len(first.select(".card")) == 24
    assert len(second.select(".card")) == 6
    assert first.select_one(".pagination a[rel=next]")["href"] == "/?page=2"
    assert second.select_one(".pagination a[aria-current=page]").get_text(strip=True).endswith("2")
    assert second.select_one(".pagination a[rel=prev]")["href"] == "/"


def test_page_numbers_out_of_range_show_the_nearest_page(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entries(session, contest, 30)
    assert len(page(client.get("/?page=999")).select(".card")) == 6
    assert len(page(client.get("/?page=abc")).select(".card")) == 24
    assert len(page(client.get("/?page=-3")).select(".card")) == 24


def test_filter_and_order_survive_in_page_links(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entries(session, contest, 30, town="Gotha")
    soup = page(client.get("/?town=Gotha&sort=likes"))
    assert soup.select_one(".pagination a[rel=next]")["href"] == "/?town=Gotha&sort=likes&page=2"


def test_thumbnails_use_srcset_lazy_loading_and_alt_text(
    client: TestClient, session: Session, contest: Contest
):
    entry = factories.make_entry(
        session, contest, "IMG", accessibility_caption="May be an image of a market square"
    )
    image = page(client.get("/")).select_one(".card img")
    sha = entry.photos[0].sha256
    assert image["src"] == f"/media/400/{sha}.webp"
    assert image["srcset"] == f"/media/400/{sha}.webp 400w, /media/1200/{sha}.webp 1200w"
    assert image["loading"] == "lazy"
    assert image["alt"] == "May be an image of a market square"


def test_placeholder_while_thumbnails_are_being_made(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "WAIT", derivatives_ready=False)
    soup = page(client.get("/"))
    assert soup.select(".card img") == []
    placeholder = soup.select_one(".card .photo--pending")
    assert placeholder["role"] == "img"
    assert placeholder["aria-label"] == "Das Bild wird vorbereitet"


def test_each_photo_credits_the_account_and_links_the_post(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "Cabc123", username="lisa_sieht")
    credit = page(client.get("/")).select_one(".card .credit")
    assert credit.get_text(" ", strip=True).startswith("@lisa_sieht")
    assert credit["href"] == "https://www.instagram.com/p/Cabc123/"


def test_stats_count_entries_towns_and_photographers(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "A1", username="a", town="Gotha")
    factories.make_entry(session, contest, "A2", username="a", town="Suhl")
    factories.make_entry(session, contest, "B1", username="b", town="Gotha")
    assert texts(page(client.get("/")), ".stats dd") == ["3", "2", "2"]


def test_empty_gallery_says_entries_appear_after_checking(client: TestClient, contest: Contest):
    soup = page(client.get("/"))
    assert texts(soup, ".empty-state__title") == ["Noch keine zugelassenen Beiträge."]
