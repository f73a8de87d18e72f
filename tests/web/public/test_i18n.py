"""Language choice (German default, English by ?lang=, cookie or browser) and locale formatting."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public import factories
from tests.web.public.soup import page, texts
from web import i18n
from web.i18n import make_i18n, negotiate, parse_accept_language, translations_for
from web.templating import templates


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "expected"),
    [
        (None, None, "", "de"),
        ("en", None, "", "en"),
        ("de", "en", "en-US", "de"),
        (None, "en", "de-DE", "en"),
        (None, None, "en-GB,en;q=0.9", "en"),
        (None, None, "fr-FR,en;q=0.5,de;q=0.7", "de"),
        (None, None, "fr-FR,en;q=0.5", "en"),
        (None, None, "fr, it", "de"),
        ("xx", "yy", "en;q=0", "de"),
        (None, None, "de-AT", "de"),
    ],
)
def test_negotiate(query: str | None, cookie: str | None, accept: str, expected: str):
    assert negotiate(query, cookie, accept).language == expected


def test_region_from_the_browser_shapes_dates_and_numbers():
    assert str(negotiate(None, None, "en-US").locale) == "en_US"
    assert str(negotiate(None, None, "en").locale) == "en_GB"
    assert str(negotiate("de", None, "de-CH, en").locale) == "de_CH"


def test_parse_accept_language_orders_by_quality_then_position():
    assert parse_accept_language("en;q=0.5, de-DE, fr;q=0.9") == [
        ("de", "DE"),
        ("fr", None),
        ("en", None),
    ]


@pytest.mark.parametrize(
    ("language", "expected_date", "expected_number"),
    [("de", "22. Juni 2025", "15.645"), ("en", "22 June 2025", "15,645")],
)
def test_dates_and_numbers_in_the_viewers_locale(
    language: str, expected_date: str, expected_number: str
):
    i18n = make_i18n(language)
    assert i18n.date(date(2025, 6, 22)) == expected_date
    assert i18n.number(15645) == expected_number


def test_datetimes_are_shown_in_german_time():
    late_utc = datetime(2025, 6, 22, 22, 30, tzinfo=UTC)  # 00:30 on 23 June in Berlin
    assert make_i18n("de").date(late_utc) == "23. Juni 2025"


def test_german_is_the_default_and_english_is_remembered(client: TestClient, contest: Contest):
    german = client.get("/")
    assert page(german).html["lang"] == "de"
    assert texts(page(german), ".main-nav a")[0] == "Galerie"

    english = client.get("/?lang=en")
    assert page(english).html["lang"] == "en"
    assert "lang=en" in english.headers["set-cookie"]
    assert "SameSite=Lax" in english.headers["set-cookie"]

    later = client.get("/towns")  # the client keeps the cookie
    assert texts(page(later), ".main-nav a")[:2] == ["Gallery", "Towns"]


def test_browser_language_is_used_without_a_choice(client: TestClient, contest: Contest):
    response = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert page(response).html["lang"] == "en"
    assert response.headers["content-language"] == "en"
    assert "Accept-Language" in response.headers["vary"]


def test_language_switch_keeps_the_current_view(client: TestClient, contest: Contest):
    soup = page(client.get("/?town=Gotha&sort=likes"))
    link = soup.select_one(".lang-switch a")
    assert link["href"] == "/?town=Gotha&sort=likes&lang=en"
    assert link["hreflang"] == "en"


def test_concurrent_requests_keep_their_own_language(
    client: TestClient, session: Session, contest: Contest
):
    factories.make_entry(session, contest, "C1")

    def fetch(language: str) -> tuple[str, str]:
        response = client.get("/", headers={"Accept-Language": language})
        return language, texts(page(response), ".main-nav a")[0]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(fetch, ["de", "en"] * 12))

    assert {language: label for language, label in results} == {"de": "Galerie", "en": "Gallery"}
    assert all(label == {"de": "Galerie", "en": "Gallery"}[lang] for lang, label in results)


def test_the_german_catalogue_loads():
    assert translations_for("de").gettext("Gallery") == "Galerie"
    assert translations_for("en").gettext("Gallery") == "Gallery"


def test_an_areas_own_catalogue_is_merged(tmp_path, monkeypatch):
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text('msgid "Gallery"\nmsgstr "Galerie"\n', encoding="utf-8")
    (folder / "admin.po").write_text('msgid "Review queue"\nmsgstr "Prüfliste"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    translations_for.cache_clear()
    try:
        german = translations_for("de")
        assert (german.gettext("Gallery"), german.gettext("Review queue")) == (
            "Galerie",
            "Prüfliste",
        )
    finally:
        monkeypatch.undo()
        translations_for.cache_clear()


def test_reinstalling_translations_on_the_environment_cannot_change_a_request(
    client: TestClient, contest: Contest
):
    environment = templates.env
    environment.install_null_translations(newstyle=True)  # as a careless test might
    try:
        assert texts(page(client.get("/")), ".main-nav a")[0] == "Galerie"
        assert texts(page(client.get("/?lang=en")), ".main-nav a")[0] == "Gallery"
    finally:
        i18n.install(environment)


def test_other_areas_read_the_language_code_from_the_request_state(app: FastAPI, contest: Contest):
    def probe(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.state.lang)

    app.add_api_route("/lang-probe-for-test", probe)
    with TestClient(app) as client:
        assert client.get("/lang-probe-for-test").text == "de"
        assert client.get("/lang-probe-for-test?lang=en").text == "en"
