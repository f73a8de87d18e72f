"""The production settings example and the admin helper script."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from dotenv import dotenv_values

from contest.errors import ConfigurationError
from contest.settings import Environment, Settings, load_settings
from tests.paths import REPO_ROOT

EXAMPLE = REPO_ROOT / "deploy" / "downtown-snap.env.example"


def example() -> dict[str, str]:
    return {key: value or "" for key, value in dotenv_values(EXAMPLE).items()}


def test_production_example_names_every_setting_and_nothing_else() -> None:
    expected = {f"DOWNTOWN_SNAP_{name.upper()}" for name in Settings.model_fields}
    assert set(example()) == expected


def test_as_shipped_it_is_refused_until_the_secret_is_set() -> None:
    values = {k.removeprefix("DOWNTOWN_SNAP_").lower(): v for k, v in example().items()}
    with pytest.raises(ConfigurationError, match="DOWNTOWN_SNAP_SECRET_KEY"):
        load_settings(_env_file=None, **values)


def test_with_a_secret_it_is_a_production_configuration() -> None:
    values = {k.removeprefix("DOWNTOWN_SNAP_").lower(): v for k, v in example().items()}
    values["secret_key"] = "a-real-secret-of-sufficient-length-0123456789"
    settings = load_settings(_env_file=None, **values)
    assert settings.env == Environment.production
    assert settings.secure_cookies is True
    assert settings.database_url.startswith("postgresql://")
    assert settings.data_dir.is_absolute()


def test_admin_script_is_valid_shell_and_executable() -> None:
    script = REPO_ROOT / "deploy" / "downtown-snap-admin"
    assert os.access(script, os.X_OK)
    subprocess.run(["sh", "-n", str(script)], check=True)


def test_admin_script_passes_arguments_through_unchanged(tmp_path: Path) -> None:
    """Run its inner command line (without runuser) to check quoting of odd arguments."""
    env_file = tmp_path / "downtown-snap.env"
    env_file.write_text('DOWNTOWN_SNAP_ORGANISER_NAME="Stadt mit Leerzeichen"\n', encoding="utf-8")
    inner = (REPO_ROOT / "deploy" / "downtown-snap-admin").read_text(encoding="utf-8")
    command = inner.split("'")[1]  # the single-quoted program for sh -c
    printed = subprocess.run(
        [
            "sh",
            "-c",
            command,
            "downtown-snap-admin",
            str(env_file),
            "/usr/bin/printf",
            "%s|",
            "participant",
            "export",
            "a b; rm -rf /",
            "$HOME",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert printed.stdout == "participant|export|a b; rm -rf /|$HOME|"
