"""The FastAPI app factory: the one place (with the CLI root) that wires the web app together."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from contest.db import make_engine, make_session_factory
from contest.schema import require_current_schema
from contest.settings import Settings, get_settings
from web import admin, health, media, public
from web.auth import wiring as auth_wiring

STATIC_DIR = Path(__file__).with_name("static")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; refuses to start on a database that `downtown-snap init` has not migrated."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)
    require_current_schema(engine)
    app = FastAPI(title="Downtown-Snap", docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_session_factory(engine)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(health.router)
    app.include_router(media.router)
    app.include_router(public.router)
    auth_wiring.install(app)
    app.include_router(admin.router)
    return app
