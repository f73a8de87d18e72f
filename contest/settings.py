"""Typed settings, read from the environment and `.env`.

Built by `get_settings()` rather than at import so tests and the CLI can point the app at another
database or data directory without import-order tricks.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from contest.errors import ConfigurationError

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "development-only-secret"})


class Environment(StrEnum):
    development = "development"
    production = "production"
    test = "test"


class Settings(BaseSettings):
    """Every field is documented in `.env.example`; a test keeps the two in step."""

    model_config = SettingsConfigDict(
        env_prefix="DOWNTOWN_SNAP_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Environment = Environment.development
    database_url: str = "sqlite:///var/downtown-snap.sqlite3"
    data_dir: Path = Path("var/media")
    secret_key: SecretStr = SecretStr("development-only-secret")
    contest: str | None = Field(
        default=None, description="Slug of the contest commands use when several exist."
    )
    secure_cookies: bool = False
    organiser_name: str = "Veranstalter (bitte in DOWNTOWN_SNAP_ORGANISER_NAME eintragen)"
    organiser_address: str = ""
    organiser_email: str = ""
    privacy_contact: str = ""
    login_attempts_per_15_min: int = 10
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_placeholder_secret_outside_development(self) -> Settings:
        if (
            self.env == Environment.production
            and self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS
        ):
            raise ValueError(
                "DOWNTOWN_SNAP_SECRET_KEY is a placeholder; set a long random value "
                '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
            )
        return self

    @property
    def media_dir(self) -> Path:
        return self.data_dir


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValueError as error:
        first = str(error).splitlines()
        detail = next((line.strip() for line in first if "DOWNTOWN_SNAP" in line), str(error))
        raise ConfigurationError(f"Invalid settings: {detail}") from error


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; `get_settings.cache_clear()` re-reads the environment."""
    return load_settings()
