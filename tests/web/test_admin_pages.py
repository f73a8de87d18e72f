"""The console's read-only pages: dashboard, entries, one entry, contest settings, audit log."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.models import Contest, IngestRun, User
from contest.settings import Settings
from tests.web.admin_support import (
    add_like_readings,
    add_photo,
    html,
    make_contest,
    make_entry,
    make_user,
    sign_in,
    text_of,
)
from tests.web.judging_support import JudgingScene, by_likes


@pytest.fixture
def contest(session: Session) -> Contest:
    return make_contest(session)


@pytest.fixture
def organiser(session: Session, contest: Contest) -> User:
    return make_user(session, "olga", "organiser")


@pytest.fixture
def console(client: TestClient, organiser: User) -> TestClient:
    sign_in(client, organiser)
    return client


def test_dashboard_counts_entries_by_status_and_town(
    console: TestClient, session: Session, contest: Contest
) -> None:
    for town, status in [("Gotha", "accepted"), ("Gotha", "review"), ("Ilmenau", "accepted")]:
        make_entry(session, contest, town=town, status=status)
    make_entry(session, contest, town=None, status="rejected")
    page = html(console.get("/admin"))
    tiles = {
        " ".join(tile.select_one(".stat-label").get_text().split()): tile.select_one(
            ".stat-number"
        ).get_text()
        for tile in page.select(".stat-tiles li")
    }
    assert tiles["entries"] == "4"
    assert tiles["accepted"] == "2"
    assert tiles["to review"] == "1"
    assert tiles["rejected"] == "1"
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")[:5]]
        for row in page.select("table.town-counts tbody tr")
    ]
    assert rows[0] == ["Gotha", "1", "1", "0", "2"]
    assert rows[-1] == ["No town recognised", "0", "0", "1", "1"]


def test_dashboard_lists_ingestion_runs_with_their_errors(
    console: TestClient, session: Session, contest: Contest
) -> None:
    session.add(
        IngestRun(
            contest_id=contest.id,
            source="directory",
            source_detail="var/hashtag",
            status="failed",
            new=7,
            errors=1,
            error_details=[{"file": "broken.jpg", "error": "image <truncated>"}],
        )
    )
    response = console.get("/admin")
    run = html(response).select_one("#runs-title").find_parent("section")
    assert "failed" in run.get_text()
    assert "broken.jpg" in run.select_one("details").get_text()
    assert "image <truncated>" in run.select_one("details").get_text()
    assert "<truncated>" not in response.text, "error texts are escaped"


def test_dashboard_draws_the_like_history_of_the_leading_entries(
    console: TestClient, session: Session, contest: Contest
) -> None:
    leader = make_entry(session, contest, username="leader", status="accepted")
    add_like_readings(session, leader, [10, 40, 90])
    runner_up = make_entry(session, contest, username="second", status="accepted")
    add_like_readings(session, runner_up, [5, 6])
    page = html(console.get("/admin"))
    assert len(page.select("svg.chart polyline")) == 2
    legend = [item.get_text(" ", strip=True) for item in page.select(".legend li")]
    assert legend[0].startswith("@leader") and "90" in legend[0]


def test_dashboard_says_where_jury_progress_will_appear(console: TestClient) -> None:
    assert "jury round" in text_of(console.get("/admin"), "#round-progress")


def test_dashboard_shows_each_jurors_progress_in_running_rounds(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(3)
    jana, olaf = scene.jurors("jana", "olaf")
    round_ = scene.running([jana, olaf], quorum=2)
    scene.vote(round_, [jana], by_likes)
    section = html(organiser_client.get("/admin")).select_one("#round-progress")
    assert "Vorrunde" in section.select_one("h3").get_text()
    assert "3 of 6 votes" in section.select_one("h3").get_text()
    rows = {
        row.select_one("th").get_text(): row.select_one("progress")
        for row in section.select(".progress-table tbody tr")
    }
    assert (rows["jana"]["value"], rows["jana"]["max"]) == ("3", "3")
    assert (rows["olaf"]["value"], rows["olaf"]["max"]) == ("0", "3")


def test_console_without_a_contest_says_how_to_load_one(client: TestClient, session) -> None:
    sign_in(client, make_user(session, "olga", "organiser"))
    response = client.get("/admin")
    assert response.status_code == 409
    assert "downtown-snap init" in response.text


def test_entries_are_filtered_by_status_town_and_search(
    console: TestClient, session: Session, contest: Contest
) -> None:
    make_entry(session, contest, username="anna", town="Gotha", status="accepted")
    make_entry(session, contest, username="bernd", town="Gotha", status="rejected")
    make_entry(session, contest, username="carla", town="Ilmenau", status="accepted")

    def names(query: str) -> list[str]:
        page = html(console.get("/admin/entries" + query))
        return sorted(a.get_text() for a in page.select("table.entries tbody td:nth-of-type(2) a"))

    assert names("") == ["@anna", "@bernd", "@carla"]
    assert names("?status=accepted") == ["@anna", "@carla"]
    assert names("?town=Gotha&status=accepted") == ["@anna"]
    assert names("?q=%40CAR") == ["@carla"]
    assert names("?q=100%25") == []


def test_entries_are_paginated_keeping_the_filters(
    console: TestClient, session: Session, contest: Contest
) -> None:
    for _ in range(53):
        make_entry(session, contest, status="accepted")
    first = html(console.get("/admin/entries?status=accepted"))
    assert len(first.select("table.entries tbody tr")) == 50
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert "status=accepted" in next_link and "page=2" in next_link
    second = html(console.get("/admin/entries" + next_link))
    assert len(second.select("table.entries tbody tr")) == 3
    assert "Page 2 of 2" in second.select_one(".pagination").get_text()


def test_user_supplied_text_is_escaped(
    console: TestClient, session: Session, contest: Contest
) -> None:
    entry = make_entry(
        session,
        contest,
        caption="<script>alert(1)</script>",
        location_name="<b>Markt</b>",
        status="review",
        reasons=["town_ambiguous"],
    )
    for path in ("/admin/entries", f"/admin/entries/{entry.shortcode}", "/admin/review"):
        response = console.get(path)
        assert "<script>alert(1)" not in response.text
        assert "<b>Markt</b>" not in response.text


def test_entry_page_shows_photo_facts_and_history(
    console: TestClient, session: Session, contest: Contest, web_settings: Settings
) -> None:
    entry = make_entry(session, contest, username="anna", town="Gotha", likes=12)
    add_photo(session, entry, web_settings.data_dir)
    add_like_readings(session, entry, [3, 12])
    log_action(
        session,
        "entry.verdict.overridden",
        actor="olga",
        subject_type="entry",
        subject_id=entry.id,
        status="accepted",
    )
    page = html(console.get(f"/admin/entries/{entry.shortcode}"))
    image = page.select_one(".entry-layout img.photo-large")
    assert image["src"].startswith("/media/1200/") and image["alt"]
    assert console.get(image["src"]).status_code == 200
    assert "Gotha" in page.select_one("dl.facts").get_text()
    assert page.select_one("svg.chart polyline") is not None
    assert "entry.verdict.overridden" in page.select_one("#history-title").find_parent().get_text()


def test_unknown_entry_is_404(console: TestClient) -> None:
    assert console.get("/admin/entries/NoSuchCode").status_code == 404


def test_contest_page_shows_the_contest_file(
    console: TestClient, session: Session, contest: Contest
) -> None:
    contest.rules_toml = (
        '[contest]\nslug = "x"\nname = "X"\n[period]\nopens = 2025-05-05T00:00:00\n'
        'hashtags = ["a", "b"]\nstrict = true\n[[prizes]]\nplace = 1\n'
    )
    page = html(console.get("/admin/contest"))
    sections = {
        section.select_one("h2").get_text(strip=True): {
            row.select_one("th").get_text(strip=True): row.select_one("td").get_text(strip=True)
            for row in section.select("tr")
        }
        for section in page.select("section.panel")
    }
    assert sections["[period]"] == {
        "opens": "2025-05-05 00:00:00",
        "hashtags": "a, b",
        "strict": "true",
    }
    assert sections["[prizes[1]]"] == {"place": "1"}
    assert "[[prizes]]" in page.select_one("pre.toml").get_text()


@pytest.fixture
def audit_trail(session: Session, contest: Contest) -> None:
    moments = {
        "entry.verdict.overridden": datetime(2025, 6, 1, 10, tzinfo=UTC),
        "entry.added.manual": datetime(2025, 6, 2, 22, 30, tzinfo=UTC),  # 3 June in Berlin
        "round.finalized": datetime(2025, 6, 5, 9, tzinfo=UTC),
    }
    for action, at in moments.items():
        event = log_action(session, action, actor="olga", contest_id=contest.id)
        event.at = at
    log_action(session, "entry.verdict.overridden", actor="peter", contest_id=contest.id)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=entry.", {"entry.verdict.overridden", "entry.added.manual"}),
        ("action=entry.verdict.&actor=olga", {"entry.verdict.overridden"}),
        ("since=2025-06-03&until=2025-06-04", {"entry.added.manual"}),
        ("action=round", {"round.finalized"}),
        ("action=%25", set()),
    ],
)
def test_audit_log_filters(
    console: TestClient, audit_trail: None, query: str, expected: set[str]
) -> None:
    page = html(console.get("/admin/audit?" + query))
    shown = {code.get_text() for code in page.select("table.audit td code")}
    assert shown - {"user.created", "user.logged_in"} == expected


def test_audit_log_is_paginated(console: TestClient, session: Session, contest: Contest) -> None:
    for number in range(60):
        log_action(session, "vote.cast", actor=f"juror{number}", contest_id=contest.id)
    page = html(console.get("/admin/audit?action=vote."))
    assert len(page.select("table.audit tbody tr")) == 50
    assert "Events 1–50 of 60" in page.select_one(".count").get_text()


def test_audit_log_says_when_a_date_is_not_understood(console: TestClient) -> None:
    assert "YYYY-MM-DD" in text_of(console.get("/admin/audit?since=yesterday"), ".notice-error")


def test_every_console_page_marks_where_you_are(console: TestClient) -> None:
    for path, label in [("/admin", "Overview"), ("/admin/jurors", "Jurors")]:
        current = html(console.get(path)).select_one('.console-nav a[aria-current="page"]')
        assert current.get_text() == label


def test_audit_times_are_shown_in_the_contest_time_zone(
    console: TestClient, session: Session, contest: Contest
) -> None:
    event = log_action(session, "contest.rules.updated", actor="olga", contest_id=contest.id)
    event.at = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    session.flush()
    row = html(console.get("/admin/audit?action=contest.rules")).select_one("table.audit tbody tr")
    assert "12:00" in row.get_text(), "10:00 UTC is 12:00 in Berlin in summer"
