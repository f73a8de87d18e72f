"""End-to-end tests in real headless Chromium.

One server per test session (see `server.py`): uvicorn in a thread on 127.0.0.1 and a free port,
serving the real app against a database and data directory of its own (SQLite, or a fresh
PostgreSQL database when DOWNTOWN_SNAP_TEST_DATABASE_URL names one), filled with the showcase
contest. Playwright drives Debian's Chromium (`DOWNTOWN_SNAP_CHROMIUM`, default
/usr/bin/chromium); nothing is downloaded.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import conftest as root
from tests.browser.console_showcase import ORGANISER, PASSWORD, seed_console
from tests.browser.server import CHROMIUM_ARGS, Site, running_site

CHROMIUM = os.environ.get("DOWNTOWN_SNAP_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    workdir = tmp_path_factory.mktemp("browser-site")
    database_name = f"dsnap_b_{uuid.uuid4().hex[:10]}"
    if root.ON_POSTGRES:
        database_url = root._create_database(database_name)
    else:
        database_url = f"sqlite:///{workdir / 'site.sqlite3'}"
    try:
        with running_site(database_url, workdir) as running:
            yield running
    finally:
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


def watch_for_errors(tab: object) -> list[str]:
    """Collect script errors, console errors and failed sub-resources of a tab (not documents:
    a page answering 404 on purpose is not an error)."""
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))  # type: ignore[attr-defined]
    tab.on(  # type: ignore[attr-defined]
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    tab.on(  # type: ignore[attr-defined]
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    return errors


@contextmanager
def watched_tab(browser: object) -> Iterator[object]:
    """A fresh German-speaking browser tab on a laptop-sized screen that fails the test on any
    script error, console error or failed sub-resource."""
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors = watch_for_errors(tab)
    yield tab
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


@pytest.fixture
def page(browser: object, site: Site) -> Iterator[object]:
    """A tab for the public showcase site."""
    with watched_tab(browser) as tab:
        yield tab


@pytest.fixture(scope="session")
def console_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A second site for the organiser console: a contest in judging, results not published."""
    workdir = tmp_path_factory.mktemp("console-site")
    database_name = f"dsnap_c_{uuid.uuid4().hex[:10]}"
    if root.ON_POSTGRES:
        database_url = root._create_database(database_name)
    else:
        database_url = f"sqlite:///{workdir / 'console.sqlite3'}"
    try:
        with running_site(database_url, workdir, seed_console) as running:
            yield running
    finally:
        if root.ON_POSTGRES:
            root._drop_database(database_name)


@pytest.fixture
def organiser_page(browser: object, console_site: Site) -> Iterator[object]:
    """A tab on the console site, logged in as the organiser through the log-in form."""
    with watched_tab(browser) as tab:
        tab.goto(console_site.url("/login"))  # type: ignore[attr-defined]
        tab.get_by_label("Benutzername").fill(ORGANISER)  # type: ignore[attr-defined]
        tab.get_by_label("Passwort").fill(PASSWORD)  # type: ignore[attr-defined]
        tab.get_by_role("button", name="Anmelden").click()  # type: ignore[attr-defined]
        tab.wait_for_url(console_site.url("/admin"))  # type: ignore[attr-defined]
        yield tab
