"""The shortlist page: preview, freeze, wildcards, removals, like histories and spike flags."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.judging.factories import FREEZE
from tests.web.admin_support import html, text_of
from tests.web.judging_support import JudgingScene, audit_rows, submit


def usernames(response) -> list[str]:
    return [
        a.get_text() for a in html(response).select("table.shortlist tbody td:nth-of-type(3) a")
    ]


def test_before_the_freeze_the_page_previews_the_most_liked(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    entries = scene.entries(3)
    response = organiser_client.get("/admin/shortlist")
    page = html(response)
    assert "Not frozen yet" in page.select_one("#state-title").get_text()
    assert usernames(response) == [f"@{e.participant.username}" for e in entries]
    assert page.select_one("form[action='/admin/shortlist/freeze'] button") is not None
    assert not page.select("form[action$='/remove']"), "a preview cannot be changed"
    chart = page.select_one("td.sparkline svg")
    assert chart["role"] == "img" and chart["aria-label"] == "Like history"
    assert chart.select_one("polyline")["points"]


def test_the_like_history_label_is_german_for_german_readers(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.entries(1)
    page = html(organiser_client.get("/admin/shortlist", headers={"accept-language": "de"}))
    assert page.select_one("td.sparkline svg")["aria-label"] == "Like-Verlauf"


def test_freezing_is_audited_once_and_opens_wildcards_and_removals(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.entries(3)
    response = submit(organiser_client, "/admin/shortlist/freeze")
    assert response.headers["location"] == "/admin/shortlist?notice=frozen"
    session.refresh(scene.contest)
    assert scene.contest.shortlist_frozen_at is not None
    assert [event.actor for event in audit_rows(session, "shortlist.frozen")] == ["olga"]
    page = organiser_client.get(response.headers["location"])
    assert "frozen" in text_of(page, ".notice")
    assert len(html(page).select("form[action$='/remove']")) == 3
    assert html(page).select_one("form[action='/admin/shortlist/wildcards']") is not None
    assert html(page).select_one("form[action='/admin/shortlist/freeze']") is None


def test_freezing_twice_is_refused_in_words(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(2)
    response = submit(organiser_client, "/admin/shortlist/freeze")
    assert response.status_code == 409
    assert "frozen already" in text_of(response, ".notice-error")


def test_a_wildcard_needs_a_note_then_joins_the_list(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.frozen(2)
    (late,) = scene.entries(1, top_likes=5)
    page = html(organiser_client.get("/admin/shortlist"))
    offered = [o["value"] for o in page.select("#wildcard-candidates option")]
    assert offered == [late.shortcode]

    refused = submit(organiser_client, "/admin/shortlist/wildcards", shortcode=late.shortcode)
    assert refused.status_code == 400
    assert "needs a note" in text_of(refused, ".notice-error")
    assert html(refused).select_one("#wildcard-shortcode")["value"] == late.shortcode

    added = submit(
        organiser_client,
        "/admin/shortlist/wildcards",
        shortcode=late.shortcode,
        note="Favorit der Jury",
    )
    assert added.status_code == 303
    row = html(organiser_client.get("/admin/shortlist")).select("table.shortlist tbody tr")[-1]
    assert late.shortcode in row.get_text()
    assert "jury wildcard" in row.get_text() and "Favorit der Jury" in row.get_text()
    (event,) = audit_rows(session, "shortlist.wildcard.added")
    assert (event.actor, event.data["note"]) == ("olga", "Favorit der Jury")


def test_an_entry_is_taken_off_with_a_note(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    first, second = scene.frozen(2)
    response = submit(
        organiser_client, f"/admin/shortlist/{first.shortcode}/remove", note="disqualifiziert"
    )
    assert response.headers["location"] == "/admin/shortlist?notice=removed"
    assert usernames(organiser_client.get("/admin/shortlist")) == [
        f"@{second.participant.username}"
    ]
    (event,) = audit_rows(session, "shortlist.entry.removed")
    assert (event.subject_id, event.data["note"]) == (first.shortcode, "disqualifiziert")


def test_removing_an_entry_that_is_not_listed_says_so(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(1)
    response = submit(organiser_client, "/admin/shortlist/NOPE123/remove", note="x")
    assert response.status_code == 400
    assert "NOPE123" in text_of(response, ".notice-error")


def test_a_like_jump_is_flagged_with_its_numbers(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.entries(3)
    jumpy = scene.factory.entry(
        likes=700,
        readings=[
            (FREEZE - timedelta(days=3), 10),
            (FREEZE - timedelta(days=2), 20),
            (FREEZE - timedelta(days=1), 30),
            (FREEZE - timedelta(hours=23), 700),
        ],
    )
    page = html(organiser_client.get("/admin/shortlist"))
    flagged = page.select("table.shortlist tr.flagged")
    assert len(flagged) == 1 and jumpy.shortcode in flagged[0].get_text()
    assert "+670 likes" in flagged[0].select_one(".spike").get_text()
    assert "1 entry flagged" in page.select_one("dl.facts").get_text()
