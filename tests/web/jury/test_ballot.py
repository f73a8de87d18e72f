"""Ranking rounds: the whole ballot on one page, as an ordering or as 10..1 points."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select

from contest.models import AuditEvent
from tests.web.admin_support import html, text_of
from tests.web.jury.support import JuryWorld, as_juror


def ballot(client: TestClient, world: JuryWorld) -> BeautifulSoup:
    response = client.get(f"/jury/rounds/{world.round.id}/ballot")
    assert response.status_code == 200, response.text[:300]
    return html(response)


def shown_order(page: BeautifulSoup) -> list[int]:
    return [int(item["data-task-id"]) for item in page.select(".ballot__item")]


def test_an_ordering_ballot_starts_in_the_jurors_shuffled_order(
    client: TestClient, ordering: JuryWorld
) -> None:
    as_juror(client, ordering)
    page = ballot(client, ordering)
    tasks = [task.id for task in ordering.tasks("jana")]
    assert shown_order(page) == tasks
    assert [field["value"] for field in page.select("input[data-rank]")] == list("123456")
    assert "random start" in page.select_one(".ballot-state--draft").get_text()
    scripts = [script["src"] for script in page.select("script")]
    assert scripts[-2:] == ["/static/jury.js", "/static/jury-ballot.js"]
    for item in page.select(".ballot__item"):
        label = item.select_one(".ballot__rank label")
        assert label["for"] == item.select_one("input[data-rank]")["id"]


def test_saving_an_ordering(client: TestClient, ordering: JuryWorld) -> None:
    token = as_juror(client, ordering)
    tasks = ordering.tasks("jana")
    reversed_ranks = {f"rank-{task.id}": str(len(tasks) - i) for i, task in enumerate(tasks)}
    response = client.post(
        f"/jury/rounds/{ordering.round.id}/ballot",
        data={"csrf_token": token, **reversed_ranks},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert (
        response.headers["location"]
        == f"/jury/rounds/{ordering.round.id}/ballot?notice=ballot-saved"
    )
    votes = ordering.votes("jana")
    assert votes[tasks[-1].entry_id] == {"rank": 1, "of": 6}
    assert votes[tasks[0].entry_id] == {"rank": 6, "of": 6}
    page = ballot(client, ordering)
    assert shown_order(page) == [task.id for task in reversed(tasks)]
    assert "saved" in page.select_one(".ballot-state--saved").get_text()
    assert (
        ordering.session.scalars(select(AuditEvent).where(AuditEvent.action == "ballot.submitted"))
        .one()
        .actor
        == "jana"
    )


def test_typing_one_place_moves_one_photo(client: TestClient, ordering: JuryWorld) -> None:
    token = as_juror(client, ordering)
    tasks = ordering.tasks("jana")
    client.post(
        f"/jury/rounds/{ordering.round.id}/ballot",
        data={"csrf_token": token, f"rank-{tasks[4].id}": "1"},
    )
    page = ballot(client, ordering)
    assert shown_order(page) == [tasks[4].id, *(t.id for t in tasks[:4]), tasks[5].id]


def test_a_ranking_task_page_links_back_to_the_ballot(
    client: TestClient, ordering: JuryWorld
) -> None:
    as_juror(client, ordering)
    task = ordering.tasks("jana")[0]
    page = html(client.get(f"/jury/tasks/{task.id}"))
    assert page.select_one("form[data-vote-form]") is None
    assert page.find("a", string="Back to my ranking")["href"] == (
        f"/jury/rounds/{ordering.round.id}/ballot"
    )
    assert client.get(f"/jury/rounds/{ordering.round.id}/next").url.path.endswith("/ballot")


def test_a_points_ballot(client: TestClient, points: JuryWorld) -> None:
    token = as_juror(client, points)
    tasks = points.tasks("jana")
    assert len(tasks) == 12
    page = ballot(client, points)
    select_ = page.select_one(f"select[name=points-{tasks[0].id}]")
    assert [option["value"] for option in select_.select("option")] == [
        "",
        *map(str, range(10, 0, -1)),
    ]
    form = {f"points-{task.id}": str(10 - i) for i, task in enumerate(tasks[:10])}
    response = client.post(
        f"/jury/rounds/{points.round.id}/ballot", data={"csrf_token": token, **form}
    )
    assert response.status_code == 200
    votes = points.votes("jana")
    assert votes[tasks[0].entry_id] == {"points": 10}
    assert votes[tasks[9].entry_id] == {"points": 1}
    assert votes[tasks[11].entry_id] == {"points": 0}
    again = html(response)
    assert again.select_one(f"select[name=points-{tasks[0].id}] option[selected]")["value"] == "10"
    round_page = html(client.get(f"/jury/rounds/{points.round.id}"))
    counts = [cell.get_text() for cell in round_page.select(".distribution td.num")]
    assert counts == ["1"] * 10


def test_a_points_ballot_with_a_number_twice_is_shown_again(
    client: TestClient, points: JuryWorld
) -> None:
    token = as_juror(client, points)
    tasks = points.tasks("jana")
    form = {f"points-{task.id}": str(10 - i) for i, task in enumerate(tasks[:10])}
    form[f"points-{tasks[1].id}"] = "10"
    response = client.post(
        f"/jury/rounds/{points.round.id}/ballot", data={"csrf_token": token, **form}
    )
    assert response.status_code == 400
    assert text_of(response, "#ballot-problem") == (
        "10 points went to two entries; each number can go to one only."
    )
    page = html(response)
    chosen = page.select_one(f"select[name=points-{tasks[2].id}] option[selected]")
    assert chosen["value"] == "8"  # what the juror chose stays chosen
    assert points.votes("jana") == {}


def test_an_unfinished_points_ballot_is_refused(client: TestClient, points: JuryWorld) -> None:
    token = as_juror(client, points)
    first = points.tasks("jana")[0]
    response = client.post(
        f"/jury/rounds/{points.round.id}/ballot",
        data={"csrf_token": token, f"points-{first.id}": "10"},
    )
    assert response.status_code == 400
    assert "9 to go" in text_of(response, "#ballot-problem")


def test_a_closed_ranking_round_is_read_only(client: TestClient, ordering: JuryWorld) -> None:
    token = as_juror(client, ordering)
    ordering.org.close_round(ordering.round)
    page = ballot(client, ordering)
    assert page.select_one(".ballot-form button[type=submit]") is None
    assert all(field.has_attr("disabled") for field in page.select("input[data-rank]"))
    response = client.post(f"/jury/rounds/{ordering.round.id}/ballot", data={"csrf_token": token})
    assert response.status_code == 409
    assert ordering.votes("jana") == {}


def test_a_rating_round_has_no_ballot(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    response = client.get(f"/jury/rounds/{rating.round.id}/ballot", follow_redirects=False)
    assert response.headers["location"] == f"/jury/rounds/{rating.round.id}/next"
