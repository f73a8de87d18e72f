"""Right of access: the export holds everything about the account and nobody else's identity."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import AuditEvent
from contest.settings import Settings
from privacy import export_participant
from tests.privacy.world import OTHER, TARGET, World


def export(session: Session, settings: Settings, username: str = TARGET) -> dict:
    return export_participant(session, settings, username, actor="orga")


def test_export_holds_her_entries_with_photos_likes_votes_and_places(
    session: Session, settings: Settings, world: World
) -> None:
    document = export(session, settings)
    (contest,) = document["contests"]
    participant = contest["participant"]
    assert participant["username"] == TARGET
    entries = {entry["shortcode"]: entry for entry in participant["entries"]}
    assert sorted(entries) == world.anna_shortcodes
    first = entries["AnnaPost01x"]
    assert first["caption"].endswith(f"@{TARGET}")
    assert [reading["likes"] for reading in first["like_readings"]] == [3, 10, 25]
    assert len(first["photos"]) == 1 and len(first["photos"][0]["sha256"]) == 64
    assert first["votes"][0]["value"] == {"stars": 5}
    assert first["result_places"][0]["place"] == 1
    assert first["shortlist_items"][0]["rank"] == 5
    assert first["status"] == "accepted" and "reasons" in first
    assert [photo["position"] for photo in entries["AnnaPost02y"]["photos"]] == [0, 1]
    assert [(r["name"], r["method"]) for r in document["rounds"]] == [("Runde 1", "rating")]


def test_export_is_plain_json(session: Session, settings: Settings, world: World) -> None:
    document = export(session, settings)
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


def test_jurors_appear_only_as_pseudonyms(
    session: Session, settings: Settings, world: World
) -> None:
    text = json.dumps(export(session, settings), ensure_ascii=False)
    assert "jury.klara" not in text and "Jury.Klara" not in text
    assert '"juror 1"' in text


def test_other_participants_data_is_not_in_her_export(
    session: Session, settings: Settings, world: World
) -> None:
    document = export(session, settings)
    entries = document["contests"][0]["participant"]["entries"]
    assert "BerndPost01" not in [entry["shortcode"] for entry in entries]
    assert OTHER not in json.dumps(document["contests"], ensure_ascii=False)


def test_where_else_she_is_named_is_listed(
    session: Session, settings: Settings, world: World
) -> None:
    document = export(session, settings)
    places = {(m["table"], m["column"]) for m in document["mentions_elsewhere"]}
    assert ("entries", "caption") in places  # Bernd's caption names her
    assert ("entries", "duplicate_of") in places
    assert ("ingest_runs", "error_details") in places
    assert ("juror_conflicts", "value") in places
    actions = [event["action"] for event in document["audit_events"]]
    assert "entry.verdict.overridden" in actions
    assert "vote.cast" in actions
    assert "contest.rules.updated" not in actions
    vote_actors = {e["actor"] for e in document["audit_events"] if e["action"] == "vote.cast"}
    assert vote_actors == {"juror 1"}


def test_export_says_how_long_data_is_kept(
    session: Session, settings: Settings, world: World
) -> None:
    document = export(session, settings)
    retention = document["contests"][0]["retention"]
    assert retention["retention_days"] > 0
    assert retention["non_winning_entries_deleted_after"] > retention["contest_closes_at"]
    assert set(document["explanation"]) == {"de", "en"}


def test_export_is_recorded_without_the_name(
    session: Session, settings: Settings, world: World
) -> None:
    export(session, settings)
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "participant.exported")
    ).one()
    assert event.actor == "orga"
    assert TARGET not in json.dumps(event.data) + (event.subject_id or "")
