"""How the jury area answers refusals, and that other areas keep their own answers."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from contest.settings import Settings
from judging.errors import NotAllowedNow, NotFound
from tests.web.admin_support import html
from tests.web.jury.support import JuryWorld, as_juror
from web.app import create_app


def test_scripts_get_json_not_pages(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    response = client.get("/jury/tasks/2147483647", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_the_404_page_is_german_by_default(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    response = client.get("/jury/tasks/2147483647", headers={"accept-language": "de"})
    page = html(response)
    assert page.select_one("h1").get_text(strip=True) == "Nicht gefunden"
    assert page.find("a", string="Zu meinen Runden")["href"] == "/jury"


def test_other_areas_keep_their_answers(web_settings: Settings, engine: Engine) -> None:
    app: FastAPI = create_app(web_settings)

    @app.get("/elsewhere")
    def elsewhere() -> None:
        raise NotFound("No such round in this contest.")

    @app.get("/elsewhere/refused")
    def refused() -> None:
        raise NotAllowedNow("Round 'Vorrunde' is closed.")

    with TestClient(app, headers={"accept": "text/html", "accept-language": "en"}) as client:
        for path in ("/elsewhere", "/elsewhere/refused"):
            response = client.get(path)
            assert response.status_code == 409  # the accounts area's answer to service errors
            assert "Something needs attention" in response.text
    app.state.engine.dispose()
