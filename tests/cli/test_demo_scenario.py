"""The demo's scenario and post plan: every reason code planted, the entry limit respected where
it should be, eligible towns, and a plan that is the same on every run."""

from __future__ import annotations

import csv
import re
import statistics
import unicodedata
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cli.demo.plan import DEFAULT_ORDINARY_POSTS, plan_posts
from cli.demo.scenario import DEMO_LOGINS, PLANTED, REJECT_REASONS, CopyOf, expected_status
from cli.demo.towns import ELIGIBLE_TOWNS, ERFURT, JENA, UMMERSTADT
from tests.paths import REPO_ROOT

BERLIN = ZoneInfo("Europe/Berlin")
OPENS = datetime(2025, 5, 5, tzinfo=BERLIN)
CLOSES = datetime(2025, 6, 22, 23, 59, 59, tzinfo=BERLIN)

# The reason codes of issue 4 ("Rules"), all of which the demo must show.
ISSUE_4_REASON_CODES = {
    "outside_period",
    "not_a_photo",
    "excluded_account",
    "over_entry_limit",
    "duplicate",
    "town_not_eligible",
    "missing_hashtag",
    "missing_mention",
    "duplicate_other_account",
    "possible_duplicate",
    "town_unknown",
    "town_ambiguous",
    "not_town_centre",
    "too_small",
    "image_unreadable",
    "ai_suspected",
}


def test_every_reason_code_of_the_rules_is_planted() -> None:
    planted = {code for case in PLANTED for code in case.expect}
    assert planted == ISSUE_4_REASON_CODES


def test_full_demo_has_about_120_photos_by_about_40_accounts_in_about_25_towns() -> None:
    posts = plan_posts()
    photos = sum(len(post.photos) for post in posts)
    accounts = {post.post.username for post in posts}
    towns = {post.town for post in posts if post.town}
    assert 110 <= photos <= 135
    assert 35 <= len(accounts) <= 45
    assert 25 <= len(towns) <= 30


def test_only_the_planted_account_goes_over_the_entry_limit() -> None:
    """Entries not rejected for another reason count; only pixelwanderer_th has more than 3."""
    counting: Counter[str] = Counter()
    for post in plan_posts():
        other_rejects = set(post.expect) & (REJECT_REASONS - {"over_entry_limit"})
        if not other_rejects:
            counting[post.post.username] += 1
    over = {username: n for username, n in counting.items() if n > 3}
    assert over == {"pixelwanderer_th": 5}


def test_period_edges_are_planted_on_both_sides_of_berlin_midnight() -> None:
    when = {post.key: post.post.posted_at for post in plan_posts(0)}
    assert when["before-opening"] < OPENS <= when["opening-minute"]
    assert when["closing-minute"] <= CLOSES < when["after-closing"]
    # In UTC both inner edges fall on the neighbouring day: a naive comparison would get them wrong.
    assert when["opening-minute"].astimezone(ZoneInfo("UTC")).day == 4
    assert when["after-closing"].astimezone(ZoneInfo("UTC")).day == 22


def test_ordinary_posts_are_eligible_and_inside_the_period() -> None:
    for post in plan_posts()[len(PLANTED) :]:
        assert OPENS <= post.post.posted_at <= CLOSES
        caption = unicodedata.normalize("NFC", post.post.caption).casefold()
        assert "#thüringendowntown" in caption or "#thueringendowntown" in caption
        assert "@downtownsnaps_th" in caption
        assert post.expect == () and post.town in {town.name for town in ELIGIBLE_TOWNS}


def test_copies_follow_their_originals() -> None:
    by_key = {case.key: case for case in PLANTED}
    for case in PLANTED:
        for recipe in case.photos:
            if isinstance(recipe, CopyOf):
                assert recipe.key in by_key
                assert by_key[recipe.key].when < case.when


def test_town_populations_match_the_eligibility_they_demonstrate() -> None:
    assert len(ELIGIBLE_TOWNS) == 25
    assert all(5_000 <= town.population <= 50_000 for town in ELIGIBLE_TOWNS)
    assert {"Gotha", "Meiningen", "Zeulenroda-Triebes", "Ilmenau"} <= {
        town.name for town in ELIGIBLE_TOWNS
    }
    assert ERFURT.population > 50_000 and JENA.population > 50_000
    assert UMMERSTADT.population < 5_000


def test_plan_is_deterministic_and_a_smaller_demo_is_a_prefix() -> None:
    full = plan_posts()
    assert full == plan_posts()
    small = plan_posts(5)
    assert small == full[: len(PLANTED) + 5]
    assert len(full) == len(PLANTED) + DEFAULT_ORDINARY_POSTS


def test_posting_seconds_and_shortcodes_are_unique() -> None:
    posts = plan_posts()
    assert len({int(post.post.posted_at.timestamp()) for post in posts}) == len(posts)
    assert len({post.post.shortcode for post in posts}) == len(posts)
    assert all(len(post.post.shortcode) == 11 for post in posts)


def test_likes_have_a_long_tail() -> None:
    likes = sorted(post.post.likes for post in plan_posts())
    assert max(likes) > 10 * statistics.median(likes)


@pytest.mark.parametrize(
    ("expect", "status"),
    [
        ((), "accepted"),
        (("missing_mention",), "review"),
        (("duplicate",), "rejected"),
        (("town_unknown", "excluded_account"), "rejected"),
    ],
)
def test_expected_status_follows_the_severity_table(expect: tuple[str, ...], status: str) -> None:
    assert expected_status(expect) == status


def _gazetteer() -> list[dict[str, str]]:
    found = sorted(REPO_ROOT.glob("rules/**/thuringia_towns.csv"))
    if not found:
        pytest.skip("the towns gazetteer ships with the rules package (not merged here yet)")
    with found[0].open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_demo_towns_match_the_gazetteer() -> None:
    rows = {row["name"]: row for row in _gazetteer()}
    for town in (*ELIGIBLE_TOWNS, ERFURT, JENA, UMMERSTADT):
        row = rows[town.name]
        assert int(row["population"]) == town.population
        assert (float(row["lat"]), float(row["lon"])) == pytest.approx((town.lat, town.lon))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    for umlaut, plain in (("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return text


def test_captions_name_no_town_but_their_own() -> None:
    """Town names in captions decide the town: stock phrases and spots must not add another."""
    names: dict[str, str] = {}
    for row in _gazetteer():
        for name in (row["name"], *filter(None, row["aliases"].split(";"))):
            names[_fold(name)] = row["name"]
    for post in plan_posts():
        if post.key in {"two-towns", "geotag-wins"}:  # planted to name a second town
            continue
        caption = _fold(post.post.caption)
        named = {
            town
            for name, town in names.items()
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", caption)
        }
        assert named <= ({post.town} if post.town else set()), post.key


def test_readme_lists_the_demo_logins_and_every_planted_reason() -> None:
    """The README's demo chapter is what people read before logging in: keep it true."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    chapter = readme[readme.index("## Demo") : readme.index("## Ingestion")]
    for login in DEMO_LOGINS:
        assert f"`{login.username}` | `{login.password}`" in chapter
    for code in ISSUE_4_REASON_CODES:
        assert f"`{code}`" in chapter
