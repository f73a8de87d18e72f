"""Display images, served by content hash only; originals are never served."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from ingest.media_paths import DERIVATIVE_WIDTHS, SHA256_PATTERN, derivative_path
from web.deps import SettingsDep

router = APIRouter()


@router.get("/media/{width}/{name}", include_in_schema=False)
def derivative(width: int, name: str, settings: SettingsDep) -> FileResponse:
    digest = name.removesuffix(".webp")
    if width not in DERIVATIVE_WIDTHS or not SHA256_PATTERN.fullmatch(digest):
        raise HTTPException(status_code=404)
    path = derivative_path(settings.data_dir, digest, width)
    if not path.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(
        path, media_type="image/webp", headers={"Cache-Control": "public, max-age=31536000"}
    )
