"""The web skeleton: health check, gallery, and refusal of an unmigrated database."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from contest.errors import DatabaseNotReadyError
from contest.settings import Settings
from web.app import create_app


def test_healthz_reports_database_ok(settings: Settings, engine) -> None:
    client = TestClient(create_app(settings))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_app_refuses_unmigrated_database(fresh_database_url: str, tmp_path) -> None:
    settings = Settings(database_url=fresh_database_url, data_dir=tmp_path, _env_file=None)
    with pytest.raises(DatabaseNotReadyError, match="downtown-snap init"):
        create_app(settings)


def test_media_route_rejects_paths_that_are_not_content_hashes(settings: Settings, engine) -> None:
    client = TestClient(create_app(settings))
    assert client.get("/media/400/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/media/999/" + "a" * 64 + ".webp").status_code == 404
