"""One task: the photo, the blind caption, the vote form per method, and every action as a plain
form post answered with 303 to the next task."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, AuditEvent, Photo
from judging.ballots import RoundMethod
from tests.web.admin_support import html, make_user, sign_in, text_of
from tests.web.jury.support import JuryWorld, as_juror, build_world


def task_page(client: TestClient, task_id: int) -> BeautifulSoup:
    response = client.get(f"/jury/tasks/{task_id}")
    assert response.status_code == 200, response.text[:300]
    return html(response)


def test_the_photo_is_large_with_a_smaller_candidate(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    task = rating.tasks("jana")[0]
    sha = rating.session.scalar(select(Photo.sha256).where(Photo.entry_id == task.entry_id))
    page = task_page(client, task.id)
    image = page.select_one(".task__figure img")
    assert image["src"] == f"/media/1200/{sha}.webp"
    assert image["srcset"] == f"/media/400/{sha}.webp 400w, /media/1200/{sha}.webp 1200w"
    assert image["width"] == "1080" and image["height"] == "1350"
    assert image["alt"]
    assert page.select_one("a[data-zoom-open]")["href"] == image["src"]
    assert page.select_one("dialog#photo-zoom img")["src"] == image["src"]


def test_position_and_neighbours(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    tasks = rating.tasks("jana")
    page = task_page(client, tasks[1].id)
    assert "Photo 2 of 6" in page.select_one(".task-bar__position").get_text(" ")
    assert page.select_one("a[rel=prev]")["href"] == f"/jury/tasks/{tasks[0].id}"
    assert page.select_one("a[rel=next]")["href"] == f"/jury/tasks/{tasks[2].id}"
    first = task_page(client, tasks[0].id)
    assert first.select_one("a[rel=prev]") is None


def test_the_caption_is_masked(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    secret = next(t for t in rating.tasks("jana") if t.entry_id == rating.secret.id)
    page = task_page(client, secret.id)
    caption = page.select_one(".task__caption").get_text(" ", strip=True)
    assert caption.startswith("Abendlicht über dem Hauptmarkt. Foto: •••, danke @••• und @•••!")
    assert "[Link]" in caption
    assert page.select_one("h1").get_text(strip=True) == "Gotha"


def test_a_rating_form_has_one_star_per_step(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    page = task_page(client, rating.tasks("jana")[0].id)
    form = page.select_one("form[data-vote-form]")
    assert form["method"] == "post" and form["action"].endswith("/vote")
    assert [radio["value"] for radio in form.select("input[name=stars]")] == list("12345")
    for radio in form.select("input[type=radio]"):
        assert form.select_one(f"label[for='{radio['id']}']") is not None
    assert form.select_one("input[name=csrf_token]")["value"]
    assert form.select_one("input:checked") is None


def test_criteria_get_one_star_row_each_with_their_weight(
    client: TestClient, criteria: JuryWorld
) -> None:
    as_juror(client, criteria)
    page = task_page(client, criteria.tasks("jana")[0].id)
    rows = page.select("fieldset[data-criterion]")
    assert [row.select_one(".stars__criterion").get_text() for row in rows] == [
        "Motiv / Innenstadt",
        "Bildaufbau",
        "Originalität",
    ]
    assert [row.select_one(".stars__weight").get_text() for row in rows] == [
        "weight 40 %",
        "weight 30 %",
        "weight 30 %",
    ]
    assert {radio["name"] for radio in rows[1].select("input")} == {"criterion-1"}


def test_voting_stores_the_vote_and_goes_to_the_next_task(
    client: TestClient, rating: JuryWorld
) -> None:
    token = as_juror(client, rating)
    first, second = rating.tasks("jana")[:2]
    response = client.post(
        f"/jury/tasks/{first.id}/vote",
        data={"csrf_token": token, "stars": "4"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/jury/tasks/{second.id}?notice=saved"
    assert rating.votes("jana") == {first.entry_id: {"stars": 4}}
    following = client.get(response.headers["location"])
    assert text_of(following, ".notice") == "Your vote is saved."


def test_the_own_vote_is_shown_and_can_be_changed(client: TestClient, rating: JuryWorld) -> None:
    token = as_juror(client, rating)
    task = rating.tasks("jana")[0]
    rating.workspace("jana").cast_vote(task.id, {"stars": 2})
    page = task_page(client, task.id)
    assert page.select_one("input[name=stars]:checked")["value"] == "2"
    assert "2" in page.select_one(".task__state--done .vote-chip").get_text()
    assert "until the round closes" in page.select_one(".task__state--done").get_text()
    client.post(f"/jury/tasks/{task.id}/vote", data={"csrf_token": token, "stars": "5"})
    assert rating.votes("jana") == {task.entry_id: {"stars": 5}}
    changed = rating.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "vote.changed")
    ).one()
    assert changed.actor == "jana"


def test_a_form_without_a_choice_is_shown_again_with_the_problem(
    client: TestClient, criteria: JuryWorld
) -> None:
    token = as_juror(client, criteria)
    task = criteria.tasks("jana")[0]
    response = client.post(
        f"/jury/tasks/{task.id}/vote",
        data={"csrf_token": token, "criterion-0": "5", "criterion-2": "3"},
    )
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("#vote-problem").get_text(strip=True) == (
        "Please rate every criterion; Bildaufbau is missing."
    )
    assert page.select_one("input[name=criterion-0]:checked")["value"] == "5"
    assert page.select_one("input[name=criterion-2]:checked")["value"] == "3"
    assert criteria.votes("jana") == {}


def test_criteria_votes_are_stored_per_criterion(client: TestClient, criteria: JuryWorld) -> None:
    token = as_juror(client, criteria)
    task = criteria.tasks("jana")[0]
    client.post(
        f"/jury/tasks/{task.id}/vote",
        data={"csrf_token": token, "criterion-0": "5", "criterion-1": "3", "criterion-2": "1"},
    )
    assert criteria.votes("jana") == {
        task.entry_id: {"criteria": {"motif": 5, "composition": 3, "originality": 1}}
    }


def test_yes_no(client: TestClient, yesno: JuryWorld) -> None:
    token = as_juror(client, yesno)
    first, second = yesno.tasks("jana")[:2]
    page = task_page(client, first.id)
    assert [radio["value"] for radio in page.select("input[name=vote]")] == ["yes", "no"]
    client.post(f"/jury/tasks/{first.id}/vote", data={"csrf_token": token, "vote": "no"})
    client.post(f"/jury/tasks/{second.id}/vote", data={"csrf_token": token, "vote": "yes"})
    assert yesno.votes("jana") == {first.entry_id: {"yes": False}, second.entry_id: {"yes": True}}
    again = task_page(client, first.id)
    assert again.select_one("input[name=vote]:checked")["value"] == "no"


def test_skipping_puts_a_task_behind_the_others(client: TestClient, rating: JuryWorld) -> None:
    token = as_juror(client, rating)
    tasks = rating.tasks("jana")
    response = client.post(
        f"/jury/tasks/{tasks[0].id}/skip", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.headers["location"] == f"/jury/tasks/{tasks[1].id}?notice=skipped"
    for task in tasks[1:]:
        response = client.post(
            f"/jury/tasks/{task.id}/vote",
            data={"csrf_token": token, "stars": "3"},
            follow_redirects=False,
        )
    # After the last open one, the skipped photo comes back.
    assert response.headers["location"] == f"/jury/tasks/{tasks[0].id}?notice=saved"
    page = task_page(client, tasks[0].id)
    assert "skipped this photo earlier" in page.select_one(".task__state--skipped").get_text()
    assert page.select_one("form[data-skip-form]") is None  # skipped already
    client.post(f"/jury/tasks/{tasks[0].id}/vote", data={"csrf_token": token, "stars": "1"})
    response = client.get(f"/jury/rounds/{rating.round.id}/next", follow_redirects=False)
    assert response.headers["location"] == f"/jury/rounds/{rating.round.id}?notice=round-done"


def test_stepping_aside_needs_a_reason(client: TestClient, rating: JuryWorld) -> None:
    token = as_juror(client, rating)
    task = rating.tasks("jana")[0]
    response = client.post(
        f"/jury/tasks/{task.id}/recuse", data={"csrf_token": token, "reason": "   "}
    )
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("details.recuse")["open"] is not None
    assert page.select_one("#recuse-reason")["aria-invalid"] == "true"
    assert rating.session.get(Assignment, task.id).status == "open"


def test_stepping_aside_hands_the_photo_on(client: TestClient, rating: JuryWorld) -> None:
    token = as_juror(client, rating)
    tasks = rating.tasks("jana")
    response = client.post(
        f"/jury/tasks/{tasks[0].id}/recuse",
        data={"csrf_token": token, "reason": "Ich kenne die Fotografin."},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/jury/tasks/{tasks[1].id}?notice=recused"
    assignment = rating.session.get(Assignment, tasks[0].id)
    assert (assignment.status, assignment.recusal_reason) == (
        "recused",
        "Ich kenne die Fotografin.",
    )
    page = task_page(client, tasks[0].id)
    assert "stepped aside" in page.select_one(".task__state--recused").get_text()
    assert page.select_one("form[data-vote-form]") is None


def test_a_closed_round_shows_the_vote_but_takes_no_more(
    client: TestClient, rating: JuryWorld
) -> None:
    token = as_juror(client, rating)
    task = rating.tasks("jana")[0]
    rating.workspace("jana").cast_vote(task.id, {"stars": 3})
    rating.org.close_round(rating.round)
    page = task_page(client, task.id)
    assert page.select_one("form[data-vote-form]") is None
    assert page.select_one("form[data-skip-form]") is None
    assert "can no longer change" in page.select_one(".notice-error").get_text()
    assert "3" in page.select_one(".task__state--done .vote-chip").get_text()
    for action, data in (("vote", {"stars": "5"}), ("skip", {}), ("recuse", {"reason": "x"})):
        response = client.post(
            f"/jury/tasks/{task.id}/{action}", data={"csrf_token": token, **data}
        )
        assert response.status_code == 409
        assert text_of(response, "h1") == "This round is closed"
        assert "Vorrunde" in text_of(response, ".lead")
    assert rating.votes("jana") == {task.entry_id: {"stars": 3}}


def test_someone_elses_task_looks_exactly_like_a_missing_one(
    client: TestClient, rating: JuryWorld
) -> None:
    token = sign_in(client, make_user(rating.session, "nora", "juror"))
    janas = rating.tasks("jana")[0].id
    missing = 2**31 - 1
    assert rating.session.get(Assignment, missing) is None
    for method, suffix in (("GET", ""), ("POST", "/vote"), ("POST", "/skip"), ("POST", "/recuse")):
        theirs = client.request(
            method, f"/jury/tasks/{janas}{suffix}", data={"csrf_token": token, "stars": "5"}
        )
        nothing = client.request(
            method, f"/jury/tasks/{missing}{suffix}", data={"csrf_token": token, "stars": "5"}
        )
        assert theirs.status_code == nothing.status_code == 404
        # the same page, but for the address in the language switch
        assert theirs.text.replace(f"/tasks/{janas}", "/tasks/N") == nothing.text.replace(
            f"/tasks/{missing}", "/tasks/N"
        )
    assert rating.votes("jana") == {}


def test_odd_task_addresses_are_refused_cleanly(client: TestClient, rating: JuryWorld) -> None:
    as_juror(client, rating)
    for path in ("/jury/tasks/0", "/jury/tasks/99999999999999999999", "/jury/tasks/abc"):
        assert client.get(path).status_code in (400, 404)


def test_captions_are_escaped(client: TestClient, session: Session) -> None:
    world = build_world(session, method=RoundMethod("rating"), entries=1)
    world.secret.caption = '<script>alert("x")</script><img src=x onerror=alert(1)> & Co.'
    world.secret.town = "<b>Gotha</b>"
    session.flush()
    as_juror(client, world)
    task = next(t for t in world.tasks("jana") if t.entry_id == world.secret.id)
    response = client.get(f"/jury/tasks/{task.id}")
    assert "<script>alert" not in response.text and "<img src=x" not in response.text
    assert "&lt;script&gt;" in response.text
    assert text_of(response, "h1") == "<b>Gotha</b>"


def test_the_task_page_is_german_by_default(client: TestClient, yesno: JuryWorld) -> None:
    as_juror(client, yesno)
    task = yesno.tasks("jana")[0]
    response = client.get(f"/jury/tasks/{task.id}", headers={"accept-language": "de"})
    page = html(response)
    assert "Foto 1 von 6" in page.select_one(".task-bar__position").get_text(" ")
    assert page.select_one("label[for=vote-yes]").get_text(" ", strip=True).startswith("Ja")
    assert (
        page.select_one("[data-vote-submit]")
        .get_text(" ", strip=True)
        .startswith("Speichern und weiter")
    )
    assert response.headers["cache-control"] == "no-store"


def test_pages_carry_no_inline_script_or_style(client: TestClient, criteria: JuryWorld) -> None:
    as_juror(client, criteria)
    task = criteria.tasks("jana")[0]
    for path in ("/jury", f"/jury/rounds/{criteria.round.id}", f"/jury/tasks/{task.id}"):
        page = html(client.get(path))
        assert all(script.get("src") for script in page.select("script"))
        assert page.select("[style]") == [] and page.select("style") == []
        assert page.select_one("script[src='/static/jury.js']") is not None
