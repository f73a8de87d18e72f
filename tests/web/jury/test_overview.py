"""`/jury`: the juror's rounds with progress; one round's own numbers and photos."""

from __future__ import annotations

from fastapi.testclient import TestClient

from judging.ballots import RoundMethod
from tests.web.admin_support import html, make_user, sign_in, text_of
from tests.web.jury.support import JuryWorld, as_juror


def test_the_overview_lists_the_jurors_rounds_with_progress(
    client: TestClient, rating: JuryWorld
) -> None:
    as_juror(client, rating)
    page = html(client.get("/jury"))
    cards = page.select(".round-card")
    assert len(cards) == 1
    card = cards[0]
    assert card.select_one(".round-card__name").get_text(strip=True) == "Vorrunde"
    assert "0 of 6" in card.select_one(".progress__text").get_text(" ")
    assert card.select_one("progress")["max"] == "6"
    start = card.find("a", string="Start judging")
    assert start["href"] == f"/jury/rounds/{rating.round.id}/next"


def test_progress_counts_votes(client: TestClient, rating: JuryWorld) -> None:
    workspace = rating.workspace("jana")
    for task in rating.tasks("jana")[:2]:
        workspace.cast_vote(task.id, {"stars": 4})
    as_juror(client, rating)
    card = html(client.get("/jury")).select_one(".round-card")
    assert "2 of 6" in card.select_one(".progress__text").get_text(" ")
    assert card.find("a", string="Continue judging") is not None


def test_the_next_button_leads_to_the_first_open_task(
    client: TestClient, rating: JuryWorld
) -> None:
    first, second = rating.tasks("jana")[:2]
    rating.workspace("jana").cast_vote(first.id, {"stars": 2})
    as_juror(client, rating)
    response = client.get(f"/jury/rounds/{rating.round.id}/next", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/jury/tasks/{second.id}"


def test_when_everything_is_voted_the_next_button_shows_the_summary(
    client: TestClient, yesno: JuryWorld
) -> None:
    workspace = yesno.workspace("jana")
    for task in yesno.tasks("jana"):
        workspace.cast_vote(task.id, {"yes": True})
    as_juror(client, yesno)
    response = client.get(f"/jury/rounds/{yesno.round.id}/next")
    assert response.url.path == f"/jury/rounds/{yesno.round.id}"
    assert "All done in this round" in text_of(response, ".notice")
    assert html(client.get("/jury")).select_one(".done-mark") is not None


def test_a_juror_without_rounds_sees_an_empty_state(client: TestClient, rating: JuryWorld) -> None:
    sign_in(client, make_user(rating.session, "nora", "juror"))
    page = html(client.get("/jury"))
    assert page.select(".round-card") == []
    assert "No rounds for you yet" in page.select_one(".empty-state").get_text()


def test_draft_rounds_stay_hidden(client: TestClient, rating: JuryWorld) -> None:
    rating.org.close_round(rating.round)
    rating.org.finalize_round(rating.round, accept_incomplete=True, note="test")
    draft = rating.org.create_round(
        name="Finale", method=RoundMethod("yesno"), quorum=1, jurors=["jana"]
    )
    as_juror(client, rating)
    names = [node.get_text(strip=True) for node in html(client.get("/jury")).select("h2 a")]
    assert names == ["Vorrunde"]
    assert client.get(f"/jury/rounds/{draft.id}").status_code == 404


def test_a_closed_round_says_votes_can_no_longer_change(
    client: TestClient, rating: JuryWorld
) -> None:
    rating.org.close_round(rating.round)
    as_juror(client, rating)
    card = html(client.get("/jury")).select_one(".round-card")
    assert card.select_one(".pill").get_text(strip=True) == "closed"
    assert "can no longer change" in card.select_one(".round-card__note").get_text()
    assert card.find("a", string="Start judging") is None


def test_the_round_page_shows_own_distribution_and_photos(
    client: TestClient, rating: JuryWorld
) -> None:
    workspace = rating.workspace("jana")
    tasks = rating.tasks("jana")
    for task, stars in zip(tasks, (5, 4, 4), strict=False):
        workspace.cast_vote(task.id, {"stars": stars})
    as_juror(client, rating)
    page = html(client.get(f"/jury/rounds/{rating.round.id}"))
    rows = {
        row.select_one("th").get_text(" ", strip=True): row.select_one("td.num").get_text()
        for row in page.select(".distribution tbody tr")
    }
    assert rows == {"1 star": "0", "2 stars": "0", "3 stars": "0", "4 stars": "2", "5 stars": "1"}
    widths = [rect["width"] for rect in page.select(".distribution__fill")]
    assert widths == ["100.0", "50.0"]  # 4 stars twice (the longest bar), 5 stars once
    assert "4.33" in page.select_one(".distribution__mean").get_text()
    tiles = page.select(".task-tile")
    assert len(tiles) == 6
    assert [tile.select_one("a")["href"] for tile in tiles] == [
        f"/jury/tasks/{t.id}" for t in tasks
    ]
    assert tiles[0].select_one(".vote-chip").get_text(" ", strip=True).startswith("5")
    assert tiles[3].select_one(".status").get_text(strip=True) == "to do"


def test_yes_no_rounds_count_the_yes(client: TestClient, yesno: JuryWorld) -> None:
    workspace = yesno.workspace("jana")
    for task, yes in zip(yesno.tasks("jana"), (True, False, True), strict=False):
        workspace.cast_vote(task.id, {"yes": yes})
    as_juror(client, yesno)
    page = html(client.get(f"/jury/rounds/{yesno.round.id}"))
    assert page.select_one(".distribution__mean").get_text(strip=True) == (
        "You said yes to 2 of 3 photos."
    )


def test_the_overview_is_german_by_default(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    response = client.get("/jury", headers={"accept-language": "de-DE,de;q=0.9"})
    assert response.headers["content-language"] == "de"
    page = html(response)
    assert "0 von 6" in page.select_one(".progress__text").get_text(" ")
    assert page.find("a", string="Bewertung starten") is not None
    assert page.select_one(".pill").get_text(strip=True) == "läuft"


def test_someone_elses_round_is_not_found(client: TestClient, rating: JuryWorld) -> None:
    sign_in(client, make_user(rating.session, "nora", "juror"))
    for path in ("", "/next", "/ballot"):
        response = client.get(f"/jury/rounds/{rating.round.id}{path}")
        assert response.status_code == 404
        assert "not one of yours" in text_of(response, "h1 + p")
