"""Run the real app with uvicorn in a thread against a prepared showcase database.

Used by the browser tests' fixtures and by `python -m tests.browser.take_screenshots`.
"""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy.orm import Session

from contest.db import make_engine, make_session_factory, transaction
from contest.schema import upgrade_to_head
from contest.settings import Settings
from tests.browser.showcase import seed_showcase
from tests.web.public import fake_rules
from web import rules_bridge
from web.app import create_app

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def install_missing_rules_modules(patch: pytest.MonkeyPatch) -> None:
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


@contextmanager
def running_site(
    database_url: str, workdir: Path, seed: Callable[[Session, Path], object] = seed_showcase
) -> Iterator[Site]:
    """Migrate and fill the database (`seed(session, data_dir)`, the public showcase unless
    told otherwise), then serve it on 127.0.0.1 until the block ends."""
    data_dir = workdir / "media"
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    with transaction(make_session_factory(engine)) as session:
        seed(session, data_dir)
    engine.dispose()
    settings = Settings(
        database_url=database_url,
        data_dir=data_dir,
        env="test",
        secret_key="browser-test-secret-" + "x" * 30,
        organiser_name="Bündnis Innenstädte mit Zukunft",
        organiser_address="Musterstraße 1; 99084 Erfurt",
        organiser_email="kontakt@example.org",
        _env_file=None,
    )
    patch = pytest.MonkeyPatch()
    install_missing_rules_modules(patch)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="browser-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    try:
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test web server did not start")
            time.sleep(0.05)
        yield Site(f"http://127.0.0.1:{port}", data_dir)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        patch.undo()
        rules_bridge.gazetteer_towns.cache_clear()
