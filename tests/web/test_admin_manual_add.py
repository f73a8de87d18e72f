"""Adding a missed post by hand, and downloading the entries export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import AuditEvent, Contest, Entry
from contest.settings import Settings
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
from web.admin import downloads


@pytest.fixture
def contest(session: Session) -> Contest:
    return make_contest(session)


@pytest.fixture
def console(client: TestClient, session: Session, contest: Contest) -> TestClient:
    sign_in(client, make_user(session, "olga", "organiser"))
    return client


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


def added(session: Session) -> list[Entry]:
    return list(session.scalars(select(Entry).where(Entry.source == "manual")))


def test_a_missed_post_is_added_checked_and_opened(
    console: TestClient, session: Session, web_settings: Settings
) -> None:
    response = submit(console)
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/entries/C9xYz123AbC?notice=added"
    (entry,) = added(session)
    assert entry.posted_at.replace(tzinfo=UTC) == datetime(2025, 5, 17, 12, 30, tzinfo=UTC)
    assert (entry.shortcode, entry.participant.username, entry.likes) == (
        "C9xYz123AbC",
        "anna.foto",
        5,
    )
    assert entry.verdict_computed_at is not None, "the rules checked it at once"
    sha = entry.photos[0].sha256
    assert console.get(f"/media/400/{sha}.webp").status_code == 200
    page = console.get(response.headers["location"])
    assert "The post was added." in text_of(page, ".notice")
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "entry.added_manually")
    ).all()
    assert [event.actor for event in events] == ["olga"], "audited once, by the service"


def test_mistakes_are_shown_next_to_their_fields_and_input_is_kept(
    console: TestClient, session: Session
) -> None:
    response = submit(console, image=b"not an image", username="anna foto")
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("#username")["aria-invalid"] == "true"
    assert "username-error" in page.select_one("#username")["aria-describedby"]
    assert "readable photo" in page.select_one("#image-error").get_text()
    assert page.select_one("#caption").get_text() == "Markt #ThüringenDownTown"
    assert added(session) == []


def test_a_post_that_is_already_an_entry_is_not_added_twice(
    console: TestClient, session: Session, contest: Contest
) -> None:
    make_entry(session, contest, shortcode="C9xYz123AbC")
    page = html(submit(console))
    assert "already an entry" in page.select_one("#post-error").get_text()
    assert page.select_one("a[href='/admin/entries/C9xYz123AbC']") is not None
    assert added(session) == []


def test_an_oversized_upload_is_refused_with_the_limit(console: TestClient) -> None:
    response = submit(console, image=b"\xff\xd8" + b"0" * (22 * 1024 * 1024))
    assert response.status_code == 413
    assert "20 MB" in response.text


def test_a_post_erased_on_request_cannot_be_added_again(
    console: TestClient, session: Session, contest: Contest, web_settings: Settings
) -> None:
    from contest.models import Tombstone
    from contest.tombstones import keyed_hash

    key = web_settings.secret_key.get_secret_value()
    session.add(
        Tombstone(
            contest_id=contest.id,
            username_hash=keyed_hash("anna.foto", key),
            shortcode_hashes=[],
            by="olga",
        )
    )
    response = submit(console)
    assert response.status_code == 400
    assert "erased on request" in text_of(response, ".notice-error")
    assert session.scalar(select(Entry)) is None


def test_entries_export_is_a_safe_utf8_csv_and_audited(
    console: TestClient, session: Session, contest: Contest
) -> None:
    make_entry(
        session,
        contest,
        username="jörg",
        status="accepted",
        likes=3,
        location_name='=HYPERLINK("x")',
    )
    make_entry(
        session,
        contest,
        username="anna",
        status="accepted",
        override_note="-5 Grad",
    )
    make_entry(session, contest, username="rita", status="rejected")
    response = console.get("/admin/exports/entries.csv?status=accepted")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "downtown-snaps-2025-entries-accepted.csv" in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["username"] for row in rows] == ["jörg", "anna"]
    assert rows[0]["geotag"] == '\'=HYPERLINK("x")'
    assert rows[1]["override_note"] == "'-5 Grad"
    assert rows[0]["likes"] == "3"
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.action == "export.entries.downloaded")
    )
    assert event.data == {"status": "accepted", "rows": 2}


def test_entries_export_has_the_same_columns_as_the_command_line(
    console: TestClient, session: Session, contest: Contest
) -> None:
    from ingest.entry_export import COLUMNS

    make_entry(session, contest)
    response = console.get("/admin/exports/entries.csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(header) == COLUMNS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 361", "'+49 361"),
        ("@mention", "'@mention"),
        ("-0.25", "-0.25"),
        ("-3 Grad", "'-3 Grad"),
        ("Marktplatz", "Marktplatz"),
        (-5, "-5"),
        (None, ""),
        (True, "true"),
        (["a", "b"], "a b"),
    ],
)
def test_spreadsheet_safe(value: object, expected: str) -> None:
    assert downloads.spreadsheet_safe(value) == expected
