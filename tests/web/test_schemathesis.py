"""Schemathesis against every route the app declares: no request, however odd, ends in a 500.

The app publishes no OpenAPI document (openapi_url=None), so the test builds one from its routes
with FastAPI's own `get_openapi` and hands it to schemathesis, which then calls the app in-process
(ASGI). Each generated request is sent three times: anonymously, as the organiser and as a juror,
each with its session cookie and CSRF header, so form posts reach their handlers rather than
stopping at the CSRF check. The budget is small (a few examples per route) to stay fast in CI.
"""

from __future__ import annotations

from collections.abc import Iterator

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from contest.db import make_engine, make_session_factory, transaction
from contest.models import User
from contest.schema import upgrade_to_head
from contest.settings import Settings
from judging.ballots import RoundMethod
from tests.browser.server import install_missing_rules_modules
from tests.conftest import ON_POSTGRES, _create_database, _drop_database
from tests.web.admin_support import make_user
from tests.web.jury.support import build_world
from web.app import create_app
from web.auth import cookies
from web.csrf import CSRF_HEADER, token_for_session

EXAMPLES_PER_ROUTE = 4
# Ending the session would sign the fuzzer out for every later route; these go anonymously only.
SIGN_OUTS = frozenset({"/logout", "/account/logout-everywhere"})


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The real app on a database of its own holding an active jury round, a juror and an
    organiser (the fuzzer's posts commit, so it does not share the rolled-back test database)."""
    workdir = tmp_path_factory.mktemp("schemathesis")
    name = f"dsnap_s_{workdir.name[-8:].replace('-', '_')}"
    url = _create_database(name) if ON_POSTGRES else f"sqlite:///{workdir / 'fuzz.sqlite3'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    with transaction(make_session_factory(engine)) as session:
        build_world(session, method=RoundMethod("rating"), jurors=("jana", "olaf"))
        make_user(session, "olga", "organiser")
    engine.dispose()
    settings = Settings(
        database_url=url,
        data_dir=workdir / "media",
        env="test",
        secret_key="schemathesis-secret-" + "x" * 32,
        _env_file=None,
    )
    patch = pytest.MonkeyPatch()
    install_missing_rules_modules(patch)
    app = create_app(settings)
    try:
        yield app
    finally:
        app.state.engine.dispose()
        patch.undo()
        if ON_POSTGRES:
            _drop_database(name)


@pytest.fixture(scope="module")
def web_schema(fuzzed_app: FastAPI) -> schemathesis.BaseSchema:
    document = get_openapi(title="Downtown-Snap", version="fuzz", routes=fuzzed_app.routes)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = fuzzed_app
    return schema


@pytest.fixture(scope="module")
def identities(fuzzed_app: FastAPI) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Role -> (cookies, headers) for an anonymous visitor, the organiser and a juror."""
    settings = fuzzed_app.state.settings
    made: dict[str, tuple[dict[str, str], dict[str, str]]] = {"anonymous": ({}, {})}
    with fuzzed_app.state.sessions() as session:
        for username in ("olga", "jana"):
            user = session.query(User).filter_by(username=username).one()
            signed_in = cookies.signed_in_session(user)
            made[user.role] = (
                {cookies.COOKIE_NAME: cookies.encode(signed_in, settings)},
                {CSRF_HEADER: token_for_session(signed_in.sid, settings)},
            )
    return made


def test_no_request_ends_in_a_server_error(
    web_schema: schemathesis.BaseSchema,
    identities: dict[str, tuple[dict[str, str], dict[str, str]]],
) -> None:
    """Every operation, a few generated cases each, sent as every role: nothing answers 5xx.

    (schemathesis' own pytest loader does not run under pytest 9, so the operations are walked
    here and each gets a small hypothesis run of its own.)"""
    failures: list[str] = []
    operations = [result.ok() for result in web_schema.get_all_operations()]
    # The console's posts may deactivate the juror or close the round: they go last.
    operations.sort(key=lambda operation: operation.path.startswith("/admin"))
    assert len(operations) > 30, "the schema lost most of the app's routes"
    for operation in operations:

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=EXAMPLES_PER_ROUTE,
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_server_error(case: schemathesis.Case) -> None:
            for role, (cookie_jar, headers) in identities.items():
                if case.path in SIGN_OUTS and role != "anonymous":
                    continue
                response = case.call(cookies=cookie_jar, headers=headers)
                assert response.status_code < 500, (
                    f"{role}: {case.method} {case.formatted_path} -> {response.status_code}\n"
                    f"{response.text[:500]}"
                )

        try:
            no_server_error()
        except AssertionError as failure:
            failures.append(str(failure)[:800])
    assert not failures, "\n\n".join(failures)
