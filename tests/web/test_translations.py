"""Every string the web app shows has a German translation (German is the default language)."""

from __future__ import annotations

import re
from configparser import ConfigParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.paths import REPO_ROOT
from web.i18n import catalogue_files

WEB = REPO_ROOT / "web"
CATALOGUE = WEB / "translations" / "de" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted_msgids() -> set[str | tuple[str, str]]:
    """Extract as `pybabel extract -F web/babel.cfg` does, from Python files and templates."""
    config = ConfigParser()
    config.read(WEB / "babel.cfg")
    method_map = []
    options_map: dict[str, dict[str, str]] = {}
    for section in config.sections():
        method, pattern = (part.strip() for part in section.split(":", 1))
        method_map.append((pattern, method))
        options_map[pattern] = dict(config.items(section))
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        WEB, method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def load_catalogue():
    """Every German .po file merged, as the app loads them (`messages.po` plus areas' own)."""
    merged = Catalog(locale="de")
    for path in catalogue_files("de"):
        with Path(path).open("rb") as handle:
            for message in read_po(handle, locale="de"):
                if message.id and message.id not in merged:
                    merged[message.id] = message
    return merged


def test_extraction_finds_the_known_strings():
    found = extracted_msgids()
    assert "Gallery" in found  # from Python (N_)
    assert "Skip to content" in found  # from a template
    assert ("entry", "entries") in found  # a plural


def test_every_msgid_has_a_german_translation():
    catalogue = load_catalogue()
    missing = []
    for msgid in sorted(extracted_msgids(), key=str):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalogue.get(key)
        translated = (
            message is not None
            and not message.fuzzy
            and all(message.string if isinstance(message.string, tuple) else (message.string,))
        )
        if not translated:
            missing.append(msgid)
    assert missing == [], "add German translations to " + str(
        CATALOGUE.parent.relative_to(REPO_ROOT)
    )


def test_translations_keep_their_placeholders():
    for message in load_catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1])) - {"num"}
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) - {"num"} == expected, message.id
            assert "%" not in PLACEHOLDER.sub("", string), f"stray % in {message.id!r}"
