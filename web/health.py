"""`/healthz` for load balancers and systemd (is the database reachable?) and the bare `/ping`."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from web.deps import SessionDep

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz(session: SessionDep) -> JSONResponse:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        return JSONResponse({"status": "error", "database": str(error)[:200]}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


@router.get("/ping", include_in_schema=False)
def ping() -> PlainTextResponse:
    """Touches neither database nor templates: the floor that `bench/web.py` compares pages to."""
    return PlainTextResponse("pong")
