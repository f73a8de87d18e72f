"""Results: provisional and final rankings, publishing with a confirmation step, unpublishing
with a reason, the results CSV and the printable jury protocol."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import ResultPlace
from tests.web.admin_support import html, text_of
from tests.web.judging_support import JudgingScene, audit_rows, by_likes, submit


def finished(scene: JudgingScene, *, tie: bool = False) -> list:
    """A finalized single round over four entries (so it is the final)."""
    entries = scene.frozen(4)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.running(jurors)
    top = {entries[0].id, entries[1].id}
    scene.vote(round_, jurors, (lambda j, e: 5 if e.id in top else 1) if tie else by_likes)
    scene.finalized(round_)
    return entries


def test_without_rounds_the_page_says_where_results_come_from(
    organiser_client: TestClient,
) -> None:
    assert "No rounds yet" in text_of(organiser_client.get("/admin/results"), ".empty")


def test_a_running_final_shows_a_provisional_ranking(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(2)
    jurors = scene.jurors("jana", "olaf")
    scene.vote(scene.running(jurors), jurors, by_likes)
    page = html(organiser_client.get("/admin/results"))
    assert page.select_one("#publish-title").get_text() == "Provisional"
    assert "not finalized" in page.select_one(".publish-state").get_text()
    assert len(page.select("table.results tbody tr")) == 2
    assert not page.select("a[href='/admin/results/publish']")


def test_publishing_asks_first_then_shows_the_winners_publicly(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    entries = finished(scene)
    results = html(organiser_client.get("/admin/results"))
    assert results.select_one("#publish-title").get_text() == "Final, not published yet"
    confirm = organiser_client.get(results.select_one("a[href='/admin/results/publish']")["href"])
    listed = [a.get_text() for a in html(confirm).select("table.results tbody td a")]
    assert listed[0] == f"@{entries[0].participant.username}"
    assert scene.contest.results_published_at is None, "looking at the question publishes nothing"

    response = submit(organiser_client, "/admin/results/publish")
    assert response.headers["location"] == "/admin/results?notice=published"
    session.refresh(scene.contest)
    assert scene.contest.results_published_at is not None
    places = session.scalars(select(ResultPlace).order_by(ResultPlace.place)).all()
    assert [place.entry_id for place in places] == [entry.id for entry in entries]
    assert [event.actor for event in audit_rows(session, "results.published")] == ["olga"]
    winners = organiser_client.get("/winners").text
    assert f"@{entries[0].participant.username}" in winners


def test_an_open_tie_at_the_prize_places_blocks_publishing(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    finished(scene, tie=True)
    page = html(organiser_client.get("/admin/results"))
    assert page.select_one(".tie-alert a")["href"].endswith("/standings")
    assert not page.select("a[href='/admin/results/publish']")
    response = submit(organiser_client, "/admin/results/publish")
    assert response.status_code == 409
    assert "tied" in text_of(response, ".notice-error")
    session.refresh(scene.contest)
    assert scene.contest.results_published_at is None


def test_unpublishing_needs_a_reason(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    finished(scene)
    scene.org.publish()
    page = html(organiser_client.get("/admin/results"))
    assert page.select_one("a[href='/admin/results/unpublish']") is not None
    refused = submit(organiser_client, "/admin/results/unpublish", reason="  ")
    assert refused.status_code == 400
    assert "say why" in text_of(refused, ".notice-error")
    submit(
        organiser_client, "/admin/results/unpublish", reason="Platz 2 nachträglich disqualifiziert"
    )
    session.refresh(scene.contest)
    assert scene.contest.results_published_at is None
    (event,) = audit_rows(session, "results.unpublished")
    assert event.data["reason"] == "Platz 2 nachträglich disqualifiziert"


def read_csv(response) -> list[dict[str, str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_results_csv_names_jurors_only_when_asked(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    entries = finished(scene)
    anonymous = organiser_client.get("/admin/exports/results.csv")
    assert anonymous.headers["content-type"].startswith("text/csv")
    rows = read_csv(anonymous)
    assert [row["shortcode"] for row in rows] == [entry.shortcode for entry in entries]
    assert {"juror A", "juror B"} <= set(rows[0]) and "juror jana" not in rows[0]
    named = read_csv(organiser_client.get("/admin/exports/results.csv?named=1"))
    assert {"juror jana", "juror olaf"} <= set(named[0])
    events = audit_rows(session, "export.results.downloaded")
    assert [event.data["named_jurors"] for event in events] == [False, True]


def test_results_csv_waits_for_the_final_round(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(2)
    scene.running(scene.jurors("jana", "olaf"))
    response = organiser_client.get("/admin/exports/results.csv")
    assert response.status_code == 409
    assert "not finalized" in text_of(response, ".notice-error")


def test_the_protocol_prints_under_a_policy_that_allows_only_its_own_styles(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    finished(scene)
    response = organiser_client.get("/admin/exports/protocol.html?print=1")
    assert response.status_code == 200
    assert "<h1>Juryprotokoll</h1>" in response.text
    assert '<script src="/static/print.js" defer></script>' in response.text
    style = re.search(r"<style>(.*?)</style>", response.text, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = response.headers["content-security-policy"]
    assert f"style-src 'sha256-{digest}'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert " style=" not in response.text, "no style attribute would pass the policy"
    assert organiser_client.get("/static/print.js").status_code == 200
    plain = organiser_client.get("/admin/exports/protocol.html")
    assert "print.js" not in plain.text
    assert [
        event.data["named_jurors"] for event in audit_rows(session, "export.protocol.viewed")
    ] == [
        False,
        False,
    ]


def test_the_protocol_names_jurors_only_when_asked(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    finished(scene)
    assert "jana" not in organiser_client.get("/admin/exports/protocol.html").text
    assert "jana" in organiser_client.get("/admin/exports/protocol.html?named=1").text
