"""`/status`: a participant looks up their handle and learns what became of each post."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from contest.models import Contest
from tests.web.public import factories
from tests.web.public.soup import page, texts
from web.public_status import normalise_handle


@pytest.fixture
def anna(session: Session, contest: Contest) -> None:
    factories.make_entry(session, contest, "A1", username="anna.fotografiert", town="Gotha")
    factories.make_entry(
        session,
        contest,
        "A2",
        username="anna.fotografiert",
        status="rejected",
        reasons=["outside_period"],
        reason_details={"outside_period": "gepostet am 23.06.2025 um 00:14"},
        posted_at=factories.BASE_TIME.replace(month=6, day=23),
    )
    factories.make_entry(
        session,
        contest,
        "A3",
        username="anna.fotografiert",
        status="review",
        town=None,
        reasons=["town_unknown"],
        posted_at=factories.BASE_TIME.replace(month=6, day=24),
    )
    factories.make_entry(session, contest, "B1", username="someone.else")


def test_lists_every_post_of_the_account_with_its_status(
    client: TestClient, anna: None, fake_rules: None
):
    soup = page(client.get("/status", params={"handle": "anna.fotografiert"}))

    assert texts(soup, "#status-heading") == ["3 Beiträge von @anna.fotografiert"]
    assert texts(soup, ".status-post .badge") == ["Zugelassen", "Nicht zugelassen", "In Prüfung"]
    assert texts(soup, ".status-summary li") == [
        "1 × Zugelassen",
        "1 × In Prüfung",
        "1 × Nicht zugelassen",
    ]


def test_reasons_in_plain_words_with_advice(client: TestClient, anna: None, fake_rules: None):
    soup = page(client.get("/status", params={"handle": "anna.fotografiert"}))
    rejected = soup.select(".status-post")[1]
    assert texts(rejected, ".reason__title") == ["Außerhalb des Zeitraums"]
    assert texts(rejected, ".reason__detail") == ["Einzelheiten: gepostet am 23.06.2025 um 00:14"]
    assert "nach dem Einsendeschluss" in texts(rejected, ".reason__advice")[0]
    review = soup.select(".status-post")[2]
    assert texts(review, ".reason__title") == ["Ort nicht erkannt"]


def test_reasons_follow_the_language(client: TestClient, anna: None, fake_rules: None):
    soup = page(client.get("/status", params={"handle": "anna.fotografiert", "lang": "en"}))
    assert texts(soup, ".reason__title") == ["Outside the entry period", "Town not recognised"]
    assert texts(soup, ".status-post .badge")[1] == "Not admitted"


def test_accepted_posts_link_the_gallery_and_show_no_reasons(
    client: TestClient, anna: None, fake_rules: None
):
    accepted = page(client.get("/status?handle=anna.fotografiert")).select(".status-post")[0]
    assert accepted.select(".reason") == []
    assert accepted.select_one(".status-post__links a")["href"] == "/entries/A1"


def test_unknown_reason_codes_get_an_honest_fallback(
    client: TestClient, session: Session, contest: Contest, fake_rules: None
):
    factories.make_entry(
        session, contest, "X1", username="zoe", status="review", reasons=["new_rule_2027"]
    )
    soup = page(client.get("/status?handle=zoe"))
    assert texts(soup, ".reason__title") == ["new_rule_2027"]
    assert "Veranstalter" in texts(soup, ".reason__advice")[0]


@pytest.mark.parametrize(
    "typed",
    ["@Anna.Fotografiert", " anna.fotografiert ", "https://www.instagram.com/anna.fotografiert/"],
)
def test_handles_are_found_however_they_are_typed(
    client: TestClient, anna: None, fake_rules: None, typed: str
):
    soup = page(client.get("/status", params={"handle": typed}))
    assert len(soup.select(".status-post")) == 3


def test_unknown_account_explains_what_to_check(client: TestClient, contest: Contest):
    soup = page(client.get("/status?handle=nobody_here"))
    assert texts(soup, "#status-heading") == ["Keine Beiträge von @nobody_here gefunden"]
    assert any("#thüringendowntown" in item for item in texts(soup, ".notice li"))


def test_invalid_handle_is_flagged_on_the_field(client: TestClient, contest: Contest):
    soup = page(client.get("/status", params={"handle": "not a handle!"}))
    field = soup.select_one("#handle")
    assert field["aria-invalid"] == "true"
    assert "handle-error" in field["aria-describedby"]
    assert soup.select(".status-results") == []


def test_empty_form_shows_no_results(client: TestClient, contest: Contest):
    soup = page(client.get("/status"))
    assert soup.select_one("label[for=handle]") is not None
    assert soup.select(".status-results") == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("anna", "anna"),
        ("@Anna_B.", "anna_b."),
        ("instagram.com/Anna", "anna"),
        ("http://instagram.com/anna?hl=de", "anna"),
        ("", None),
        ("@", None),
        ("anna b", None),
        ("a" * 31, None),
        ("<script>", None),
    ],
)
def test_normalise_handle(typed: str, expected: str | None):
    assert normalise_handle(typed) == expected


@given(st.text(max_size=60))
def test_normalised_handles_are_always_safe_instagram_names(typed: str):
    result = normalise_handle(typed)
    assert result is None or (
        1 <= len(result) <= 30 and set(result) <= set("abcdefghijklmnopqrstuvwxyz0123456789._")
    )
