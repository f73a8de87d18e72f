"""View models shared by the public pages: an entry as a card, its photo, page links.

Templates receive these small frozen records instead of ORM objects, so what a page can show (and
nothing more: no reasons on the gallery, no like counts where they do not belong) is decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from contest.models import Entry, Photo
from ingest.media_paths import DERIVATIVE_WIDTHS

ALT_TEXT_LIMIT = 200


@dataclass(frozen=True)
class PhotoView:
    """The entry's image as `/media/{width}/{sha}.webp` URLs, or a placeholder while pending."""

    sha256: str | None
    ready: bool
    width: int | None = None
    height: int | None = None

    def url(self, width: int) -> str:
        return f"/media/{width}/{self.sha256}.webp"

    @property
    def small(self) -> str:
        return self.url(DERIVATIVE_WIDTHS[0])

    @property
    def large(self) -> str:
        return self.url(DERIVATIVE_WIDTHS[-1])

    @property
    def srcset(self) -> str:
        return ", ".join(f"{self.url(width)} {width}w" for width in DERIVATIVE_WIDTHS)

    @property
    def shown(self) -> bool:
        return bool(self.ready and self.sha256)


@dataclass(frozen=True)
class EntryCard:
    shortcode: str
    username: str
    instagram_url: str
    town: str | None
    location_name: str | None
    caption: str
    alt: str
    likes: int
    posted_at: datetime
    photo: PhotoView

    @property
    def url(self) -> str:
        return f"/entries/{self.shortcode}"


def alt_text(entry: Entry) -> str:
    """Instagram's description of the image if it has one, else the start of the caption."""
    for text in (entry.accessibility_caption, entry.caption):
        cleaned = " ".join((text or "").split())
        if cleaned:
            if len(cleaned) <= ALT_TEXT_LIMIT:
                return cleaned
            return cleaned[:ALT_TEXT_LIMIT].rsplit(" ", 1)[0] + " …"
    return ""


def photo_view(photos: list[Photo]) -> PhotoView:
    first = photos[0] if photos else None
    if first is None:
        return PhotoView(sha256=None, ready=False)
    return PhotoView(
        sha256=first.sha256,
        ready=bool(first.derivatives_ready),
        width=first.width,
        height=first.height,
    )


def entry_card(entry: Entry) -> EntryCard:
    return EntryCard(
        shortcode=entry.shortcode,
        username=entry.participant.username,
        instagram_url=entry.instagram_url,
        town=entry.town,
        location_name=entry.location_name,
        caption=entry.caption or "",
        alt=alt_text(entry),
        likes=entry.likes,
        posted_at=entry.posted_at,
        photo=photo_view(entry.photos),
    )


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None marks a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    page: int
    pages: int
    links: tuple[PageLink, ...]
    previous_url: str | None
    next_url: str | None


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: first, last and `around` on each side; None marks a gap."""
    wanted = {1, pages, *range(page - around, page + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= pages)
    result: list[int | None] = []
    for number in numbers:
        if result and result[-1] is not None and number - result[-1] > 1:
            result.append(None)
        result.append(number)
    return result


def query_url(path: str, **params: str | int | None) -> str:
    """A link with the non-empty parameters only, so default views keep short URLs."""
    kept = [(key, str(value)) for key, value in params.items() if value not in (None, "")]
    return f"{path}?{urlencode(kept)}" if kept else path


def paginate(page: int, total: int, per_page: int, make_url: Callable[[int], str]) -> Pagination:
    """Page links for `total` items; `make_url(n)` builds the link of page n."""
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    links = tuple(
        PageLink(None) if n is None else PageLink(n, make_url(n), n == page)
        for n in page_numbers(page, pages)
    )
    return Pagination(
        page=page,
        pages=pages,
        links=links,
        previous_url=make_url(page - 1) if page > 1 else None,
        next_url=make_url(page + 1) if page < pages else None,
    )
