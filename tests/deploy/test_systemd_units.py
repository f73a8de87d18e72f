"""The systemd units in deploy/: well-formed, hardened, consistent with each other, and every
command they run is a real `downtown-snap` command with real options."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import typer.main
from dotenv import dotenv_values
from typer.testing import CliRunner

from cli.main import app
from tests.deploy.unit_files import Unit, read_unit
from tests.paths import REPO_ROOT

SYSTEMD = REPO_ROOT / "deploy" / "systemd"
PROGRAM = "/opt/downtown-snap/venv/bin/downtown-snap"
ENV_FILE = "/etc/downtown-snap/downtown-snap.env"
STATE_DIR = Path("/var/lib/downtown-snap")
SERVICES = sorted(SYSTEMD.glob("*.service"))
TIMERS = sorted(SYSTEMD.glob("*.timer"))


def unit(name: str) -> Unit:
    return read_unit(SYSTEMD / name)


def app_commands() -> list[tuple[str, list[str]]]:
    found = []
    for path in SERVICES:
        for argv in read_unit(path).commands():
            if argv[0] == PROGRAM:
                found.append((path.name, argv[1:]))
    return found


def _ingest_commands_missing() -> bool:
    # The ingestion branch adds the `ingest` group; until it is merged here, its commands
    # cannot be checked. Once `ingest` exists, every one of its commands is checked for real.
    root = typer.main.get_command(app)
    return "ingest" not in root.commands  # type: ignore[attr-defined]


def test_there_are_units_to_check() -> None:
    names = {path.name for path in [*SERVICES, *TIMERS]}
    assert {
        "downtown-snap-web.service",
        "downtown-snap-ingest.service",
        "downtown-snap-ingest.timer",
    } <= names


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_services_run_as_the_service_user_with_the_production_settings(path: Path) -> None:
    service = read_unit(path)
    assert service.value("Unit", "Description")
    assert service.value("Service", "User") == "downtown-snap"
    assert service.value("Service", "EnvironmentFile") == ENV_FILE
    assert service.value("Service", "WorkingDirectory") == str(STATE_DIR)
    assert service.values("Service", "ExecStart"), "a service without a command"


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_services_are_hardened_and_write_only_their_state(path: Path) -> None:
    service = read_unit(path)
    assert service.value("Service", "ProtectSystem") == "strict"
    assert service.value("Service", "NoNewPrivileges") == "yes"
    assert service.value("Service", "PrivateTmp") == "yes"
    assert service.value("Service", "CapabilityBoundingSet") == ""
    writable = " ".join(service.values("Service", "ReadWritePaths")).split()
    assert str(STATE_DIR) in writable


@pytest.mark.parametrize(
    ("unit_name", "argv"),
    [
        pytest.param(
            name,
            argv,
            id=f"{name}:{' '.join(argv[:2])}",
            marks=pytest.mark.xfail(
                argv[0] == "ingest" and _ingest_commands_missing(),
                reason="the ingest commands arrive with the ingestion branch",
                strict=True,
            ),
        )
        for name, argv in app_commands()
    ],
)
def test_every_command_a_unit_runs_exists_with_these_options(
    unit_name: str, argv: list[str]
) -> None:
    # Click parses every option before it acts on --help, so an unknown command or option fails.
    result = CliRunner().invoke(app, [*argv, "--help"])
    assert result.exit_code == 0, f"{unit_name}: `downtown-snap {' '.join(argv)}`: {result.output}"


def test_other_programs_the_units_run_exist_on_debian() -> None:
    others = {argv[0] for path in SERVICES for argv in read_unit(path).commands()} - {PROGRAM}
    assert others == {"/usr/bin/find"}
    for program in others:
        assert Path(program).exists(), program


def test_web_service_serves_several_workers_on_loopback_behind_the_proxy() -> None:
    service = unit("downtown-snap-web.service")
    (argv,) = service.commands()
    options = dict(zip(argv[2::2], argv[3::2], strict=False))
    assert argv[1] == "serve"
    assert options["--host"] == "127.0.0.1"
    assert int(options["--workers"]) >= 2
    assert "FORWARDED_ALLOW_IPS=127.0.0.1" in service.values("Service", "Environment")
    assert service.value("Service", "Restart") == "on-failure"
    assert service.value("Install", "WantedBy") == "multi-user.target"


def test_ingest_service_purges_ingests_and_refreshes_likes_once_per_run() -> None:
    service = unit("downtown-snap-ingest.service")
    assert service.value("Service", "Type") == "oneshot"
    steps = [argv[1:3] for argv in service.commands()]
    assert steps[0] == ["purge"], "purge first: it needs no Instagram"
    assert ["ingest", "refresh-likes"] in steps
    assert any(step[:2] == ["ingest", "hashtag"] for step in steps)


@pytest.mark.parametrize("path", TIMERS, ids=lambda p: p.name)
def test_timers_start_an_existing_oneshot_service_and_catch_up(path: Path) -> None:
    timer = read_unit(path)
    target = timer.value("Timer", "Unit") or path.with_suffix(".service").name
    service = SYSTEMD / target
    assert service.is_file(), f"{path.name} starts {target}, which deploy/ does not ship"
    assert read_unit(service).value("Service", "Type") == "oneshot"
    assert timer.value("Timer", "OnCalendar")
    assert timer.value("Timer", "Persistent") == "true"
    assert timer.value("Install", "WantedBy") == "timers.target"


def test_data_dir_of_the_env_example_is_writable_for_the_services() -> None:
    settings = dotenv_values(REPO_ROOT / "deploy" / "downtown-snap.env.example")
    data_dir = Path(settings["DOWNTOWN_SNAP_DATA_DIR"] or "")
    assert data_dir.is_absolute() and STATE_DIR in data_dir.parents


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verify_finds_nothing(tmp_path: Path) -> None:
    # verify also checks that programs exist; the app is not installed here, so stand in /bin/true.
    for path in [*SERVICES, *TIMERS]:
        text = path.read_text(encoding="utf-8").replace(
            PROGRAM, shutil.which("true") or "/bin/true"
        )
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr, result.stderr
