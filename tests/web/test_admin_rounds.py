"""The rounds page: creating a round, its lifecycle buttons, and its jury and quorum."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, Round, User
from judging.ballots import RoundMethod
from tests.web.admin_support import html, text_of
from tests.web.judging_support import JudgingScene, audit_rows, by_likes, submit


def panel(client: TestClient, sequence: int = 1):
    return html(client.get("/admin/rounds")).select_one(f"#round-{sequence}")


def open_tasks(session: Session, round_: Round, juror: User) -> int:
    return len(
        session.scalars(
            select(Assignment).where(
                Assignment.round_id == round_.id,
                Assignment.user_id == juror.id,
                Assignment.status == "open",
            )
        ).all()
    )


def test_a_round_is_created_from_the_form(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.frozen(4)
    scene.jurors("jana", "olaf", "uwe")
    response = organiser_client.post(
        "/admin/rounds",
        data={
            "csrf_token": html(organiser_client.get("/admin/rounds")).select_one(
                "form.round-form [name=csrf_token]"
            )["value"],
            "name": "Vorrunde",
            "method": "rating",
            "quorum": "2",
            "scale": "5",
            "criterion_1": "Motiv / Innenstadt",
            "weight_1": "0.6",
            "criterion_2": "Bildaufbau",
            "weight_2": "0.4",
            "source": "shortlist",
            "jurors": ["jana", "uwe"],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/rounds?notice=created#round-1"
    round_ = scene.round(1)
    assert (round_.name, round_.method, round_.quorum, round_.status) == (
        "Vorrunde",
        "rating",
        2,
        "draft",
    )
    assert [c["key"] for c in round_.config["criteria"]] == ["motiv-innenstadt", "bildaufbau"]
    (created,) = audit_rows(session, "round.created")
    assert created.actor == "olga"
    shown = panel(organiser_client)
    assert "Motiv / Innenstadt (0.6)" in shown.select_one(".round-facts").get_text()
    assert {th.get_text() for th in shown.select(".progress-table tbody th")} == {"jana", "uwe"}


def test_form_mistakes_are_marked_and_what_was_typed_stays(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    response = submit(
        organiser_client,
        "/admin/rounds",
        name="Finale",
        method="rating",
        quorum="2",
        criterion_1="Motiv",
        weight_1="viel",
    )
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("[name=weight_1]")["aria-invalid"] == "true"
    assert "above 0" in page.select_one("#weight_1-error").get_text()
    assert page.select_one("#round-name")["value"] == "Finale"
    assert scene.round(1) is None


def test_a_first_round_cannot_start_before_the_freeze(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.entries(3)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.org.create_round(
        name="Vorrunde",
        method=RoundMethod("yesno"),
        quorum=1,
        jurors=[j.username for j in jurors],
    )
    response = submit(organiser_client, f"/admin/rounds/{round_.id}/activate")
    assert response.status_code == 409
    assert "not frozen" in text_of(response, ".notice-error")
    assert scene.round(1).status == "draft"


def test_activate_close_and_finalize(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.frozen(3)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.org.create_round(
        name="Vorrunde",
        method=RoundMethod("rating"),
        quorum=2,
        jurors=["jana", "olaf"],
    )
    response = submit(organiser_client, f"/admin/rounds/{round_.id}/activate")
    assert response.headers["location"] == "/admin/rounds?notice=activated#round-1"
    progress = panel(organiser_client).select(".progress-table tbody tr")
    assert [" ".join(row.get_text().split()[:4]) for row in progress] == [
        "jana 0 of 3",
        "olaf 0 of 3",
    ]
    scene.vote(round_, jurors[:1], by_likes)
    submit(organiser_client, f"/admin/rounds/{round_.id}/close")
    assert scene.round(1).status == "closed"
    assert "fewer votes than needed" in panel(organiser_client).select_one(".warning").get_text()

    refused = submit(organiser_client, f"/admin/rounds/{round_.id}/finalize")
    assert refused.status_code == 409
    assert "fewer than 2 votes" in text_of(refused, ".notice-error")
    submit(
        organiser_client,
        f"/admin/rounds/{round_.id}/finalize",
        accept_incomplete="1",
        note="Olaf ist ausgefallen",
    )
    session.refresh(round_)
    assert round_.status == "finalized"
    (event,) = audit_rows(session, "round.finalized")
    assert (event.actor, event.data["note"], len(event.data["below_quorum"])) == (
        "olga",
        "Olaf ist ausgefallen",
        3,
    )


def test_reopening_needs_a_reason(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.frozen(2)
    round_ = scene.running(scene.jurors("jana", "olaf"))
    scene.org.close_round(round_)
    refused = submit(organiser_client, f"/admin/rounds/{round_.id}/reopen", reason=" ")
    assert refused.status_code == 400
    assert "needs a reason" in text_of(refused, ".notice-error")
    submit(organiser_client, f"/admin/rounds/{round_.id}/reopen", reason="Jana war krank")
    session.refresh(round_)
    assert round_.status == "active"
    (event,) = audit_rows(session, "round.reopened")
    assert event.data["reason"] == "Jana war krank"


def test_changing_the_jury_of_a_running_round_moves_open_tasks(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.frozen(4)
    jana, olaf, uwe = scene.jurors("jana", "olaf", "uwe")
    round_ = scene.running([jana, olaf], quorum=2)
    assert open_tasks(session, round_, olaf) == 4
    response = submit(organiser_client, f"/admin/rounds/{round_.id}/jurors", jurors=["jana", "uwe"])
    assert response.headers["location"] == "/admin/rounds?notice=jury#round-1"
    session.expire_all()
    assert (open_tasks(session, round_, olaf), open_tasks(session, round_, uwe)) == (0, 4)
    assert audit_rows(session, "round.jurors.changed")[-1].actor == "olga"
    assert "redistributed" in text_of(organiser_client.get(response.headers["location"]), ".notice")


def test_the_quorum_can_change_while_the_round_runs(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    scene.frozen(2)
    round_ = scene.running(scene.jurors("jana", "olaf"), quorum=2)
    assert (
        submit(organiser_client, f"/admin/rounds/{round_.id}/quorum", quorum="x").status_code == 400
    )
    submit(organiser_client, f"/admin/rounds/{round_.id}/quorum", quorum="1")
    session.refresh(round_)
    assert round_.quorum == 1
    assert audit_rows(session, "round.quorum.changed")[0].data == {
        "round": "Vorrunde",
        "before": 2,
        "after": 1,
    }


def test_a_finalized_round_offers_no_buttons(
    organiser_client: TestClient, scene: JudgingScene
) -> None:
    scene.frozen(2)
    jurors = scene.jurors("jana", "olaf")
    round_ = scene.running(jurors)
    scene.vote(round_, jurors, by_likes)
    scene.finalized(round_)
    shown = panel(organiser_client)
    assert not shown.select("form[action^='/admin/rounds/']")
    assert "Finalized on" in shown.select_one(".round-actions").get_text()


def test_an_unknown_round_is_not_found(organiser_client: TestClient) -> None:
    assert submit(organiser_client, "/admin/rounds/999/close").status_code == 404
    assert organiser_client.get("/admin/rounds/999/standings").status_code == 404
