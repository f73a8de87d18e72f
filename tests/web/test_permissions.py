"""Every `/admin` and `/jury` route demands the right role: proven over the app's route table.

The table is read from the app itself, so a route added later is checked without editing this
file. Path parameters are filled with `1`; the auth check runs before anything looks them up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from contest.models import User
from contest.settings import Settings
from tests.web.admin_support import make_contest, make_user, sign_in

PROTECTED_PREFIXES = ("/admin", "/jury")


def route_table() -> list[tuple[str, str]]:
    """(method, path) of every protected route, from an app built without a database."""
    from web.app import create_app

    settings = Settings(database_url="sqlite://", env="test", _env_file=None)
    with mock.patch("web.app.require_current_schema"):
        app = create_app(settings)
    table = []
    for full_path, methods in api_routes(app.routes):
        if full_path.startswith(PROTECTED_PREFIXES):
            path = re.sub(r"\{[^}]+\}", "1", full_path)
            table.extend((method, path) for method in sorted(methods - {"HEAD"}))
    return sorted(set(table))


def api_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, set[str]]]:
    """(full path, methods) of every API route, also inside included routers.

    Newer FastAPI keeps included routers as nodes (with `original_router` and the include's
    prefix) instead of copying their routes into the app; both layouts are walked.
    """
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from api_routes(included.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(route, APIRoute):
            yield prefix + route.path, set(route.methods)


ROUTES = route_table()
ADMIN_ROUTES = [(method, path) for method, path in ROUTES if path.startswith("/admin")]
JURY_ROUTES = [(method, path) for method, path in ROUTES if path.startswith("/jury")]


def ids(routes: list[tuple[str, str]]) -> list[str]:
    return [f"{method} {path}" for method, path in routes]


def test_the_console_has_routes_to_check() -> None:
    assert len(ADMIN_ROUTES) >= 10
    assert ("GET", "/admin") in ADMIN_ROUTES


def test_the_jury_has_routes_to_check() -> None:
    assert ("GET", "/jury") in JURY_ROUTES
    assert ("POST", "/jury/tasks/1/vote") in JURY_ROUTES


@pytest.fixture
def juror(session: Session) -> User:
    make_contest(session)
    return make_user(session, "jana", "juror")


@pytest.fixture
def organiser(session: Session) -> User:
    make_contest(session)
    return make_user(session, "olga", "organiser")


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=ids(ROUTES))
def test_anonymous_pages_redirect_to_log_in(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=ids(ROUTES))
def test_anonymous_non_page_requests_get_401(client: TestClient, method: str, path: str) -> None:
    response = client.request(
        method, path, headers={"accept": "application/json"}, follow_redirects=False
    )
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES, ids=ids(ADMIN_ROUTES))
def test_juror_gets_403_on_every_console_route(
    client: TestClient, juror: User, method: str, path: str
) -> None:
    token = sign_in(client, juror)
    response = client.request(method, path, data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 403
    assert "organisers" in response.text


@pytest.mark.parametrize(("method", "path"), JURY_ROUTES, ids=ids(JURY_ROUTES))
def test_organiser_gets_403_on_every_jury_route(
    client: TestClient, organiser: User, method: str, path: str
) -> None:
    token = sign_in(client, organiser)
    response = client.request(method, path, data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 403


POST_ADMIN_ROUTES = [(method, path) for method, path in ADMIN_ROUTES if method == "POST"]


@pytest.mark.parametrize(("method", "path"), POST_ADMIN_ROUTES, ids=ids(POST_ADMIN_ROUTES))
def test_every_console_form_needs_the_csrf_token(
    client: TestClient, organiser: User, method: str, path: str
) -> None:
    sign_in(client, organiser)
    response = client.request(method, path, data={"note": "x"}, follow_redirects=False)
    assert response.status_code == 403
    assert "The form has expired" in response.text


POST_JURY_ROUTES = [(method, path) for method, path in JURY_ROUTES if method == "POST"]


@pytest.mark.parametrize(("method", "path"), POST_JURY_ROUTES, ids=ids(POST_JURY_ROUTES))
def test_every_jury_form_needs_the_csrf_token(
    client: TestClient, juror: User, method: str, path: str
) -> None:
    sign_in(client, juror)
    response = client.request(method, path, data={"stars": "5"}, follow_redirects=False)
    assert response.status_code == 403
    assert "The form has expired" in response.text
