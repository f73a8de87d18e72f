"""Dates and numbers as the viewer reads them: their language, the contest's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.numbers import format_decimal


@dataclass(frozen=True, slots=True)
class Formatter:
    locale: str
    zone: ZoneInfo

    @classmethod
    def for_language(cls, language: str, zone: ZoneInfo) -> Formatter:
        try:
            Locale.parse(language)
        except (UnknownLocaleError, ValueError):
            language = "de"
        return cls(locale=language, zone=zone)

    def datetime(self, value: datetime | None, length: str = "short") -> str:
        if value is None:
            return "–"
        return format_datetime(value, length, tzinfo=self.zone, locale=self.locale)

    def input_value(self, value: datetime | None) -> str:
        """The value a `datetime-local` input expects, in the contest's time zone."""
        return "" if value is None else value.astimezone(self.zone).strftime("%Y-%m-%dT%H:%M")

    def number(self, value: int | float | None) -> str:
        return "–" if value is None else format_decimal(value, locale=self.locale)

    def score(self, value: float | None, digits: int = 2) -> str:
        """A jury score with a fixed number of decimals, so a column lines up (never "-0")."""
        if value is None:
            return "–"
        rounded = round(value, digits) or 0.0
        return format_decimal(rounded, format="#,##0." + "0" * digits, locale=self.locale)
