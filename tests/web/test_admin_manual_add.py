"""Adding a missed post by hand, and downloading the entries export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.models import AuditEvent, Contest, Entry, Participant
from tests.web.admin_support import (
    csrf_from,
    html,
    jpeg_bytes,
    make_contest,
    make_entry,
    make_user,
    sign_in,
    text_of,
)
from web.admin import adapters, exports


@pytest.fixture
def contest(session: Session) -> Contest:
    return make_contest(session)


@pytest.fixture
def console(client: TestClient, session: Session, contest: Contest) -> TestClient:
    sign_in(client, make_user(session, "olga", "organiser"))
    return client


@pytest.fixture
def received(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """A stand-in for the ingestion module's `add_manual_post` that records its calls."""
    calls: list[dict] = []

    def add_manual_post(session, settings, contest, **post):
        calls.append(post)
        participant = Participant(contest_id=contest.id, username=post["username"])
        entry = Entry(
            contest_id=contest.id,
            participant=participant,
            shortcode=post["shortcode"],
            posted_at=post["posted_at"],
            caption=post["caption"],
            source="manual",
        )
        session.add(entry)
        session.flush()
        log_action(session, "entry.added.manual", actor=post["actor"], contest_id=contest.id)
        return entry

    monkeypatch.setattr(adapters, "_add_manual_post", add_manual_post)
    return calls


def submit(console: TestClient, image: bytes | None = None, **fields: str):
    data = {
        "csrf_token": csrf_from(console),
        "post": "https://www.instagram.com/p/C9xYz123AbC/",
        "username": "anna.foto",
        "posted_at": "2025-05-17T14:30",
        "caption": "Markt #ThüringenDownTown",
        "likes": "5",
        **fields,
    }
    files = {"image": ("photo.jpg", jpeg_bytes() if image is None else image, "image/jpeg")}
    return console.post("/admin/manual-add", data=data, files=files, follow_redirects=False)


def test_the_form_is_labelled_and_accepts_photos(console: TestClient) -> None:
    page = html(console.get("/admin/manual-add"))
    form = page.select_one("form[enctype='multipart/form-data']")
    for field in form.select("input:not([type=hidden]), textarea"):
        assert page.select_one(f"label[for={field['id']}]") is not None
    assert "image/jpeg" in form.select_one("input[type=file]")["accept"]


def test_a_missed_post_is_added_and_opened(
    console: TestClient, session: Session, received: list[dict]
) -> None:
    response = submit(console)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/entries/C9xYz123AbC?notice=added"
    call = received[0]
    assert call["posted_at"] == datetime(2025, 5, 17, 12, 30, tzinfo=UTC)
    assert (call["shortcode"], call["username"], call["likes"], call["actor"]) == (
        "C9xYz123AbC",
        "anna.foto",
        5,
        "olga",
    )
    assert call["image_bytes"].startswith(b"\xff\xd8")
    assert "The post was added." in text_of(console.get(response.headers["location"]), ".notice")


def test_mistakes_are_shown_next_to_their_fields_and_input_is_kept(
    console: TestClient, received: list[dict]
) -> None:
    response = submit(console, image=b"not an image", username="anna foto")
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("#username")["aria-invalid"] == "true"
    assert "username-error" in page.select_one("#username")["aria-describedby"]
    assert "readable photo" in page.select_one("#image-error").get_text()
    assert page.select_one("#caption").get_text() == "Markt #ThüringenDownTown"
    assert received == []


def test_a_post_that_is_already_an_entry_is_not_added_twice(
    console: TestClient, session: Session, contest: Contest, received: list[dict]
) -> None:
    make_entry(session, contest, shortcode="C9xYz123AbC")
    page = html(submit(console))
    assert "already an entry" in page.select_one("#post-error").get_text()
    assert page.select_one("a[href='/admin/entries/C9xYz123AbC']") is not None
    assert received == []


def test_an_oversized_upload_is_refused_with_the_limit(console: TestClient) -> None:
    response = submit(console, image=b"\xff\xd8" + b"0" * (22 * 1024 * 1024))
    assert response.status_code == 413
    assert "20 MB" in response.text


def test_without_the_ingestion_module_the_form_says_so(
    console: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adapters, "_add_manual_post", None)
    response = submit(console)
    assert response.status_code == 400
    assert "not available" in text_of(response, ".notice-error")
    assert session.scalar(select(Entry)) is None


def test_entries_export_is_a_safe_utf8_csv_and_audited(
    console: TestClient, session: Session, contest: Contest, monkeypatch: pytest.MonkeyPatch
) -> None:
    def entry_rows(session, contest, status=None):
        assert status == "accepted"
        return [
            {"shortcode": "C1", "username": "jörg", "caption": '=HYPERLINK("x")', "likes": 3},
            {"shortcode": "C2", "username": "anna", "caption": "-5 Grad", "likes": 0},
        ]

    monkeypatch.setattr(adapters, "_entry_rows", entry_rows)
    response = console.get("/admin/exports/entries.csv?status=accepted")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "downtown-snaps-2025-entries-accepted.csv" in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["username"] == "jörg"
    assert rows[0]["caption"] == '\'=HYPERLINK("x")'
    assert rows[1]["caption"] == "'-5 Grad"
    assert rows[0]["likes"] == "3"
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.action == "export.entries.downloaded")
    )
    assert event.data == {"status": "accepted", "rows": 2}


def test_export_without_the_rules_module_says_so(
    console: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adapters, "_entry_rows", None)
    response = console.get("/admin/exports/entries.csv")
    assert response.status_code == 503
    assert "not available" in text_of(response, ".notice-error")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 361", "'+49 361"),
        ("@mention", "'@mention"),
        ("Marktplatz", "Marktplatz"),
        (-5, "-5"),
        (None, ""),
        (True, "true"),
        (["a", "b"], "a b"),
    ],
)
def test_spreadsheet_safe(value: object, expected: str) -> None:
    assert exports.spreadsheet_safe(value) == expected
