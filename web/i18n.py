"""Languages of the web app: German by default, English on request.

Templates and Python code use English msgids (`_("Gallery")`); the German catalogue in
`web/translations/de/LC_MESSAGES/messages.po` is read at run time, so a checkout works without a
compile step. The language of a request is decided once (`?lang=` > cookie > Accept-Language >
German) and kept on the request; the Jinja gettext callables read it from the template context, so
concurrent requests never share mutable translation state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.ext import _make_new_gettext, _make_new_ngettext
from jinja2.runtime import Context
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TRANSLATIONS_DIR = Path(__file__).with_name("translations")
DOMAIN = "messages"
DEFAULT_LANGUAGE = "de"
LANGUAGES = ("de", "en")
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
# The region used for dates and numbers when the browser names none for the chosen language.
DEFAULT_REGIONS = {"de": "DE", "en": "GB"}
LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
DISPLAY_TIME_ZONE = ZoneInfo("Europe/Berlin")
_STATE_KEY = "i18n"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where shown)."""
    return message


def catalogue_files(language: str) -> list[Path]:
    """The language's .po files: `messages.po` first, then any area's own (e.g. `admin.po`)."""
    folder = TRANSLATIONS_DIR / language / "LC_MESSAGES"
    files = sorted(folder.glob("*.po"), key=lambda path: (path.name != f"{DOMAIN}.po", path.name))
    return [path for path in files if path.is_file()]


@lru_cache(maxsize=len(LANGUAGES))
def translations_for(language: str) -> NullTranslations:
    """The language's catalogues merged into one, read once per process (English: identity)."""
    files = [] if language == "en" else catalogue_files(language)
    if not files:
        return NullTranslations()
    merged = Catalog(locale=language, domain=DOMAIN)
    for po_path in files:
        with po_path.open("rb") as po_file:
            for message in read_po(po_file, locale=language, domain=DOMAIN):
                if message.id and message.id not in merged:
                    merged[message.id] = message
    buffer = BytesIO()
    write_mo(buffer, merged, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


@dataclass(frozen=True)
class I18n:
    """Everything language-dependent about one request: catalogue, locale, formatting."""

    language: str
    locale: Locale

    @property
    def translations(self) -> NullTranslations:
        return translations_for(self.language)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.locale)

    def date(self, value: date | datetime | None, style: str = "long") -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.astimezone(DISPLAY_TIME_ZONE).date()
        return format_date(value, format=style, locale=self.locale)

    def time(self, value: datetime | None, style: str = "short") -> str:
        if value is None:
            return ""
        return format_time(value, format=style, tzinfo=DISPLAY_TIME_ZONE, locale=self.locale)

    def datetime(self, value: datetime | None, style: str = "medium") -> str:
        if value is None:
            return ""
        return format_datetime(value, format=style, tzinfo=DISPLAY_TIME_ZONE, locale=self.locale)

    @property
    def other_languages(self) -> tuple[str, ...]:
        return tuple(language for language in LANGUAGES if language != self.language)


def make_i18n(language: str, region: str | None = None) -> I18n:
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    region = region or DEFAULT_REGIONS[language]
    try:
        locale = Locale(language, region)
    except (UnknownLocaleError, ValueError):
        locale = Locale(language, DEFAULT_REGIONS[language])
    return I18n(language=language, locale=locale)


def parse_accept_language(header: str) -> list[tuple[str, str | None]]:
    """(language, region) pairs from an Accept-Language header, best first; q=0 dropped."""
    ranked: list[tuple[float, int, str, str | None]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        pieces = tag.strip().replace("_", "-").split("-")
        if not pieces[0] or quality <= 0:
            continue
        region = pieces[1].upper() if len(pieces) > 1 and len(pieces[1]) == 2 else None
        ranked.append((-quality, position, pieces[0].lower(), region))
    return [(language, region) for _q, _p, language, region in sorted(ranked)]


def negotiate(query_lang: str | None, cookie_lang: str | None, accept_language: str) -> I18n:
    """Pick the language: explicit choice, remembered choice, browser preference, German."""
    preferences = parse_accept_language(accept_language)
    for chosen in (query_lang, cookie_lang):
        if chosen in LANGUAGES:
            region = next((r for lang, r in preferences if lang == chosen and r), None)
            return make_i18n(chosen, region)
    for language, region in preferences:
        if language in LANGUAGES:
            return make_i18n(language, region)
    return make_i18n(DEFAULT_LANGUAGE)


def i18n_for(connection: HTTPConnection) -> I18n:
    """The request's language, decided once and kept in the request's state."""
    state = connection.scope.setdefault("state", {})
    found = state.get(_STATE_KEY)
    if isinstance(found, I18n):
        return found
    chosen = negotiate(
        connection.query_params.get("lang"),
        connection.cookies.get(LANG_COOKIE),
        connection.headers.get("accept-language", ""),
    )
    state[_STATE_KEY] = chosen
    state["lang"] = chosen.language  # the plain code, for code that only needs "de" or "en"
    return chosen


class LanguageMiddleware:
    """Decides the language per request; `?lang=xx` is remembered in a cookie for a year."""

    def __init__(self, app: ASGIApp, *, secure_cookie: bool = False) -> None:
        self.app = app
        self.secure_cookie = secure_cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        i18n = i18n_for(connection)
        remember = connection.query_params.get("lang") in LANGUAGES

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-language", i18n.language.encode()))
                headers.append((b"vary", b"Accept-Language, Cookie"))
                if remember:
                    cookie = (
                        f"{LANG_COOKIE}={i18n.language}; Max-Age={LANG_COOKIE_MAX_AGE}; "
                        "Path=/; SameSite=Lax"
                    )
                    if self.secure_cookie:
                        cookie += "; Secure"
                    headers.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_language)


def _context_i18n(context: Context) -> I18n:
    request = context.get("request")
    if request is None:
        return make_i18n(DEFAULT_LANGUAGE)
    return i18n_for(request)


@pass_context
def _template_gettext(context: Context, message: str) -> str:
    return _context_i18n(context).gettext(message)


@pass_context
def _template_ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return _context_i18n(context).ngettext(singular, plural, count)


def _template_formatter(method: str) -> Callable[..., str]:
    @pass_context
    def format_value(context: Context, value: Any, *args: Any) -> str:
        return getattr(_context_i18n(context), method)(value, *args)

    return format_value


@lru_cache(maxsize=len(LANGUAGES))
def template_callables(language: str) -> dict[str, Callable[..., str]]:
    """`_`, `gettext` and `ngettext` for one language, with Jinja's new-style behaviour
    (autoescape-aware, `%(name)s` formatting, `num` for plurals).

    The context processor puts these into every template's context, where they take precedence
    over the environment's globals, so a test or module that reinstalls translations on the
    shared environment cannot change what a request sees.
    """
    translations = translations_for(language)
    gettext = _make_new_gettext(translations.gettext)
    ngettext = _make_new_ngettext(translations.ngettext)
    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def install(environment: Any) -> None:
    """Give a Jinja environment request-aware gettext and the locale-aware format filters."""
    environment.install_gettext_callables(
        gettext=_template_gettext, ngettext=_template_ngettext, newstyle=True
    )
    environment.filters["number"] = _template_formatter("number")
    environment.filters["date"] = _template_formatter("date")
    environment.filters["time"] = _template_formatter("time")
    environment.filters["datetime"] = _template_formatter("datetime")
