"""Keeping the demo away from real contests, and starting it afresh.

The demo creates log-ins whose passwords are printed in the README, and it fills the preset
contest with invented posts. Both are harmless in a database of its own and harmful anywhere else,
so the demo looks before it writes: it refuses production settings and databases that hold
anything but demo data, and it wipes only its default location without asking.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, MetaData, func, inspect, select

from contest.db import normalise_database_url
from contest.errors import UserFacingError
from contest.models import Contest, Entry
from contest.settings import Environment, Settings


@dataclass(frozen=True)
class Surroundings:
    """What the demo finds where the settings point it."""

    default_location: bool  # database URL and data directory are the built-in defaults
    foreign: tuple[str, ...]  # data that is not the demo's, in words ("2 other contests")

    @property
    def only_demo_data(self) -> bool:
        return not self.foreign


def look_around(
    settings: Settings, engine: Engine, *, demo_slug: str, demo_shortcodes: Collection[str]
) -> Surroundings:
    """Compare the configured location with the defaults and count data the demo did not make."""
    defaults = Settings.model_fields
    default_location = (
        normalise_database_url(settings.database_url)
        == normalise_database_url(str(defaults["database_url"].default))
        and settings.data_dir.resolve() == Path(str(defaults["data_dir"].default)).resolve()
    )
    foreign: list[str] = []
    tables = set(inspect(engine).get_table_names())
    if {"contests", "entries"} <= tables:
        with engine.connect() as connection:
            others = connection.scalar(
                select(func.count()).select_from(Contest).where(Contest.slug != demo_slug)
            )
            shortcodes = connection.scalars(select(Entry.shortcode)).all()
        strangers = sum(1 for code in shortcodes if code not in demo_shortcodes)
        if others:
            foreign.append(f"{others} other contest{'s' if others != 1 else ''}")
        if strangers:
            foreign.append(f"{strangers} entr{'ies' if strangers != 1 else 'y'} not from the demo")
    return Surroundings(default_location, tuple(foreign))


def refuse_unsafe_location(settings: Settings, surroundings: Surroundings) -> None:
    """The demo runs on development or test settings, in a database holding only demo data."""
    if settings.env == Environment.production:
        raise UserFacingError(
            "The demo does not run with DOWNTOWN_SNAP_ENV=production: it creates log-ins whose "
            "passwords are published.",
            "Run it on a development machine, or with a database and data directory of its own.",
        )
    if not surroundings.only_demo_data:
        raise UserFacingError(
            f"The database holds data that is not the demo's ({', '.join(surroundings.foreign)}).",
            "Point DOWNTOWN_SNAP_DATABASE_URL and DOWNTOWN_SNAP_DATA_DIR at a place of the "
            "demo's own, or run `downtown-snap demo --fresh` to wipe it (it asks first).",
        )


def wipe(settings: Settings, engine: Engine) -> None:
    """Drop every table (the next step migrates again) and empty the data directory."""
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()
    data_dir = settings.data_dir
    if data_dir.is_dir():
        for child in data_dir.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
