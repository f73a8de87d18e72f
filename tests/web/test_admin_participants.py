"""Data-protection requests from the entry page: the JSON access export and erasure."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contest.models import Entry, Participant, Tombstone
from contest.settings import Settings
from ingest.media_paths import derivative_path
from tests.web.admin_support import add_photo, html, make_entry, text_of
from tests.web.judging_support import JudgingScene, audit_rows, submit


def anna(session: Session, scene: JudgingScene, data_dir) -> Entry:
    entry = make_entry(session, scene.contest, username="anna.foto", status="accepted")
    add_photo(session, entry, data_dir)
    make_entry(session, scene.contest, username="anna.foto", status="review")
    return entry


def test_the_entry_page_offers_access_and_erasure(
    organiser_client: TestClient, session: Session, scene: JudgingScene, web_settings: Settings
) -> None:
    entry = anna(session, scene, web_settings.data_dir)
    page = html(organiser_client.get(f"/admin/entries/{entry.shortcode}"))
    links = {a.get_text(): a["href"] for a in page.select(".privacy-actions a")}
    assert links == {
        "Access request (JSON)": "/admin/participants/anna.foto/export.json",
        "Erase this participant's data": "/admin/participants/anna.foto/forget",
    }


def test_the_buttons_are_german_for_german_readers(
    organiser_client: TestClient, session: Session, scene: JudgingScene, web_settings: Settings
) -> None:
    entry = anna(session, scene, web_settings.data_dir)
    page = html(
        organiser_client.get(f"/admin/entries/{entry.shortcode}", headers={"accept-language": "de"})
    )
    labels = [a.get_text() for a in page.select(".privacy-actions a")]
    assert labels == ["Auskunft (JSON)", "Daten dieses Teilnehmers löschen"]


def test_the_access_export_is_a_json_download_and_audited(
    organiser_client: TestClient, session: Session, scene: JudgingScene, web_settings: Settings
) -> None:
    entry = anna(session, scene, web_settings.data_dir)
    response = organiser_client.get("/admin/participants/anna.foto/export.json")
    assert response.headers["content-type"].startswith("application/json")
    assert 'filename="anna.foto-data.json"' in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    document = json.loads(response.text)
    assert document["account"]["username"] == "anna.foto"
    assert entry.shortcode in response.text
    assert [event.actor for event in audit_rows(session, "participant.exported")] == ["olga"]


def test_erasure_shows_what_goes_and_waits_for_the_confirmation(
    organiser_client: TestClient, session: Session, scene: JudgingScene, web_settings: Settings
) -> None:
    entry = anna(session, scene, web_settings.data_dir)
    page = html(organiser_client.get("/admin/participants/anna.foto/forget"))
    assert "@anna.foto" in page.select_one("h1").get_text()
    assert entry.shortcode in page.select_one("table").get_text()
    assert "2 entries" in page.select_one("#goes-title").find_parent().get_text()
    refused = submit(organiser_client, "/admin/participants/anna.foto/forget", note="DS-1")
    assert refused.status_code == 400
    assert "Tick the box" in text_of(refused, ".notice-error")
    assert session.scalar(select(func.count(Entry.id))) == 2


def test_erasure_removes_rows_and_files_and_leaves_a_tombstone(
    organiser_client: TestClient, session: Session, scene: JudgingScene, web_settings: Settings
) -> None:
    entry = anna(session, scene, web_settings.data_dir)
    photo_file = derivative_path(web_settings.data_dir, entry.photos[0].sha256, 400)
    assert photo_file.exists()
    response = submit(
        organiser_client, "/admin/participants/anna.foto/forget", confirm="1", note="DS-2025-014"
    )
    assert response.headers["location"] == "/admin/entries?notice=forgotten"
    assert session.scalar(select(func.count(Entry.id))) == 0
    assert session.scalar(select(Participant).where(Participant.username == "anna.foto")) is None
    stone = session.scalar(select(Tombstone))
    assert (stone.by, stone.note) == ("olga", "DS-2025-014")
    assert not photo_file.exists(), "the photo goes once the request's transaction commits"
    (event,) = audit_rows(session, "participant.forgotten")
    assert "anna.foto" not in json.dumps(event.data)
    assert "erased" in text_of(organiser_client.get(response.headers["location"]), ".notice")


def test_a_note_that_names_the_account_is_refused(
    organiser_client: TestClient, session: Session, scene: JudgingScene, web_settings: Settings
) -> None:
    anna(session, scene, web_settings.data_dir)
    response = submit(
        organiser_client,
        "/admin/participants/anna.foto/forget",
        confirm="1",
        note="Anfrage von anna.foto",
    )
    assert response.status_code == 400
    assert "names the account" in text_of(response, ".notice-error")
    assert session.scalar(select(func.count(Entry.id))) == 2


def test_an_unknown_account_is_not_found(organiser_client: TestClient) -> None:
    assert organiser_client.get("/admin/participants/nobody.here/forget").status_code == 404
    assert organiser_client.get("/admin/participants/nobody.here/export.json").status_code == 404
