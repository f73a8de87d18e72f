"""How an entry is shown to organisers: images, reasons in plain words, its suspected duplicate."""

from __future__ import annotations

from dataclasses import dataclass

from contest.models import Entry
from ingest.media_paths import SHA256_PATTERN
from rules.reasons import explain


@dataclass(frozen=True, slots=True)
class ReasonLine:
    code: str
    title: str  # plain words in the viewer's language; the code itself if the catalogue lacks it
    explanation: str | None  # what happened, from the reasons catalogue
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


def reason_line(code: str, lang: str, detail: object = None) -> ReasonLine:
    """A stored reason code in plain words; a code the catalogue no longer has stays visible."""
    try:
        text = explain(code, lang)
    except KeyError:
        return ReasonLine(code=code, title=code, explanation=None, detail=_detail(detail))
    return ReasonLine(
        code=code, title=text.title, explanation=text.explanation, detail=_detail(detail)
    )


def reason_lines(entry: Entry, lang: str) -> list[ReasonLine]:
    details = entry.reason_details or {}
    return [reason_line(code, lang, details.get(code)) for code in entry.reasons or []]


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
