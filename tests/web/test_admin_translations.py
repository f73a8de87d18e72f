"""Every console string has a German translation, and the German console renders with it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from judging.ballots import RoundMethod
from tests.paths import REPO_ROOT
from tests.web.admin_support import html, make_contest, make_entry, make_user, sign_in
from web.templating import templates

CATALOGUES = REPO_ROOT / "web" / "translations" / "de" / "LC_MESSAGES"
TEMPLATES = REPO_ROOT / "web" / "templates"
OWN_TEMPLATES = [
    *sorted((TEMPLATES / "admin").glob("*.html")),
    *(TEMPLATES / name for name in ("login.html", "account.html", "denied.html")),
    TEMPLATES / "_account_nav.html",
]
OWN_MODULES = [*sorted((REPO_ROOT / "web" / "admin").glob("*.py"))]
OWN_MODULES += sorted((REPO_ROOT / "web" / "auth").glob("*.py"))


def german_catalogue() -> dict[object, object]:
    """Every German .po file merged (the console's fragment may live in messages.po)."""
    merged: dict[object, object] = {}
    for path in sorted(CATALOGUES.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="de"):
                if message.id and message.string:
                    merged[message.id] = message.string
    return merged


def console_msgids() -> set[object]:
    found: set[object] = set()
    for path in OWN_TEMPLATES:
        for _, message, _, _ in extract_from_file(
            "jinja2",
            str(path),
            keywords={"_": None, "ngettext": (1, 2)},
            options={"extensions": "jinja2.ext.i18n"},
        ):
            found.add(message)
    for path in OWN_MODULES:
        for _, message, _, _ in extract_from_file("python", str(path), keywords={"N_": None}):
            found.add(message)
    return found


def test_every_console_string_is_translated_to_german() -> None:
    missing = console_msgids() - set(german_catalogue())
    assert not missing, f"add German translations for: {sorted(map(str, missing))}"


def test_translations_keep_their_placeholders() -> None:
    import re

    placeholder = re.compile(r"%\(\w+\)s")
    for msgid, msgstr in german_catalogue().items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        wanted = set(placeholder.findall(ids[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) == wanted, (msgid, string)


@pytest.fixture
def german() -> Iterator[None]:
    catalog = read_po(io.BytesIO(b""), locale="de")
    for path in sorted(CATALOGUES.glob("*.po")):
        with Path(path).open("rb") as handle:
            for message in read_po(handle, locale="de"):
                if message.id:
                    catalog[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    templates.env.install_gettext_translations(Translations(buffer), newstyle=True)
    yield
    templates.env.install_null_translations(newstyle=True)


def test_the_review_queue_in_german(german: None, client: TestClient, session: Session) -> None:
    contest = make_contest(session)
    make_entry(session, contest, status="review", reasons=["town_ambiguous"])
    sign_in(client, make_user(session, "olga", "organiser"))
    page = html(client.get("/admin/review", headers={"accept-language": "de"}))
    assert page.select_one("h1").get_text() == "Prüfliste"
    assert page.select_one(".count").get_text() == "1 Beitrag zu prüfen"
    assert page.select_one("button.accept").get_text() == "Zulassen"
    assert page.select_one(".reasons .reason-title").get_text() == "Ort nicht eindeutig"


def test_the_judging_pages_in_german(organiser_client: TestClient, scene) -> None:
    scene.frozen(2)
    round_ = scene.org.create_round(
        name="Vorrunde", method=RoundMethod("yesno"), quorum=1, jurors=[]
    )
    german = {"accept-language": "de"}
    rounds = html(organiser_client.get("/admin/rounds", headers=german))
    assert rounds.select_one("h1").get_text() == "Runden"
    assert rounds.select_one(
        f"form[action='/admin/rounds/{round_.id}/activate'] button"
    ).get_text() == ("Runde starten")
    nav = [a.get_text() for a in rounds.select(".console-nav a")]
    assert nav[4:7] == ["Shortlist", "Runden", "Ergebnis"]
    results = html(organiser_client.get("/admin/results", headers=german))
    assert results.select_one("#publish-title").get_text() == "Vorläufig"
