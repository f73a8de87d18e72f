"""Managing jurors: invitation with a one-time password, resets, deactivation, conflicts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.models import Assignment, AuditEvent, Contest, JurorConflict, User
from tests.web.admin_support import (
    PASSWORD,
    csrf_from,
    html,
    make_contest,
    make_user,
    sign_in,
    text_of,
)
from tests.web.judging_support import JudgingScene, audit_rows


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


def post(console: TestClient, path: str, **data: str):
    return console.post(path, data={"csrf_token": csrf_from(console), **data})


def actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_invitation_shows_the_one_time_password_once(console: TestClient, session: Session) -> None:
    response = post(console, "/admin/jurors", username="Anna.Schmidt", display_name="Anna S")
    assert response.status_code == 200
    password = html(response).select_one(".one-time .password code").get_text()
    assert len(password) == 19
    assert "anna.schmidt" in text_of(response, ".one-time h2")
    juror = session.scalar(select(User).where(User.username == "anna.schmidt"))
    assert juror.role == "juror" and juror.password_change_required
    assert password not in console.get("/admin/jurors").text, "shown only once"
    assert password not in str(session.scalars(select(AuditEvent.data)).all())


def test_invited_juror_logs_in_and_must_choose_a_password(
    console: TestClient, session: Session
) -> None:
    response = post(console, "/admin/jurors", username="jana")
    password = html(response).select_one(".one-time .password code").get_text()
    juror_browser = TestClient(console.app, headers={"accept": "text/html"})
    login = html(juror_browser.get("/login"))
    answer = juror_browser.post(
        "/login",
        data={
            "username": "jana",
            "password": password,
            "csrf_token": login.select_one("[name=csrf_token]")["value"],
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/account?notice=choose-password"


@pytest.mark.parametrize(
    ("username", "message"),
    [("has space", "no spaces"), ("olga", "taken"), ("", "no spaces")],
)
def test_invitation_explains_a_bad_username(
    console: TestClient, username: str, message: str
) -> None:
    response = post(console, "/admin/jurors", username=username, display_name="Keep me")
    assert response.status_code == 400
    assert message in text_of(response, ".notice-error")
    assert html(response).select_one("#invite-name")["value"] == "Keep me"


def test_password_reset_gives_a_new_one_time_password(
    console: TestClient, session: Session
) -> None:
    juror = make_user(session, "jana", "juror")
    version = juror.session_version
    response = post(console, f"/admin/jurors/{juror.id}/password")
    assert html(response).select_one(".one-time .password code") is not None
    session.refresh(juror)
    assert juror.password_change_required
    assert juror.session_version == version + 1
    assert "user.password.reset" in actions(session)


def test_deactivate_and_reactivate(console: TestClient, session: Session) -> None:
    juror = make_user(session, "jana", "juror")
    response = post(console, f"/admin/jurors/{juror.id}/active", active="0")
    assert "deactivated" in text_of(response, ".notice")
    session.refresh(juror)
    assert not juror.active
    page = html(response)
    assert page.select_one(f"form[action='/admin/jurors/{juror.id}/active'] button.accept")
    post(console, f"/admin/jurors/{juror.id}/active", active="1")
    session.refresh(juror)
    assert juror.active
    assert actions(session)[-2:] == ["user.deactivated", "user.reactivated"]


def test_log_out_a_juror_everywhere(console: TestClient, session: Session) -> None:
    juror = make_user(session, "jana", "juror")
    juror_browser = TestClient(console.app, headers={"accept": "text/html"})
    sign_in(juror_browser, juror)
    assert juror_browser.get("/account").status_code == 200
    post(console, f"/admin/jurors/{juror.id}/logout")
    assert juror_browser.get("/account", follow_redirects=False).status_code == 303


def test_conflicts_are_added_listed_and_removed(
    console: TestClient, session: Session, contest: Contest
) -> None:
    juror = make_user(session, "jana", "juror")
    response = post(
        console,
        f"/admin/jurors/{juror.id}/conflicts",
        kind="account",
        value="@Tochter_Foto",
        note="daughter",
    )
    assert "The conflict is recorded." in text_of(response, ".notice")
    conflict = session.scalar(select(JurorConflict))
    assert (conflict.kind, conflict.value, conflict.contest_id) == (
        "account",
        "tochter_foto",
        contest.id,
    )
    listed = html(response).select_one(".conflicts li").get_text(" ", strip=True)
    assert "@tochter_foto" in listed and "daughter" in listed
    post(console, f"/admin/jurors/{juror.id}/conflicts/{conflict.id}/delete")
    assert session.scalar(select(JurorConflict)) is None
    assert actions(session)[-2:] == ["juror.conflict.declared", "juror.conflict.withdrawn"]


def test_an_empty_conflict_is_refused(console: TestClient, session: Session) -> None:
    juror = make_user(session, "jana", "juror")
    response = post(console, f"/admin/jurors/{juror.id}/conflicts", kind="town", value="  ")
    assert response.status_code == 400
    assert "needs the account or the town" in text_of(response, ".notice-error")


def test_organiser_accounts_are_not_managed_here(console: TestClient, organiser: User) -> None:
    assert post(console, f"/admin/jurors/{organiser.id}/active", active="0").status_code == 404


def test_last_log_in_is_shown(console: TestClient, session: Session) -> None:
    juror = make_user(session, "jana", "juror")

    def last_login() -> str:
        head = html(console.get("/admin/jurors")).select_one(f"#juror-{juror.id}").find_parent()
        return head.get_text(" ", strip=True).split("last log-in:")[1]

    assert "never" in last_login()
    juror_browser = TestClient(console.app, headers={"accept": "text/html"})
    token = html(juror_browser.get("/login")).select_one("[name=csrf_token]")["value"]
    juror_browser.post(
        "/login", data={"username": "jana", "password": PASSWORD, "csrf_token": token}
    )
    assert "never" not in last_login()


def test_a_conflict_declared_mid_round_takes_the_jurors_tasks_away(
    organiser_client: TestClient, session: Session, scene: JudgingScene
) -> None:
    entries = scene.frozen(3)
    jana, olaf, uwe = scene.jurors("jana", "olaf", "uwe")
    round_ = scene.running([jana, olaf, uwe], quorum=2)
    daughter = entries[0].participant.username

    def has_task(juror: User) -> bool:
        return (
            session.scalar(
                select(Assignment).where(
                    Assignment.round_id == round_.id,
                    Assignment.entry_id == entries[0].id,
                    Assignment.user_id == juror.id,
                    Assignment.status == "open",
                )
            )
            is not None
        )

    holder = next(juror for juror in (jana, olaf, uwe) if has_task(juror))
    response = post(
        organiser_client,
        f"/admin/jurors/{holder.id}/conflicts",
        kind="account",
        value=f"@{daughter}",
        note="Tochter",
    )
    assert "The conflict is recorded." in text_of(response, ".notice")
    session.expire_all()
    assert not has_task(holder)
    others = [juror for juror in (jana, olaf, uwe) if juror is not holder]
    assert all(has_task(juror) for juror in others), "the quorum is met by the others"
    assert audit_rows(session, "assignment.withdrawn") or audit_rows(
        session, "assignment.reassigned"
    )
