"""Log-in, log-out, sessions and CSRF, as a browser sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.accounts import reset_password, set_active
from contest.models import AuditEvent, LoginAttempt, User, utcnow
from contest.settings import Settings
from tests.web.admin_support import (
    PASSWORD,
    csrf_from,
    html,
    make_contest,
    make_user,
    sign_in,
    text_of,
)
from web.auth import cookies


def log_in(client: TestClient, username: str, password: str = PASSWORD, next: str = ""):
    form_page = client.get("/login")
    token = html(form_page).select_one("input[name=csrf_token]")["value"]
    return client.post(
        "/login",
        data={"username": username, "password": password, "next": next, "csrf_token": token},
        follow_redirects=False,
    )


@pytest.fixture
def organiser(session: Session) -> User:
    make_contest(session)
    return make_user(session, "olga", "organiser")


def test_organiser_logs_in_and_reaches_the_console(client: TestClient, organiser: User) -> None:
    response = log_in(client, "olga")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin"
    assert client.get("/admin").status_code == 200


def test_juror_is_sent_to_the_jury_after_log_in(client: TestClient, session: Session) -> None:
    make_user(session, "jonas", "juror")
    assert log_in(client, "jonas").headers["location"] == "/jury"


def test_session_cookie_is_httponly_lax_and_not_secure_without_tls(
    client: TestClient, organiser: User
) -> None:
    set_cookie = log_in(client, "olga").headers["set-cookie"].lower()
    assert "httponly" in set_cookie
    assert "samesite=lax" in set_cookie
    assert "secure" not in set_cookie.replace("samesite", "")


def test_cookie_is_secure_when_configured(web_settings: Settings, engine, session) -> None:
    from web.app import create_app

    app = create_app(web_settings.model_copy(update={"secure_cookies": True}))
    try:
        response = TestClient(app, base_url="https://testserver").get("/login")
        assert "; secure" in response.headers["set-cookie"].lower()
    finally:
        app.state.engine.dispose()


def test_log_in_starts_a_new_session_id(client: TestClient, organiser: User) -> None:
    client.get("/login")
    settings = client.app.state.settings
    before = cookies.decode(client.cookies[cookies.COOKIE_NAME], settings)
    log_in(client, "olga")
    after = cookies.decode(client.cookies[cookies.COOKIE_NAME], settings)
    assert before is not None and after is not None
    assert after.user_id == organiser.id
    assert after.sid != before.sid


@pytest.mark.parametrize("username", ["olga", "nobody"])
def test_wrong_password_or_unknown_user_get_the_same_answer(
    client: TestClient, organiser: User, username: str
) -> None:
    response = log_in(client, username, password="not the password")
    assert response.status_code == 401
    assert "Username or password is wrong." in text_of(response, ".notice-error")
    assert (
        cookies.decode(client.cookies[cookies.COOKIE_NAME], client.app.state.settings).user_id
        is None
    )


def test_log_in_follows_a_local_next_page(client: TestClient, organiser: User) -> None:
    assert log_in(client, "olga", next="/admin/audit").headers["location"] == "/admin/audit"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_log_in_ignores_a_next_page_elsewhere(
    client: TestClient, organiser: User, target: str
) -> None:
    assert log_in(client, "olga", next=target).headers["location"] == "/admin"


def test_log_in_without_csrf_token_is_refused(client: TestClient, organiser: User) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "olga", "password": PASSWORD})
    assert response.status_code == 403
    assert "The form has expired" in text_of(response, "h1")


def test_csrf_token_of_another_session_is_refused(client: TestClient, organiser: User) -> None:
    client.get("/login")
    foreign = TestClient(client.app)
    foreign.get("/login")
    token = csrf_from(foreign)
    response = client.post(
        "/login", data={"username": "olga", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 403


def test_failed_log_ins_pause_the_account(client: TestClient, organiser: User, session) -> None:
    for _ in range(3):  # the web settings allow 3 per 15 minutes
        assert log_in(client, "olga", password="wrong password").status_code == 401
    response = log_in(client, "olga")  # even the right password waits now
    assert response.status_code == 429
    assert "Too many failed log-ins" in text_of(response, ".notice-error")
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_the_pause_is_read_from_the_database(client: TestClient, organiser: User, session) -> None:
    """Failures recorded by another web process count the same as this one's."""
    for _ in range(3):
        session.add(LoginAttempt(key="account:olga", succeeded=False))
    session.commit()
    assert log_in(client, "olga").status_code == 429


