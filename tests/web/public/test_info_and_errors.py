"""Terms, imprint and privacy pages, and the error pages."""

from __future__ import annotations

import types

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public.soup import page, texts
from web import public_info


def test_terms_summarise_the_contest_file(client: TestClient, contest: Contest):
    soup = page(client.get("/terms"))
    facts = dict(zip(texts(soup, ".facts dt"), texts(soup, ".facts dd"), strict=True))
    assert (
        facts["Teilnahmezeitraum"] == "5. Mai 2025, 00:00 bis 22. Juni 2025, 23:59 (deutsche Zeit)"
    )
    assert facts["Hashtag"] == "#thüringendowntown #thueringendowntown"
    assert facts["Wettbewerbskonto markieren"] == "@downtownsnaps_th"
    assert facts["Fotos pro Person"] == "bis zu 3 Fotos"
    assert "50 zugelassenen Beiträge" in facts["Wie die Gewinner ermittelt werden"]


def test_footer_links_terms_legal_pages_and_the_instagram_disclaimer(
    client: TestClient, contest: Contest
):
    soup = page(client.get("/"))
    assert [a["href"] for a in soup.select(".site-footer__links a")] == [
        "/terms",
        "/imprint",
        "/privacy",
    ]
    assert "keiner Verbindung zu Instagram" in texts(soup, ".site-footer .disclaimer")[0]


def test_imprint_is_filled_from_the_organisers_settings(client: TestClient, contest: Contest):
    soup = page(client.get("/imprint"))
    address = texts(soup, "address.organiser")[0]
    assert address.startswith("Bündnis Innenstädte mit Zukunft Musterstraße 1 99084 Erfurt")
    assert soup.select_one("address.organiser a")["href"] == "mailto:kontakt@example.org"


def test_privacy_says_what_why_and_how_long(client: TestClient, contest: Contest):
    soup = page(client.get("/privacy"))
    text = soup.select_one("main").get_text(" ")
    assert "datenschutz@example.org" in text
    assert "Instagram-Namen" in text  # what
    assert "Art. 6 Abs. 1 lit. b DSGVO" in text  # why
    assert "22. Juni 2026" in text  # how long: closing date plus 365 days


def test_error_page_in_english_on_request(client: TestClient, contest: Contest):
    response = client.get("/nowhere?lang=en")
    assert response.status_code == 404
    assert texts(page(response), "h1") == ["Page not found"]


def test_without_a_contest_pages_answer_503(client: TestClient, session: Session):
    response = client.get("/")
    assert response.status_code == 503
    assert texts(page(response), "h1") == ["Noch nicht verfügbar"]


def test_wrong_method_gets_a_styled_page(client: TestClient, contest: Contest):
    response = client.post("/towns")
    assert response.status_code == 405
    assert texts(page(response), ".error-page__code") == ["405"]


def test_forbidden_pages_of_other_areas_get_the_styled_page(app: FastAPI, contest: Contest):
    def forbidden() -> None:
        raise HTTPException(status_code=403)

    def moved() -> None:
        raise HTTPException(status_code=303, headers={"Location": "/login"})

    app.add_api_route("/forbidden-for-test", forbidden)
    app.add_api_route("/moved-for-test", moved)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/forbidden-for-test")
        redirect = client.get("/moved-for-test", follow_redirects=False)
    assert response.status_code == 403
    assert texts(page(response), "h1") == ["Kein Zugriff"]
    assert (redirect.status_code, redirect.headers["location"]) == (303, "/login")


@pytest.mark.parametrize(
    ("eligible", "expected"),
    [
        ({"eligible_population": (5000, 50000)}, "mit 5.000 bis 50.000 Einwohnerinnen"),
        ({"eligible_towns": ("Gotha", "Suhl")}, "Innenstädte dieser Orte: Gotha, Suhl."),
        ({}, "Innenstädte der Orte, die der Wettbewerb nennt."),
    ],
)
def test_terms_name_the_eligible_towns(
    client: TestClient, contest: Contest, monkeypatch: pytest.MonkeyPatch, eligible, expected
):
    rules = types.SimpleNamespace(**eligible)
    monkeypatch.setattr(public_info, "contest_rules", lambda _text: rules)
    facts = dict(
        zip(
            *(texts(page(client.get("/terms")), s) for s in (".facts dt", ".facts dd")), strict=True
        )
    )
    assert expected in facts["Welche Orte"]
