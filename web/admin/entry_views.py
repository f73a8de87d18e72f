"""How an entry is shown to organisers: images, reasons in plain words, its suspected duplicate."""

from __future__ import annotations

from dataclasses import dataclass

from contest.models import Entry
from ingest.media_paths import SHA256_PATTERN
from web.admin.adapters import explain_reason


@dataclass(frozen=True, slots=True)
class ReasonLine:
    code: str
    text: str  # plain words, in the viewer's language when the rules module knows them
    detail: str | None  # specifics the rules engine recorded for this entry


@dataclass(frozen=True, slots=True)
class EntryView:
    entry: Entry
    thumbnail: str | None  # URL of the 400 px WebP, when it exists
    large: str | None  # URL of the 1200 px WebP
    reasons: list[ReasonLine]
    partner: EntryView | None = None  # the entry this one seems to duplicate

    @property
    def alt_text(self) -> str:
        text = self.entry.accessibility_caption or self.entry.caption or ""
        return text[:200] or f"@{self.entry.participant.username}"


def image_urls(entry: Entry) -> tuple[str | None, str | None]:
    for photo in entry.photos:
        if photo.sha256 and photo.derivatives_ready and SHA256_PATTERN.fullmatch(photo.sha256):
            return f"/media/400/{photo.sha256}.webp", f"/media/1200/{photo.sha256}.webp"
    return None, None


def reason_lines(entry: Entry, lang: str) -> list[ReasonLine]:
    details = entry.reason_details or {}
    return [
        ReasonLine(code=code, text=explain_reason(code, lang), detail=_detail(details.get(code)))
        for code in entry.reasons or []
    ]


def _detail(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def entry_view(entry: Entry, lang: str, partners: dict[str, Entry] | None = None) -> EntryView:
    thumbnail, large = image_urls(entry)
    partner = None
    if partners and entry.duplicate_of in partners:
        partner = entry_view(partners[entry.duplicate_of], lang)
    return EntryView(
        entry=entry,
        thumbnail=thumbnail,
        large=large,
        reasons=reason_lines(entry, lang),
        partner=partner,
    )
