"""Two real web processes on one database: nothing a juror needs lives in one process's memory.

Both processes are started with `python -m cli serve` (as systemd or a second machine would), share
one database and one data directory, and a client hops between them with one cookie jar: the
session signed by process 1 is honoured by process 2, the CSRF token process 2 prints works there,
the vote it stores is what process 1 shows, and failed log-ins counted by one process pause log-in
on the other. On SQLite both processes share the file; on PostgreSQL (production) one server.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from contest.db import make_engine, make_session_factory, transaction
from contest.models import Assignment, Round, User, Vote
from contest.schema import upgrade_to_head
from judging.ballots import RoundMethod
from tests.browser.server import free_port
from tests.web.admin_support import PASSWORD
from tests.web.jury.support import build_world

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30
LOGIN_LIMIT = 3


@dataclass(frozen=True)
class Prepared:
    database_url: str
    data_dir: Path
    round_id: int
    juror_id: int
    first_task_id: int


@pytest.fixture
def prepared(fresh_database_url: str, tmp_path: Path) -> Prepared:
    """A migrated database with one active rating round and the juror `jana` (who can log in)."""
    engine = make_engine(fresh_database_url)
    upgrade_to_head(engine)
    with transaction(make_session_factory(engine)) as session:
        world = build_world(session, method=RoundMethod("rating"), jurors=("jana", "olaf"))
        prepared = Prepared(
            database_url=fresh_database_url,
            data_dir=tmp_path / "media",
            round_id=world.round.id,
            juror_id=world.juror("jana").id,
            first_task_id=world.tasks("jana")[0].id,
        )
    engine.dispose()
    prepared.data_dir.mkdir()
    return prepared


def _environment(prepared: Prepared, workdir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DOWNTOWN_SNAP_")}
    env.update(
        PYTHONPATH=str(ROOT),
        DOWNTOWN_SNAP_DATABASE_URL=prepared.database_url,
        DOWNTOWN_SNAP_DATA_DIR=str(prepared.data_dir),
        DOWNTOWN_SNAP_ENV="test",
        DOWNTOWN_SNAP_SECRET_KEY="two-processes-secret-" + "x" * 32,
        DOWNTOWN_SNAP_LOGIN_ATTEMPTS_PER_15_MIN=str(LOGIN_LIMIT),
    )
    return env


@contextmanager
def serving(prepared: Prepared, workdir: Path, name: str) -> Iterator[str]:
    """`python -m cli serve` on a free loopback port; yields its base URL, always killed after."""
    port = free_port()
    log = (workdir / f"{name}.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=workdir,
        env=_environment(prepared, workdir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, base_url, workdir / f"{name}.log")
        yield base_url
    finally:
        process.kill()
        process.wait(timeout=10)
        log.close()


def _wait_until_healthy(process: subprocess.Popen, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the web process exited early:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(base_url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(
        f"no healthy /healthz within {STARTUP_SECONDS} s:\n{log.read_text()[-2000:]}"
    )


def csrf_token(response: httpx.Response) -> str:
    field = BeautifulSoup(response.text, "html.parser").select_one("input[name=csrf_token]")
    assert field is not None, f"no form in {response.url}: {response.text[:300]}"
    return str(field["value"])


def chosen_stars(response: httpx.Response) -> str | None:
    checked = BeautifulSoup(response.text, "html.parser").select_one("input[name=stars][checked]")
    return None if checked is None else str(checked["value"])


@pytest.fixture
def two_sites(prepared: Prepared, tmp_path: Path) -> Iterator[tuple[str, str]]:
    with ExitStack() as stack:
        first = stack.enter_context(serving(prepared, tmp_path, "first"))
        second = stack.enter_context(serving(prepared, tmp_path, "second"))
        yield first, second


def test_a_jurors_session_and_vote_work_across_two_processes(
    prepared: Prepared, two_sites: tuple[str, str]
) -> None:
    first, second = two_sites
    with httpx.Client(timeout=10) as client:
        login_page = client.get(first + "/login")
        signed_in = client.post(
            first + "/login",
            data={"csrf_token": csrf_token(login_page), "username": "jana", "password": PASSWORD},
        )
        assert signed_in.status_code == 303, signed_in.text[:300]

        overview = client.get(second + "/jury")
        assert overview.status_code == 200
        assert "Vorrunde" in overview.text

        task_url = f"/jury/tasks/{prepared.first_task_id}"
        task_page = client.get(second + task_url)
        assert task_page.status_code == 200
        assert chosen_stars(task_page) is None
        voted = client.post(
            second + task_url + "/vote",
            data={"csrf_token": csrf_token(task_page), "stars": "4"},
        )
        assert voted.status_code == 303, voted.text[:300]

        assert chosen_stars(client.get(first + task_url)) == "4"

    engine = make_engine(prepared.database_url)
    try:
        with make_session_factory(engine)() as session:
            assignment = session.get(Assignment, prepared.first_task_id)
            vote = session.scalar(
                select(Vote).where(
                    Vote.round_id == prepared.round_id,
                    Vote.user_id == prepared.juror_id,
                    Vote.entry_id == assignment.entry_id,
                )
            )
            assert vote is not None and vote.value == {"stars": 4}
            assert session.get(Round, prepared.round_id) is not None
            assert session.get(User, prepared.juror_id).username == "jana"
    finally:
        engine.dispose()


def test_failed_log_ins_on_one_process_pause_log_in_on_the_other(
    two_sites: tuple[str, str],
) -> None:
    first, second = two_sites
    with httpx.Client(timeout=10) as client:
        for _ in range(LOGIN_LIMIT):
            token = csrf_token(client.get(first + "/login"))
            wrong = client.post(
                first + "/login",
                data={"csrf_token": token, "username": "jana", "password": "falsch-geraten"},
            )
            assert wrong.status_code == 401

        token = csrf_token(client.get(second + "/login"))
        paused = client.post(
            second + "/login",
            data={"csrf_token": token, "username": "jana", "password": PASSWORD},
        )
        assert paused.status_code == 429
        assert "jury" not in str(paused.headers.get("location", ""))
