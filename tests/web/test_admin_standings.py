"""A round's standings: ties shown first and decided with a note, every juror's scores."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Entry, Round, TieDecision, User
from tests.web.admin_support import html, text_of
from tests.web.judging_support import JudgingScene, audit_rows, submit


def tied_final(scene: JudgingScene) -> tuple[Round, list[Entry], list[User]]:
    """One closed round (so it is the final): the two most liked entries tie on top."""
    entries = scene.frozen(4)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.running(jurors, quorum=2)
    top = {entries[0].id, entries[1].id}
    scene.vote(round_, jurors, lambda juror, entry: 5 if entry.id in top else 2 + entry.id % 2)
    scene.org.close_round(round_)
    return round_, entries, jurors


def test_a_tie_at_the_prize_places_is_shown_first_with_both_photos(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    round_, entries, _ = tied_final(scene)
    page = html(organiser_client.get(f"/admin/rounds/{round_.id}/standings"))
    tie = page.select_one(".ties .tie-open")
    assert "Places 1 to 2" in tie.select_one("h3").get_text()
    assert {code.get_text() for code in tie.select(".tie-entry code")} == {
        entries[0].shortcode,
        entries[1].shortcode,
    }
    assert len(tie.select(".tie-entry img")) == 2
    first_rows = page.select("table.standings tbody tr")[:2]
    assert all("tied" in row["class"] for row in first_rows)
    assert [row.select_one("td").get_text() for row in first_rows] == ["1=", "1="]


def test_deciding_a_tie_records_the_order_and_the_note(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    round_, entries, _ = tied_final(scene)
    a, b = entries[0].shortcode, entries[1].shortcode
    response = submit(
        organiser_client,
        f"/admin/rounds/{round_.id}/ties",
        members=f"{a},{b}",
        **{f"place_{a}": "2", f"place_{b}": "1"},
        note="Jury stimmt 2:0 für das zweite Foto",
    )
    assert response.headers["location"] == f"/admin/rounds/{round_.id}/standings?notice=tie"
    decision = session.scalar(select(TieDecision))
    assert decision.entry_ids == [entries[1].id, entries[0].id]
    assert decision.decided_by == "olga"
    (event,) = audit_rows(session, "tie.decided")
    assert (event.data["order"], event.data["note"]) == (
        [b, a],
        "Jury stimmt 2:0 für das zweite Foto",
    )
    page = html(organiser_client.get(response.headers["location"]))
    assert not page.select(".tie-open")
    assert "Jury stimmt 2:0" in page.select_one(".decided-ties").get_text()
    assert [
        row.select_one("td").get_text() for row in page.select("table.standings tbody tr")[:2]
    ] == [
        "1",
        "2",
    ]


def test_a_tie_order_gives_every_entry_its_own_place(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    round_, entries, _ = tied_final(scene)
    a, b = entries[0].shortcode, entries[1].shortcode
    response = submit(
        organiser_client,
        f"/admin/rounds/{round_.id}/ties",
        members=f"{a},{b}",
        **{f"place_{a}": "1", f"place_{b}": "1"},
        note="egal",
    )
    assert response.status_code == 400
    assert "different place" in text_of(response, ".notice-error")
    assert session.scalar(select(TieDecision)) is None


def test_a_tie_decision_needs_a_note(organiser_client: TestClient, scene: JudgingScene) -> None:
    round_, entries, _ = tied_final(scene)
    a, b = entries[0].shortcode, entries[1].shortcode
    response = submit(
        organiser_client,
        f"/admin/rounds/{round_.id}/ties",
        members=f"{a},{b}",
        **{f"place_{a}": "1", f"place_{b}": "2"},
        note="",
    )
    assert response.status_code == 400
    assert "needs a note" in text_of(response, ".notice-error")


def test_ties_of_a_running_round_are_shown_but_not_decided(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(3)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.running(jurors)
    scene.vote(round_, jurors, lambda juror, entry: 3)
    page = html(organiser_client.get(f"/admin/rounds/{round_.id}/standings"))
    assert "still running" in page.select_one(".notice").get_text()
    assert page.select_one(".tie-open") is not None
    assert not page.select("form.tie-form")
    assert "Close the round" in page.select_one(".tie-open").get_text()


def test_every_jurors_score_is_shown_per_entry(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    entries = scene.frozen(2)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.running(jurors)
    scene.vote(round_, jurors, lambda juror, entry: 5 if juror.username == "jana" else 1)
    page = html(organiser_client.get(f"/admin/rounds/{round_.id}/standings"))
    headers = [th.get_text() for th in page.select("table.standings thead th.juror-col")]
    assert headers == ["jana", "olaf"]
    first = page.select("table.standings tbody tr")[0]
    assert [td.get_text() for td in first.select("td.juror-col")] == ["5.0", "1.0"]
    assert entries[0].shortcode in page.select_one("table.standings").get_text()
