"""The FastAPI app factory: the one place (with the CLI root) that wires the web app together.

Order of the middleware (outermost first): security headers, then the language. Routers: health
and media first, then the public pages; the jury and admin areas add their routers below.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from contest.db import make_engine, make_session_factory
from contest.schema import require_current_schema
from contest.settings import Settings, get_settings
from web import (
    admin,
    errors,
    health,
    jury,
    media,
    public,
    public_info,
    public_status,
    public_towns,
    public_winners,
)
from web.auth import wiring as auth_wiring
from web.i18n import LanguageMiddleware
from web.nul_characters import refuse_nul_characters
from web.security import SecurityHeadersMiddleware

STATIC_DIR = Path(__file__).with_name("static")
PUBLIC_ROUTERS = (public, public_towns, public_winners, public_status, public_info)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; refuses to start on a database that `downtown-snap init` has not migrated."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)
    require_current_schema(engine)
    app = FastAPI(
        title="Downtown-Snap",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(refuse_nul_characters)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_session_factory(engine)

    # add_middleware wraps: the last one added runs first.
    app.add_middleware(LanguageMiddleware, secure_cookie=settings.secure_cookies)
    app.add_middleware(SecurityHeadersMiddleware, strict_transport=settings.secure_cookies)
    errors.install(app)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(health.router)
    app.include_router(media.router)
    for module in PUBLIC_ROUTERS:
        app.include_router(module.router)
    auth_wiring.install(app)
    app.include_router(admin.router)
    app.include_router(jury.router)
    jury.install(app)
    return app
