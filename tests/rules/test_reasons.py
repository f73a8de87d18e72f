"""The reason catalogue: exactly the codes of the call, their severities and their words."""

from __future__ import annotations

import pytest

from rules.contest_file import load_contest_file
from rules.reasons import CATALOGUE, DEFAULT_SEVERITY, REASON_CODES, Severity, explain
from tests.paths import PRESET

ISSUE_TABLE = {
    "outside_period": "reject",
    "not_a_photo": "reject",
    "excluded_account": "reject",
    "over_entry_limit": "reject",
    "duplicate": "reject",
    "town_not_eligible": "reject",
    "missing_hashtag": "review",
    "missing_mention": "review",
    "duplicate_other_account": "review",
    "possible_duplicate": "review",
    "town_unknown": "review",
    "town_ambiguous": "review",
    "not_town_centre": "review",
    "too_small": "review",
    "image_unreadable": "review",
    "ai_suspected": "review",
}


def test_exactly_the_codes_and_default_severities_of_the_call() -> None:
    assert tuple(ISSUE_TABLE) == REASON_CODES
    assert {code: severity.value for code, severity in DEFAULT_SEVERITY.items()} == ISSUE_TABLE


def test_the_preset_lists_every_severity_as_in_the_call() -> None:
    rules = load_contest_file(PRESET)
    assert dict(rules.severities) == {c: Severity(s) for c, s in ISSUE_TABLE.items()}


@pytest.mark.parametrize("code", REASON_CODES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_code_is_explained_with_advice(code: str, lang: str) -> None:
    text = explain(code, lang)
    assert text.title and text.explanation and text.advice
    assert text.explanation.endswith(".") and text.advice.endswith((".", "“", "”"))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", "de"), ("de-DE", "de"), ("en", "en"), ("en-GB", "en"), ("en_US", "en"), ("fr", "de")],
)
def test_language_choice_falls_back_to_german(lang: str, expected: str) -> None:
    assert explain("duplicate", lang) == getattr(CATALOGUE["duplicate"], expected)


def test_german_and_english_differ() -> None:
    assert explain("town_unknown", "de").title == "Ort nicht erkannt"
    assert explain("town_unknown", "en").title == "Town not recognised"


def test_unknown_code_is_an_error() -> None:
    with pytest.raises(KeyError, match="no_such_code"):
        explain("no_such_code", "de")