def test_failures_older_than_the_window_do_not_count(
    client: TestClient, organiser: User, session
) -> None:
    long_ago = utcnow() - timedelta(minutes=16)
    for _ in range(5):
        session.add(LoginAttempt(key="account:olga", at=long_ago, succeeded=False))
    session.commit()
    assert log_in(client, "olga").status_code == 303
    assert session.scalar(select(LoginAttempt).where(LoginAttempt.at == long_ago)) is None


def test_log_out_ends_the_session(client: TestClient, organiser: User, session) -> None:
    log_in(client, "olga")
    response = client.post(
        "/logout", data={"csrf_token": csrf_from(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert client.get("/admin", follow_redirects=False).headers["location"].startswith("/login")
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.actor == "olga")).all()
    assert {"user.logged_in", "user.logged_out"} <= set(actions)


def test_log_out_everywhere_ends_sessions_on_other_devices(
    client: TestClient, organiser: User
) -> None:
    laptop, phone = client, TestClient(client.app, headers={"accept": "text/html"})
    sign_in(laptop, organiser)
    sign_in(phone, organiser)
    assert phone.get("/admin").status_code == 200
    laptop.post("/account/logout-everywhere", data={"csrf_token": csrf_from(laptop)})
    assert phone.get("/admin", follow_redirects=False).status_code == 303
    assert laptop.get("/admin", follow_redirects=False).status_code == 303


def test_password_reset_ends_the_sessions(client: TestClient, organiser: User, session) -> None:
    sign_in(client, organiser)
    reset_password(session, organiser, password="another long secret", actor="t", one_time=False)
    session.commit()
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_deactivated_account_is_logged_out_and_cannot_log_in(
    client: TestClient, organiser: User, session
) -> None:
    sign_in(client, organiser)
    set_active(session, organiser, active=False, actor="t")
    session.commit()
    assert client.get("/admin", follow_redirects=False).status_code == 303
    assert log_in(client, "olga").status_code == 401


def test_cookie_signed_with_another_key_is_ignored(client: TestClient, organiser: User) -> None:
    forged_settings = client.app.state.settings.model_copy(
        update={"secret_key": SecretStr("x" * 40)}
    )
    forged = cookies.encode(cookies.signed_in_session(organiser), forged_settings)
    client.cookies.set(cookies.COOKIE_NAME, forged)
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_cookie_expires_after_the_session_lifetime(
    client: TestClient, organiser: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    import itsdangerous.timed

    old = cookies.SESSION_LIFETIME.total_seconds() + 60
    real_time = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() - old)
    sign_in(client, organiser)
    monkeypatch.setattr(itsdangerous.timed.time, "time", real_time)
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_one_time_password_must_be_replaced_before_anything_else(
    client: TestClient, session: Session
) -> None:
    make_contest(session)
    make_user(session, "olga", "organiser", password_change_required=True)
    response = log_in(client, "olga")
    assert response.headers["location"] == "/account?notice=choose-password"
    assert client.get("/admin", follow_redirects=False).headers["location"].startswith("/account")
    page = client.get("/account")
    assert "choose your own password" in text_of(page, ".notice")
    changed = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "my own long passphrase",
            "new_password_again": "my own long passphrase",
            "csrf_token": csrf_from(client),
        },
        follow_redirects=False,
    )
    assert changed.headers["location"] == "/account?notice=password-changed"
    assert client.get("/admin").status_code == 200


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        (
            "wrong password!",
            "my own long passphrase",
            "my own long passphrase",
            "current password is wrong",
        ),
        (PASSWORD, "short", "short", "at least 10 characters"),
        (PASSWORD, "my own long passphrase", "my own long passphrasE", "differ"),
    ],
)
def test_password_change_explains_what_is_wrong(
    client: TestClient, organiser: User, current: str, new: str, again: str, message: str
) -> None:
    sign_in(client, organiser)
    response = client.post(
        "/account/password",
        data={
            "current_password": current,
            "new_password": new,
            "new_password_again": again,
            "csrf_token": csrf_from(client),
        },
    )
    assert response.status_code == 400
    assert message in text_of(response, ".notice-error")


def test_signed_in_pages_are_not_cached(client: TestClient, organiser: User) -> None:
    sign_in(client, organiser)
    assert client.get("/admin").headers["cache-control"] == "no-store"


def test_oversized_request_is_refused_before_parsing(client: TestClient) -> None:
    response = client.post(
        "/login", content=b"x" * 10, headers={"content-length": str(200 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert "zu groß" in response.text
