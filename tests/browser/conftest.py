"""End-to-end tests in real headless Chromium.

One server per test session: uvicorn in a thread on 127.0.0.1 and a free port, serving the real
app against a database and data directory of its own (SQLite, or a fresh PostgreSQL database when
DOWNTOWN_SNAP_TEST_DATABASE_URL names one), filled with the showcase contest. Playwright drives
Debian's Chromium (`DOWNTOWN_SNAP_CHROMIUM`, default /usr/bin/chromium); nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
import threading
import time
import types
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from contest.db import make_engine, make_session_factory, transaction
from contest.schema import upgrade_to_head
from contest.settings import Settings
from tests import conftest as root
from tests.browser.showcase import seed_showcase
from tests.web import fake_rules
from web import rules_bridge
from web.app import create_app

CHROMIUM = os.environ.get("DOWNTOWN_SNAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Site:
    base_url: str
    data_dir: Path

    def url(self, path: str) -> str:
        return self.base_url + path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _install_missing_rules_modules(patch: pytest.MonkeyPatch) -> None:
    """Use the real `rules.reasons` / `rules.gazetteer` when present, the stand-ins otherwise."""
    if importlib.util.find_spec("rules.reasons") is None:
        module = types.ModuleType("rules.reasons")
        module.explain = fake_rules.explain  # type: ignore[attr-defined]
        patch.setitem(sys.modules, "rules.reasons", module)
    if importlib.util.find_spec("rules.gazetteer") is None:
        module = types.ModuleType("rules.gazetteer")
        module.load_gazetteer = fake_rules.load_gazetteer  # type: ignore[attr-defined]
        patch.setitem(sys.modules, "rules.gazetteer", module)
    rules_bridge.gazetteer_towns.cache_clear()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    base = tmp_path_factory.mktemp("browser-site")
    database_name = f"dsnap_b_{uuid.uuid4().hex[:10]}"
    if root.ON_POSTGRES:
        database_url = root._create_database(database_name)
    else:
        database_url = f"sqlite:///{base / 'site.sqlite3'}"
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    with transaction(make_session_factory(engine)) as session:
        seed_showcase(session, base / "media")
    engine.dispose()

    settings = Settings(
        database_url=database_url,
        data_dir=base / "media",
        env="test",
        secret_key="browser-test-secret-" + "x" * 30,
        organiser_name="Bündnis Innenstädte mit Zukunft",
        organiser_email="kontakt@example.org",
        _env_file=None,
    )
    patch = pytest.MonkeyPatch()
    _install_missing_rules_modules(patch)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="browser-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test web server did not start")
        time.sleep(0.05)
    try:
        yield Site(f"http://127.0.0.1:{port}", base / "media")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        patch.undo()
        rules_bridge.gazetteer_towns.cache_clear()
        if root.ON_POSTGRES:
            root._drop_database(database_name)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def page(browser: object, site: Site) -> Iterator[object]:
    """A fresh German-speaking browser tab on a laptop-sized screen."""
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    # A missing image, script or style is an error; a page answering 404 on purpose is not.
    tab.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    yield tab
    context.close()
    assert errors == [], f"the page reported errors: {errors}"
