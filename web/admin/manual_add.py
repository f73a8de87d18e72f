"""`/admin/manual-add`: add a post the hashtag feed missed (its link plus the photo)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from contest.errors import UserFacingError
from contest.models import utcnow
from ingest.manual import add_manual_post
from web.admin.common import ContestDep, render_console
from web.admin.entry_queries import entry_by_shortcode
from web.admin.manual_form import FieldError, validate_manual_post
from web.admin.time_zone import contest_time_zone
from web.auth.deps import OrganiserDep
from web.auth.pages import N_, Notice, redirect
from web.deps import SessionDep, SettingsDep
from web.request_limits import MAX_UPLOAD_BYTES, MEGABYTE

router = APIRouter(prefix="/admin")


@dataclass(frozen=True, slots=True)
class ManualAddPage:
    values: dict[str, str] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    existing_shortcode: str | None = None
    limit_mb: int = MAX_UPLOAD_BYTES // MEGABYTE

    def errors_for(self, name: str) -> list[FieldError]:
        return [error for error in self.errors if error.field == name]


@router.get("/manual-add", response_class=HTMLResponse)
def manual_add_form(request: Request, contest: ContestDep) -> HTMLResponse:
    return render_console(
        request, "admin/manual_add.html", contest, section="manual-add", page=ManualAddPage()
    )


@router.post("/manual-add", response_model=None)
async def manual_add(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    contest: ContestDep,
    organiser: OrganiserDep,
    post: Annotated[str, Form(max_length=500)] = "",
    username: Annotated[str, Form(max_length=100)] = "",
    posted_at: Annotated[str, Form(max_length=40)] = "",
    caption: Annotated[str, Form(max_length=10000)] = "",
    location_name: Annotated[str, Form(max_length=1000)] = "",
    likes: Annotated[str, Form(max_length=20)] = "",
    image: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse | RedirectResponse:
    values = {
        "post": post,
        "username": username,
        "posted_at": posted_at,
        "caption": caption,
        "location_name": location_name,
        "likes": likes,
    }
    data = await image.read(MAX_UPLOAD_BYTES + 1) if image is not None else b""
    zone = contest_time_zone(contest)
    checked, errors = validate_manual_post(**values, image=data, zone=zone, now=utcnow())
    existing = None
    if checked is not None and entry_by_shortcode(session, contest, checked.shortcode):
        existing = checked.shortcode
        errors = [FieldError("post", N_("This post is already an entry of the contest."))]
    notice = None
    if checked is not None and existing is None:
        try:
            entry = add_manual_post(
                session,
                settings,
                contest,
                shortcode=checked.shortcode,
                username=checked.username,
                posted_at=checked.posted_at,
                caption=checked.caption,
                image_bytes=checked.image_bytes,
                location_name=checked.location_name,
                likes=checked.likes,
                actor=organiser.actor,
            )
        except UserFacingError as error:
            session.rollback()  # nothing of a half-added post may stay
            notice = Notice.untranslated(error.message)
        else:
            return redirect(request, f"/admin/entries/{entry.shortcode}?notice=added")
    if notice is None:
        notice = Notice(N_("The post was not added. Please correct the marked fields."), "error")
    page = ManualAddPage(values=values, errors=errors, existing_shortcode=existing)
    return render_console(
        request,
        "admin/manual_add.html",
        contest,
        section="manual-add",
        notice=notice,
        page=page,
        status_code=400,
    )
