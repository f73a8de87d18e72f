"""Web fixtures: one app on the test database; requests share the test's rolled-back session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from contest.settings import Settings
from tests.web.admin_support import make_contest, make_user, sign_in
from tests.web.judging_support import JudgingScene
from web.app import create_app
from web.deps import get_session

HTML = {"accept": "text/html", "accept-language": "en"}


@pytest.fixture(scope="session")
def web_settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=tmp_path_factory.mktemp("web-media"),
        env="test",
        secret_key="test-secret-" + "w" * 32,
        login_attempts_per_15_min=3,
        _env_file=None,
    )


@pytest.fixture(scope="session")
def web_app(web_settings: Settings, engine: Engine) -> Iterator[FastAPI]:
    app = create_app(web_settings)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client(web_app: FastAPI, session: Session) -> Iterator[TestClient]:
    """Requests run in the test's session, so everything they write is rolled back after."""

    def test_session() -> Iterator[Session]:
        session.commit()  # the test's set-up is "already there", as it would be in production
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    web_app.dependency_overrides[get_session] = test_session
    with TestClient(web_app, headers=HTML) as test_client:
        yield test_client
    web_app.dependency_overrides.pop(get_session, None)


@pytest.fixture
def scene(session: Session, web_settings: Settings) -> JudgingScene:
    """The preset contest, ready for judging: entries, jurors and rounds are added per test."""
    return JudgingScene(session, make_contest(session), web_settings.data_dir)


@pytest.fixture
def organiser_client(client: TestClient, session: Session, scene: JudgingScene) -> TestClient:
    """The console, signed in as the organiser `olga` (the name `scene.org` acts under)."""
    sign_in(client, make_user(session, "olga", "organiser"))
    return client
