"""`/towns` (map and bar list) and `/winners` (before and after publication)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Contest, ResultPlace
from tests.web.public import factories
from tests.web.public.soup import page, texts


def test_town_list_counts_accepted_entries_and_links_the_gallery(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "G1", town="Gotha")
    factories.make_entry(session, contest, "G2", town="Gotha")
    factories.make_entry(session, contest, "S1", town="Suhl")
    factories.make_entry(session, contest, "S2", town="Suhl", status="rejected")

    soup = page(client.get("/towns"))

    assert texts(soup, ".town-list__name") == ["Gotha", "Suhl"]
    assert texts(soup, ".town-list__count") == ["2 Beiträge", "1 Beitrag"]
    assert soup.select_one(".town-list a")["href"] == "/?town=Gotha"


def test_map_marks_towns_with_entries_from_the_gazetteer(
    client: TestClient, session: Session, contest: Contest, fake_rules: None
):
    factories.make_entry(session, contest, "G1", town="Gotha")
    soup = page(client.get("/towns"))
    svg = soup.select_one(".town-map svg")
    assert svg["role"] == "img"
    assert svg.select_one(".town-map__land")["d"].startswith("M")
    assert [c.title.get_text() for c in svg.select(".town-map__entries")] == ["Gotha: 1"]
    assert len(svg.select(".town-map__town")) == 27  # the other gazetteer towns
    assert "http" not in str(svg).replace("http://www.w3.org", "")  # no tiles, no remote images


def test_without_a_gazetteer_the_page_keeps_the_list(
    client: TestClient, session: Session, contest: Contest, no_gazetteer: None
):
    factories.make_entry(session, contest, "G1", town="Gotha")
    soup = page(client.get("/towns"))
    assert soup.select(".town-map") == []
    assert texts(soup, ".town-list__name") == ["Gotha"]


def test_winners_before_publication_say_when_and_hide_places(
    client: TestClient, session: Session, contest: Contest
):
    entry = factories.make_entry(session, contest, "WIN")
    session.add(ResultPlace(contest_id=contest.id, entry_id=entry.id, place=1))
    session.flush()

    soup = page(client.get("/winners"))

    assert soup.select(".winner") == []
    notice = " ".join(texts(soup, ".notice p"))
    assert "noch nicht veröffentlicht" in notice
    assert "22. Juni 2025" in notice  # the contest file's closing date, in German


def test_published_winners_in_place_order_with_credits(
    client: TestClient, session: Session, contest: Contest
):
    entries = [
        factories.make_entry(session, contest, f"W{n}", username=f"user{n}", town=town)
        for n, town in enumerate(["Gotha", "Meiningen", "Zeulenroda-Triebes", "Ilmenau"])
    ]
    factories.publish_results(session, contest, entries)

    soup = page(client.get("/winners"))

    assert texts(soup, ".winner__town") == ["Gotha", "Meiningen", "Zeulenroda-Triebes", "Ilmenau"]
    assert texts(soup, ".winner__place") == ["1 Platz 1", "2 Platz 2", "3 Platz 3", "4 Platz 4"]
    assert soup.select_one(".winner .credit")["href"] == "https://www.instagram.com/p/W0/"
    assert soup.select_one(".winners__more")["start"] == "4"
