"""Fixtures of the public pages' tests: the app in-process on the test's rolled-back session
(a fresh app per test, with the organiser's settings filled in), a contest, the rules stand-ins."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from contest.models import Contest
from contest.settings import Settings
from tests.web.public import factories
from tests.web.public.fake_rules import install_fake_rules
from web import rules_bridge
from web.app import create_app
from web.deps import get_session


@pytest.fixture
def app(settings: Settings, engine: Engine, session: Session) -> FastAPI:
    """The real app, whose requests use the test's session (so nothing outlives the test)."""
    settings = settings.model_copy(
        update={
            "organiser_name": "Bündnis Innenstädte mit Zukunft",
            "organiser_address": "Musterstraße 1; 99084 Erfurt",
            "organiser_email": "kontakt@example.org",
            "privacy_contact": "datenschutz@example.org",
        }
    )
    application = create_app(settings)

    def test_session() -> Iterator[Session]:
        yield session
        session.flush()

    application.dependency_overrides[get_session] = test_session
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def contest(session: Session) -> Contest:
    return factories.make_contest(session)


@pytest.fixture
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`rules.reasons` and `rules.gazetteer` as the rules issue defines them (see fake_rules)."""
    install_fake_rules(monkeypatch)
    yield
    rules_bridge.gazetteer_towns.cache_clear()


@pytest.fixture
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if `rules.gazetteer` could not be imported."""
    monkeypatch.setitem(sys.modules, "rules.gazetteer", None)
    rules_bridge.gazetteer_towns.cache_clear()
    yield
    rules_bridge.gazetteer_towns.cache_clear()
