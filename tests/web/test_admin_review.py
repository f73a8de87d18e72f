"""The review queue and organiser decisions (accept, reject, back to the rules)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import AuditEvent, Contest, Entry
from contest.settings import Settings
from tests.web.admin_support import (
    add_photo,
    html,
    make_contest,
    make_entry,
    make_user,
    sign_in,
    text_of,
)


@pytest.fixture
def contest(session: Session) -> Contest:
    return make_contest(session)


@pytest.fixture
def console(client: TestClient, session: Session, contest: Contest) -> TestClient:
    sign_in(client, make_user(session, "olga", "organiser"))
    return client


def review_entry(session: Session, contest: Contest, **fields) -> Entry:
    fields.setdefault("reasons", ["town_ambiguous"])
    return make_entry(session, contest, status="review", rules_status="review", **fields)


def test_queue_lists_only_entries_to_review_oldest_first(
    console: TestClient, session: Session, contest: Contest
) -> None:
    later = review_entry(session, contest, username="later")
    make_entry(session, contest, username="fine", status="accepted")
    earlier = review_entry(session, contest, username="earlier")
    earlier.posted_at = later.posted_at.replace(year=2024)
    page = html(console.get("/admin/review"))
    headings = [h.get_text(" ", strip=True) for h in page.select(".review-item h2 a")]
    assert headings == ["@earlier", "@later"]
    assert "2 entries to review" in page.select_one(".count").get_text()


def test_reasons_are_explained_in_plain_words(
    console: TestClient, session: Session, contest: Contest
) -> None:
    review_entry(
        session,
        contest,
        reasons=["town_ambiguous", "retired_code"],
        reason_details={"town_ambiguous": "caption names 'Altstadt' only"},
    )
    items = html(console.get("/admin/review")).select(".reasons li")
    assert items[0].select_one(".reason-title").get_text() == "Town unclear"
    assert "caption names 'Altstadt' only" in items[0].select_one(".reason-detail").get_text()
    assert items[0].select_one(".reason-explanation").get_text().strip()
    assert items[1].select_one(".reason-title").get_text() == "retired_code", "unknown codes stay"


def test_reasons_are_in_german_for_german_readers(
    console: TestClient, session: Session, contest: Contest
) -> None:
    review_entry(session, contest, reasons=["town_unknown"])
    page = html(console.get("/admin/review", headers={"accept-language": "de"}))
    assert page.select_one(".reasons .reason-title").get_text() == "Ort nicht erkannt"


def test_duplicates_are_shown_side_by_side_with_their_distance(
    console: TestClient, session: Session, contest: Contest, web_settings: Settings
) -> None:
    original = make_entry(session, contest, username="first", status="accepted")
    add_photo(session, original, web_settings.data_dir)
    copy = review_entry(
        session,
        contest,
        username="copier",
        reasons=["possible_duplicate"],
        duplicate_of=original.shortcode,
        duplicate_distance=6,
    )
    add_photo(session, copy, web_settings.data_dir, colour="#aa0000")
    item = html(console.get("/admin/review?duplicates=1")).select_one(".review-item")
    figures = item.select(".side-by-side figure")
    assert len(figures) == 2
    assert [f.img["src"] for f in figures] == [
        f"/media/400/{copy.photos[0].sha256}.webp",
        f"/media/400/{original.photos[0].sha256}.webp",
    ]
    assert "@first" in figures[1].figcaption.get_text()
    assert "Image distance: 6" in item.select_one(".distance").get_text()


def test_only_duplicates_filter(console: TestClient, session: Session, contest: Contest) -> None:
    review_entry(session, contest, username="plain")
    review_entry(session, contest, username="twin", duplicate_of="Other1", duplicate_distance=3)
    page = html(console.get("/admin/review?duplicates=1"))
    assert [a.get_text() for a in page.select(".review-item h2 a")] == ["@twin"]


def test_accepting_records_the_decision_and_returns_to_the_queue(
    console: TestClient, session: Session, contest: Contest
) -> None:
    entry = review_entry(session, contest)
    form = html(console.get("/admin/review")).select_one("form.decision")
    response = console.post(
        form["action"],
        data={
            "csrf_token": form.select_one("[name=csrf_token]")["value"],
            "return_to": form.select_one("[name=return_to]")["value"],
            "note": "Marktplatz Gotha clearly visible",
            "decision": "accepted",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/admin/review?")
    assert "notice=accepted" in response.headers["location"]
    session.refresh(entry)
    assert (entry.status, entry.override_by) == ("accepted", "olga")
    queue = console.get(response.headers["location"])
    assert "The entry is accepted." in text_of(queue, ".notice")
    assert not html(queue).select(".review-item")
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "entry.verdict.overridden")
    ).all()
    assert len(events) == 1, "the decision is audited once, by the service"
    assert events[0].data["note"] == "Marktplatz Gotha clearly visible"
    assert (events[0].actor, events[0].subject_id) == ("olga", entry.shortcode)


def test_a_decision_needs_a_note(console: TestClient, session: Session, contest: Contest) -> None:
    entry = review_entry(session, contest)
    token = html(console.get("/admin/review")).select_one("[name=csrf_token]")["value"]
    response = console.post(
        f"/admin/entries/{entry.shortcode}/decision",
        data={"csrf_token": token, "decision": "rejected", "note": " "},
    )
    assert response.status_code == 400
    assert "short note" in text_of(response, ".notice-error")
    session.refresh(entry)
    assert entry.status == "review"


def test_an_override_can_be_handed_back_to_the_rules(
    console: TestClient, session: Session, contest: Contest
) -> None:
    entry = make_entry(
        session,
        contest,
        status="rejected",
        rules_status="review",
        override_status="rejected",
        override_by="olga",
        override_note="blurry",
    )
    page = html(console.get(f"/admin/entries/{entry.shortcode}"))
    assert page.select_one("button[value=rules]") is not None
    console.post(
        f"/admin/entries/{entry.shortcode}/decision",
        data={"csrf_token": page.select_one("[name=csrf_token]")["value"], "decision": "rules"},
    )
    session.refresh(entry)
    assert (entry.status, entry.override_status) == ("review", None)
    cleared = session.scalars(
        select(AuditEvent.actor).where(AuditEvent.action == "entry.verdict.override_cleared")
    ).all()
    assert cleared == ["olga"]


def test_return_to_cannot_leave_the_site(
    console: TestClient, session: Session, contest: Contest
) -> None:
    entry = review_entry(session, contest)
    token = html(console.get("/admin/review")).select_one("[name=csrf_token]")["value"]
    response = console.post(
        f"/admin/entries/{entry.shortcode}/decision",
        data={
            "csrf_token": token,
            "decision": "accepted",
            "note": "fine",
            "return_to": "https://evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/admin/entries/{entry.shortcode}?notice=accepted"


def test_handing_back_without_a_decision_is_refused_in_words(
    console: TestClient, session: Session, contest: Contest
) -> None:
    entry = review_entry(session, contest)
    token = html(console.get("/admin/review")).select_one("[name=csrf_token]")["value"]
    response = console.post(
        f"/admin/entries/{entry.shortcode}/decision",
        data={"csrf_token": token, "decision": "rules"},
    )
    assert response.status_code == 400
    assert "no organiser decision to clear" in text_of(response, ".notice-error")
    assert not session.scalars(select(AuditEvent).where(AuditEvent.action.like("entry.%"))).all()
