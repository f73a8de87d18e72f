"""Verdicts on stored entries: recomputation, organiser overrides and their audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.errors import ConfigurationError, UserFacingError
from contest.models import AuditEvent
from ingest.verdicts import find_entry, override_verdict, recompute_verdicts
from rules.facts import SimilarPhoto
from tests.stored_entries import add_entry, make_contest


def audit(session: Session, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_recompute_writes_every_verdict_field(session: Session) -> None:
    contest = make_contest(session)
    good = add_entry(session, contest, "GOOD")
    small = add_entry(session, contest, "SMALL", photo={"width": 500})
    video = add_entry(session, contest, "VIDEO", is_video=True, typename="GraphVideo")
    erfurt = add_entry(
        session,
        contest,
        "ERFURT",
        username="bert",
        caption="Domplatz #ThüringenDownTown @downtownsnaps_th",
        hashtags=["thüringendowntown"],
        location_name="Domplatz Erfurt",
        location_lat=50.9775,
        location_lng=11.0237,
    )
    counts = recompute_verdicts(session, contest, {})
    assert counts == {"accepted": 1, "review": 1, "rejected": 2}
    assert (good.status, good.rules_status, good.reasons, good.town) == (
        "accepted",
        "accepted",
        [],
        "Gotha",
    )
    assert (small.status, small.reasons) == ("review", ["too_small"])
    assert small.reason_details["too_small"].startswith("500×1350 px")
    assert (video.status, video.reasons) == ("rejected", ["not_a_photo"])
    assert (erfurt.status, erfurt.reasons) == ("rejected", ["town_not_eligible"])
    assert (erfurt.town, erfurt.town_method) == ("Erfurt", "geotag_name")
    assert all(e.verdict_computed_at is not None for e in (good, small, video, erfurt))


def test_unreadable_first_photo(session: Session) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "BROKEN", photo={"unreadable_reason": "truncated JPEG"})
    recompute_verdicts(session, contest, {})
    assert entry.reasons == ["image_unreadable"]
    assert entry.reason_details == {"image_unreadable": "truncated JPEG"}


@pytest.mark.parametrize("typename", ["GraphSidecar", "GraphImage"])
def test_a_post_without_any_photo_goes_to_review(session: Session, typename: str) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "EMPTY", typename=typename)
    entry.photos.clear()
    session.flush()
    recompute_verdicts(session, contest, {})
    assert (entry.status, entry.reasons) == ("review", ["image_unreadable"])
    assert entry.reason_details == {"image_unreadable": "the post has no photo"}


def test_a_late_post_becomes_the_original(session: Session) -> None:
    contest = make_contest(session)
    stored = add_entry(session, contest, "STORED", posted=(2025, 5, 20, 12))
    recompute_verdicts(session, contest, {})
    assert stored.status == "accepted"
    late = add_entry(session, contest, "LATE", posted=(2025, 5, 19, 12))
    recompute_verdicts(session, contest, {"LATE": [SimilarPhoto("STORED", 3, False)]})
    assert (late.status, late.duplicate_of) == ("accepted", None)
    assert (stored.status, stored.reasons) == ("rejected", ["duplicate"])
    assert (stored.duplicate_of, stored.duplicate_distance) == ("LATE", 3)


def test_unchanged_verdicts_are_not_rewritten(session: Session) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "GOOD")
    recompute_verdicts(session, contest, {})
    first = entry.verdict_computed_at
    recompute_verdicts(session, contest, {})
    assert entry.verdict_computed_at == first


def test_a_changed_contest_file_changes_verdicts(session: Session) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "SMALL", photo={"width": 500})
    recompute_verdicts(session, contest, {})
    assert entry.status == "review"
    contest.rules_toml = contest.rules_toml.replace('too_small = "review"', 'too_small = "off"')
    recompute_verdicts(session, contest, {})
    assert (entry.status, entry.reasons) == ("accepted", [])


def test_invalid_stored_contest_file_is_a_clear_error(session: Session) -> None:
    contest = make_contest(session, toml='[contest]\nslug = "x"\nname = "X"\n[entries]\nfoo = 1\n')
    with pytest.raises(ConfigurationError, match=r"entries\.foo is not a known key"):
        recompute_verdicts(session, contest, {})


def test_override_survives_recomputation_and_is_audited(session: Session) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "SMALL", photo={"width": 500})
    recompute_verdicts(session, contest, {})
    override_verdict(session, entry, status="accepted", note="Print file received", actor="olga")
    assert (entry.status, entry.rules_status, entry.decided_by) == (
        "accepted",
        "review",
        "organiser",
    )
    assert (entry.override_note, entry.override_by) == ("Print file received", "olga")
    recompute_verdicts(session, contest, {})
    assert (entry.status, entry.reasons) == ("accepted", ["too_small"])
    [event] = audit(session, "entry.verdict.overridden")
    assert (event.actor, event.subject_type, event.subject_id) == ("olga", "entry", "SMALL")
    assert event.data["before"]["status"] == "review"
    assert event.data["after"]["status"] == "accepted"
    assert event.data["note"] == "Print file received"


def test_reject_override_beats_an_accepting_rule(session: Session) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "MONTAGE")
    recompute_verdicts(session, contest, {})
    override_verdict(session, entry, status="rejected", note="Photomontage", actor="olga")
    recompute_verdicts(session, contest, {})
    assert (entry.status, entry.rules_status) == ("rejected", "accepted")


def test_clearing_hands_the_entry_back_to_the_rules(session: Session) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "SMALL", photo={"width": 500})
    recompute_verdicts(session, contest, {})
    override_verdict(session, entry, status="accepted", note="ok", actor="olga")
    override_verdict(session, entry, status=None, note="changed my mind", actor="olga")
    assert (entry.status, entry.decided_by, entry.override_note) == ("review", "rules", None)
    [event] = audit(session, "entry.verdict.override_cleared")
    assert (event.data["before"]["status"], event.data["after"]["status"]) == ("accepted", "review")


@pytest.mark.parametrize(
    ("status", "note", "message"),
    [
        ("accepted", "  ", "needs a note"),
        ("review", "why", "'accepted' or 'rejected'"),
        (None, "", "has no organiser decision to clear"),
    ],
)
def test_bad_decisions_are_refused(session: Session, status, note, message) -> None:
    contest = make_contest(session)
    entry = add_entry(session, contest, "GOOD")
    with pytest.raises(UserFacingError, match=message):
        override_verdict(session, entry, status=status, note=note, actor="olga")
    assert audit(session, "entry.verdict.overridden") == []


@pytest.mark.parametrize(
    "written", ["ABC123", "https://www.instagram.com/p/ABC123/", "instagram.com/reel/ABC123"]
)
def test_find_entry_by_shortcode_or_link(session: Session, written: str) -> None:
    contest = make_contest(session)
    add_entry(session, contest, "ABC123")
    assert find_entry(session, contest, written).shortcode == "ABC123"


def test_find_entry_unknown(session: Session) -> None:
    contest = make_contest(session)
    with pytest.raises(UserFacingError, match="has no entry 'NOPE'"):
        find_entry(session, contest, "NOPE")
