"""Settings: documented, typed, and strict where a mistake would hurt in production."""

from __future__ import annotations

import re

import pytest

from contest.errors import ConfigurationError
from contest.settings import Settings, load_settings
from tests.paths import REPO_ROOT


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(
        re.findall(r"^(DOWNTOWN_SNAP_[A-Z0-9_]+)=", (REPO_ROOT / ".env.example").read_text(), re.M)
    )
    expected = {f"DOWNTOWN_SNAP_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "settings missing from .env.example"
    assert documented - expected == set(), ".env.example names settings that do not exist"


@pytest.mark.parametrize("secret", ["development-only-secret", "change-me", ""])
def test_production_refuses_placeholder_secret(secret: str) -> None:
    with pytest.raises(ConfigurationError, match="DOWNTOWN_SNAP_SECRET_KEY"):
        load_settings(env="production", secret_key=secret, _env_file=None)


def test_production_accepts_a_real_secret() -> None:
    settings = load_settings(env="production", secret_key="s" * 40, _env_file=None)
    assert settings.secret_key.get_secret_value() == "s" * 40


def test_development_allows_the_default_secret() -> None:
    assert load_settings(_env_file=None).env == "development"


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("DOWNTOWN_SNAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DOWNTOWN_SNAP_CONTEST", "my-contest")
    settings = load_settings(_env_file=None)
    assert settings.data_dir == tmp_path
    assert settings.contest == "my-contest"
