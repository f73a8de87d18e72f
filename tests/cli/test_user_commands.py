"""`downtown-snap user …`: accounts from the command line, with clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from cli.main import app
from contest.accounts import password_matches
from contest.db import make_engine
from contest.models import AuditEvent, User
from contest.settings import Settings
from tests.paths import PRESET

runner = CliRunner()
PASSWORD = "a long organiser passphrase"


@pytest.fixture
def ready(app_env: Settings) -> Iterator[Settings]:
    assert runner.invoke(app, ["init", "--contest", str(PRESET)]).exit_code == 0
    yield app_env


@pytest.fixture
def db(ready: Settings) -> Iterator[Session]:
    engine = make_engine(ready.database_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, ["user", *args], input=input, env=env)


def add(username: str, role: str = "organiser", password: str = PASSWORD):
    return invoke("add", "--role", role, username, "--password-file", "-", input=password + "\n")


def test_first_organiser_from_standard_input(db: Session) -> None:
    result = add("Olga")
    assert result.exit_code == 0, result.output
    assert "Created the organiser account olga" in result.output
    user = db.scalar(select(User).where(User.username == "olga"))
    assert user.role == "organiser"
    assert password_matches(user, PASSWORD)
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "user.created"))
    assert (event.actor, event.data["role"]) == ("cli", "organiser")


def test_password_from_a_file_and_from_the_environment(db: Session, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("from a file, long enough\n")
    assert invoke("add", "--role", "juror", "jana", "--password-file", str(secret)).exit_code == 0
    result = invoke(
        "add", "--role", "juror", "jonas", env={"DOWNTOWN_SNAP_NEW_PASSWORD": "from the env var!"}
    )
    assert result.exit_code == 0, result.output
    users = {user.username: user for user in db.scalars(select(User))}
    assert password_matches(users["jana"], "from a file, long enough")
    assert password_matches(users["jonas"], "from the env var!")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["add", "--role", "boss", "x1", "--password-file", "-"], PASSWORD, "Unknown role"),
        (["add", "--role", "juror", "x1", "--password-file", "-"], "short", "shorter than 10"),
        (["add", "--role", "juror", "x1"], None, "No password given"),
        (["add", "--role", "juror", "x1", "--password-file", "/no/such"], None, "Cannot read"),
        (["reset-password", "nobody", "--one-time"], None, "no account 'nobody'"),
    ],
)
def test_mistakes_are_one_clear_line(ready: Settings, args, stdin, message: str) -> None:
    result = invoke(*args, input=None if stdin is None else stdin + "\n")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_taken_username_is_refused(ready: Settings) -> None:
    add("olga")
    result = add("OLGA")
    assert result.exit_code == 2
    assert "exists already" in result.output


def test_list_shows_roles_and_states(ready: Settings) -> None:
    add("olga")
    add("jana", role="juror")
    invoke("reset-password", "jana", "--one-time")
    result = invoke("list")
    assert result.exit_code == 0
    lines = {line.split()[1]: line for line in result.output.splitlines() if "│" in line}
    assert "organiser" in lines["olga"] and "active" in lines["olga"]
    assert "one-time password" in lines["jana"]


def test_one_time_reset_prints_the_password_once_and_ends_sessions(db: Session) -> None:
    add("jana", role="juror")
    result = invoke("reset-password", "jana", "--one-time")
    assert result.exit_code == 0
    password = result.output.split(": ")[1].split()[0]
    db.rollback()  # end the read snapshot to see what the command committed
    jana = db.scalar(select(User).where(User.username == "jana"))
    assert password_matches(jana, password)
    assert jana.password_change_required
    assert jana.session_version == 2


def test_reset_with_a_chosen_password(db: Session) -> None:
    add("olga")
    result = invoke("reset-password", "olga", "--password-file", "-", input="brand new secret\n")
    assert result.exit_code == 0
    olga = db.scalar(select(User).where(User.username == "olga"))
    assert password_matches(olga, "brand new secret")
    assert not olga.password_change_required


def test_logout_everywhere_bumps_the_session_version(db: Session) -> None:
    add("olga")
    assert invoke("logout-everywhere", "olga").exit_code == 0
    assert db.scalar(select(User.session_version).where(User.username == "olga")) == 2


def test_deactivate_and_activate(db: Session) -> None:
    add("jana", role="juror")
    assert invoke("deactivate", "jana").exit_code == 0
    assert db.scalar(select(User.active).where(User.username == "jana")) is False
    assert invoke("activate", "jana").exit_code == 0
    db.rollback()  # end the read snapshot to see what the command committed
    assert db.scalar(select(User.active).where(User.username == "jana")) is True


def test_conflicts_are_declared_with_the_judging_commands_only(ready: Settings) -> None:
    result = invoke("conflict", "add", "jana", "--town", "Gotha")
    assert result.exit_code == 2
    assert "No such command 'conflict'" in result.output
