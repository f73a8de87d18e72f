"""Contest files: the 2025 preset's values and a clear error for every wrong key or value."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from rules.contest_file import ContestFileError, load_contest_file, parse_contest_text
from rules.contest_rules import CarouselPolicy, ContestRules, TieBreak
from rules.gazetteer import load_gazetteer
from rules.reasons import DEFAULT_SEVERITY, Severity
from tests.paths import PRESET

MINIMAL = '[contest]\nslug = "test-contest"\nname = "Test"\n'


def parse(extra: str, *, base: str = MINIMAL) -> ContestRules:
    return parse_contest_text(base + extra, origin="my-contest.toml")


def test_preset_reproduces_the_2025_call() -> None:
    rules = load_contest_file(PRESET)
    assert (rules.slug, rules.name) == ("downtown-snaps-2025", "Downtown Snaps 2025")
    assert rules.time_zone == "Europe/Berlin"
    assert rules.opens_at.astimezone(UTC) == datetime(2025, 5, 4, 22, 0, tzinfo=UTC)
    assert rules.closes_at.astimezone(UTC) == datetime(2025, 6, 22, 21, 59, 59, tzinfo=UTC)
    assert rules.likes_freeze_at == rules.closes_at
    assert rules.hashtags == ("thüringendowntown", "thueringendowntown")
    assert rules.required_mentions == ("downtownsnaps_th",)
    assert rules.excluded_accounts == ("downtownsnaps_th",)
    assert rules.entries_per_account == 3
    assert rules.photo_only and rules.carousel is CarouselPolicy.first_photo
    assert rules.eligible_population == (5000, 50000) and rules.eligible_towns is None
    assert len(rules.eligible(load_gazetteer())) == 69
    assert (rules.duplicate_reject_distance, rules.duplicate_review_distance) == (10, 16)
    assert (rules.shortlist_size, rules.places) == (50, 10)
    assert rules.tie_break is TieBreak.organiser
    assert {code: rules.severity(code) for code in DEFAULT_SEVERITY} == DEFAULT_SEVERITY
    assert "Instagram" in rules.disclaimer
    assert rules.defaulted_keys == ()


def test_preset_equals_the_dataclass_defaults_other_code_relies_on() -> None:
    """`ContestRules(slug, name, source_text)` is "the 2025 contest" for code and tests."""
    rules = load_contest_file(PRESET)
    bare = ContestRules(slug=rules.slug, name=rules.name, source_text="")
    for name in (
        "opens_at", "closes_at", "likes_freeze_at", "hashtags", "required_mentions",
        "excluded_accounts", "entries_per_account", "min_image_side", "eligible_population",
        "duplicate_reject_distance", "duplicate_review_distance", "shortlist_size", "places",
        "retention_days", "max_geotag_distance_km", "ai_hashtags", "vague_geotags",
    ):  # fmt: skip
        assert getattr(rules, name) == getattr(bare, name), name


def test_a_minimal_file_takes_the_preset_values_and_says_so() -> None:
    rules = parse("")
    assert rules.entries_per_account == 3
    assert "contest.opens_at" in rules.defaulted_keys
    assert "entries.hashtags" in rules.defaulted_keys


def test_hashtags_and_accounts_are_normalised() -> None:
    rules = parse(
        '[entries]\nhashtags = ["#Thu\u0308ringenDownTown", "ThueringenDownTown"]\n'
        'required_mentions = ["@DowntownSnaps_TH"]\nexcluded_accounts = ["Staff.One"]\n'
    )
    assert rules.hashtags == ("thüringendowntown", "thueringendowntown")
    assert rules.required_mentions == ("downtownsnaps_th",)
    assert rules.excluded_accounts == ("staff.one",)


@pytest.mark.parametrize(
    ("period", "opens_utc", "closes_utc"),
    [
        # Local date-times (CEST) and bare dates (whole days) mean the same period.
        (
            "opens_at = 2025-05-05T00:00:00\ncloses_at = 2025-06-22T23:59:59",
            "2025-05-04T22:00:00",
            "2025-06-22T21:59:59",
        ),
        (
            "opens_at = 2025-05-05\ncloses_at = 2025-06-22",
            "2025-05-04T22:00:00",
            "2025-06-22T21:59:59",
        ),
        # An explicit offset is taken as written.
        (
            "opens_at = 2025-05-05T00:00:00+02:00\ncloses_at = 2025-06-22T21:59:59Z",
            "2025-05-04T22:00:00",
            "2025-06-22T21:59:59",
        ),
        # Winter time (CET, UTC+1) before the switch on 30 March and after it on 26 October.
        (
            "opens_at = 2025-03-30\ncloses_at = 2025-10-26",
            "2025-03-29T23:00:00",
            "2025-10-26T22:59:59",
        ),
    ],
)
def test_period_in_local_time(period: str, opens_utc: str, closes_utc: str) -> None:
    rules = parse(period, base=MINIMAL)
    assert rules.opens_at.astimezone(UTC).replace(tzinfo=None).isoformat() == opens_utc
    assert rules.closes_at.astimezone(UTC).replace(tzinfo=None).isoformat() == closes_utc


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("[contest\n", "my-contest.toml: not valid TOML"),
        ("slug = 'x'", "my-contest.toml: missing the [contest] table"),
        ('[contest]\nname = "Test"\n', "contest.slug is missing"),
        ('[contest]\nslug = "Downtown Snaps"\nname = "T"\n', "contest.slug must be lower-case"),
        ('[contest]\nslug = "t"\nname = ""\n', "contest.name must not be empty"),
        (
            '[contest]\nslug = "t"\nname = "T"\nsulg = "x"\n',
            "contest.sulg is not a known key (did you mean slug?)",
        ),
        (
            '[contest]\nslug = "t"\nname = "T"\n[contset]\n',
            "contset is not a known key (did you mean contest?)",
        ),
        ('[contest]\nslug = "t"\nname = "T"\nentries = 3\n', "contest.entries is not a known key"),
        ('entries = 3\n[contest]\nslug = "t"\nname = "T"\n', "entries must be a table [entries]"),
        ('severity = 3\n[contest]\nslug = "t"\nname = "T"\n', "severity must be a table"),
    ],
)
def test_structure_errors(snippet: str, expected: str) -> None:
    with pytest.raises(ContestFileError) as caught:
        parse_contest_text(snippet, origin="my-contest.toml")
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('time_zone = "Europe/Berlln"', "contest.time_zone must be an IANA time zone"),
        (
            "opens_at = 2025-07-01\ncloses_at = 2025-06-01",
            "contest.closes_at must be after opens_at",
        ),
        ('opens_at = "soon"', "contest.opens_at must be a date-time like 2025-05-05T00:00:00"),
        ("opens_at = 5", "contest.opens_at must be a date-time"),
        ("opens_at = 2025-03-30T02:30:00", "does not exist in Europe/Berlin"),
        ("closes_at = 2025-10-26T02:30:00", "happens twice in Europe/Berlin"),
        ("likes_freeze_at = 2025-01-01", "contest.likes_freeze_at must not be before opens_at"),
        ('terms_url = "www.example.org"', "contest.terms_url must be a web address"),
        ("name = 5", "contest.name must be a text in quotes, got 5"),
        ('name = "A\\u0000B"', "contest.name must not contain a NUL character"),
        ("opens_at = 0001-01-01T00:00:00", "contest.opens_at must lie between 2010 and 2099"),
        ("closes_at = 9999-12-31", "contest.closes_at must lie between 2010 and 2099"),
        ('"a\\nb" = 1', 'contest."a\\nb" is not a known key'),
    ],
)
def test_contest_table_errors(extra: str, expected: str) -> None:
    base = '[contest]\nslug = "t"\n' + ("" if extra.startswith("name") else 'name = "T"\n')
    with pytest.raises(ContestFileError) as caught:
        parse_contest_text(base + extra + "\n", origin="my-contest.toml")
    assert str(caught.value).startswith("my-contest.toml: ")
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("[entries]\nper_account = 0", "entries.per_account must be between 1 and 10000, got 0"),
        ('[entries]\nper_account = "3"', "entries.per_account must be a whole number, got '3'"),
        ("[entries]\nper_account = true", "entries.per_account must be a whole number, got True"),
        (
            "[entries]\nper_acount = 3",
            "entries.per_acount is not a known key (did you mean per_account?)",
        ),
        ('[entries]\nhashtags = "ThüringenDownTown"', "entries.hashtags must be a list"),
        ("[entries]\nhashtags = []", "entries.hashtags must name at least one hashtag"),
        (
            '[entries]\nhashtags = ["Thüringen DownTown"]',
            "entries.hashtags item 1 ('Thüringen DownTown') must be one word",
        ),
        ('[entries]\nrequired_mentions = ["not an account"]', "entries.required_mentions item 1"),
        ('[entries]\nphoto_only = "yes"', "entries.photo_only must be true or false"),
        (
            '[entries]\ncarousel = "all"',
            "entries.carousel must be one of 'first_photo', 'not_allowed'",
        ),
        ("[entries]\nmin_image_side = -1", "entries.min_image_side must be between 0"),
        ('[towns]\ngazetteer = "missing.csv"', "towns.gazetteer cannot be used"),
        (
            '[towns]\neligible = ["Gotha"]\npopulation_min = 1',
            "towns.eligible replaces population_min/population_max",
        ),
        (
            '[towns]\neligible = ["Gohta"]',
            "towns.eligible item 1 ('Gohta') is not a town of the gazetteer",
        ),
        ('[towns]\neligible = ["Gohta"]', "did you mean 'Gotha'?"),
        ('[towns]\neligible = ["Zeulenroda"]', "is written 'Zeulenroda-Triebes' in the gazetteer"),
        ("[towns]\neligible = []", "towns.eligible must name at least one town"),
        (
            "[towns]\npopulation_min = 60000\npopulation_max = 50000",
            "towns.population_max must not be below population_min",
        ),
        ("[towns]\npopulation_min = 300000\npopulation_max = 400000", "leaves no town"),
        (
            "[towns]\nmax_geotag_distance_km = 0",
            "towns.max_geotag_distance_km must be between 0.1 and 100",
        ),
        (
            "[towns]\ngeotag_search_km = 30\nhomonym_distance_km = 20",
            "towns.homonym_distance_km must not be below",
        ),
        (
            "[duplicates]\nreject_distance = 12\nreview_distance = 10",
            "duplicates.review_distance must not be below reject_distance",
        ),
        (
            "[duplicates]\nreject_distance = 65",
            "duplicates.reject_distance must be between 0 and 64",
        ),
        (
            "[judging]\nshortlist_size = 5\nplaces = 10",
            "judging.places must not exceed shortlist_size",
        ),
        (
            '[judging]\ntie_break = "coin"',
            "judging.tie_break must be one of 'organiser', 'earliest_post', 'most_likes'",
        ),
        ("[privacy]\nretention_days = 0", "privacy.retention_days must be between 1 and 3650"),
        (
            '[severity]\nduplicates = "reject"',
            "severity.duplicates is not a reason code (did you mean duplicate?)",
        ),
        (
            '[severity]\nduplicate = "block"',
            "severity.duplicate must be 'reject', 'review' or 'off'",
        ),
        ('[severity]\n"[/]\\u001b" = "off"', 'severity."[/]\\u001b" is not a reason code'),
        ('[towns]\ngazetteer = "towns\\u0000.csv"', "towns.gazetteer must not contain a NUL"),
        ('[towns]\ngazetteer = "~no-such-person/t.csv"', "names an unknown home directory"),
    ],
)
def test_value_errors_name_file_key_and_expectation(extra: str, expected: str) -> None:
    with pytest.raises(ContestFileError) as caught:
        parse(extra + "\n")
    assert str(caught.value).startswith("my-contest.toml: ")
    assert expected in str(caught.value)


def test_explicit_town_list_replaces_the_population_range() -> None:
    rules = parse('[towns]\neligible = ["Gotha", "erfurt", "Meiningen"]\n')
    assert rules.eligible_towns == ("Erfurt", "Gotha", "Meiningen")
    assert rules.eligible_population is None
    assert [town.name for town in rules.eligible(load_gazetteer())] == [
        "Erfurt",
        "Gotha",
        "Meiningen",
    ]


def test_severities_can_be_changed_and_switched_off() -> None:
    rules = parse('[severity]\nmissing_mention = "off"\nai_suspected = "reject"\n')
    assert rules.severity("missing_mention") is Severity.off
    assert rules.severity("ai_suspected") is Severity.reject
    assert rules.severity("duplicate") is Severity.reject


def test_another_gazetteer_next_to_the_contest_file(tmp_path: Path) -> None:
    (tmp_path / "towns.csv").write_text(
        "\ufeffname,official_name,district,population,lat,lon,aliases\n"
        'Kleinstadt,"Kleinstadt, Stadt",Nirgendwo,8000,50.1,10.1,Klein\n'
        'Großstadt,"Großstadt, Stadt",Nirgendwo,80000,50.5,10.5,\n',
        encoding="utf-8",
    )
    contest = tmp_path / "contest.toml"
    contest.write_text(MINIMAL + '[towns]\ngazetteer = "towns.csv"\n', encoding="utf-8")
    rules = load_contest_file(contest)
    assert rules.gazetteer_path == tmp_path / "towns.csv"
    assert [town.name for town in rules.eligible(load_gazetteer(rules.gazetteer_path))] == [
        "Kleinstadt"
    ]


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContestFileError, match=r"nope\.toml: no such contest file"):
        load_contest_file(tmp_path / "nope.toml")
