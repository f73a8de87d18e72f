"""The engine: statuses from reasons, duplicates, the entry limit, and its properties."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.contest_file import parse_contest_text
from rules.engine import evaluate
from rules.facts import Geotag, PostFacts, SimilarPhoto, Status
from rules.reasons import REASON_CODES, Severity
from tests.rules.factories import berlin, gazetteer, post, preset

RULES = preset()
GAZETTEER = gazetteer()
T0 = berlin(2025, 5, 20, 12, 0)


def judge(*posts: PostFacts, rules=RULES):
    return evaluate(rules, GAZETTEER, list(posts))


def at(hours: float) -> object:
    return T0 + timedelta(hours=hours)


def test_a_good_post_is_accepted_with_its_town() -> None:
    verdict = judge(post())["GOOD1"]
    assert verdict.status is Status.accepted
    assert (verdict.reasons, verdict.town, verdict.town_method) == ((), "Gotha", "hashtag")


@pytest.mark.parametrize(
    ("changes", "status", "reasons"),
    [
        ({"is_video": True}, "rejected", ("not_a_photo",)),
        ({"username": "downtownsnaps_th"}, "rejected", ("excluded_account",)),
        (
            {"caption": "Erfurt #ThüringenDownTown @downtownsnaps_th", "hashtags": ()},
            "rejected",
            ("town_not_eligible",),
        ),
        (
            {"caption": "Markt #ThüringenDownTown @downtownsnaps_th", "hashtags": ()},
            "review",
            ("town_unknown",),
        ),
        ({"caption": "#Gotha @downtownsnaps_th", "hashtags": ()}, "review", ("missing_hashtag",)),
        ({"caption": "#Gotha #ThüringenDownTown", "mentions": ()}, "review", ("missing_mention",)),
        ({"width": 400}, "review", ("too_small",)),
        ({"image_readable": False}, "review", ("image_unreadable",)),
        ({"hashtags": ("gotha", "thüringendowntown", "aiart")}, "review", ("ai_suspected",)),
        ({"geotag": Geotag("Gotha", 50.99, 10.70)}, "review", ("not_town_centre",)),
        # Reject outweighs review; reasons come in catalogue order.
        (
            {
                "is_video": True,
                "width": 400,
                "mentions": (),
                "caption": "#Gotha #ThüringenDownTown",
            },
            "rejected",
            ("not_a_photo", "missing_mention", "too_small"),
        ),
        (
            {
                "posted_at": berlin(2025, 6, 23),
                "caption": "Erfurt und Gotha",
                "hashtags": (),
                "mentions": (),
            },
            "rejected",
            ("outside_period", "missing_hashtag", "missing_mention", "town_ambiguous"),
        ),
    ],
)
def test_status_follows_the_weightiest_reason(changes: dict, status: str, reasons: tuple) -> None:
    verdict = judge(post(**changes))["GOOD1"]
    assert (verdict.status.value, verdict.reasons) == (status, reasons)


def test_rejected_posts_still_get_their_town() -> None:
    verdict = judge(post(is_video=True))["GOOD1"]
    assert verdict.town == "Gotha"


def test_details_say_what_exactly() -> None:
    verdict = judge(post(caption="Erfurt #ThüringenDownTown @downtownsnaps_th", hashtags=()))[
        "GOOD1"
    ]
    assert verdict.details["town_not_eligible"] == "Erfurt: 218,793 inhabitants"


# --- severities from the contest file -------------------------------------------------------


def rules_with(severity: str):
    return parse_contest_text(
        f'[contest]\nslug = "t"\nname = "T"\n[severity]\n{severity}\n', origin="t.toml"
    )


def test_a_reason_switched_off_is_not_reported() -> None:
    verdict = judge(
        post(mentions=(), caption="#Gotha #ThüringenDownTown"),
        rules=rules_with('missing_mention = "off"'),
    )["GOOD1"]
    assert (verdict.status, verdict.reasons) == (Status.accepted, ())


def test_a_review_reason_made_reject_rejects() -> None:
    rules = rules_with('ai_suspected = "reject"')
    verdict = judge(post(hashtags=("gotha", "thüringendowntown", "aiart")), rules=rules)["GOOD1"]
    assert verdict.status is Status.rejected


# --- duplicates -------------------------------------------------------------------------------


def pair(later_user: str, *, borderline: bool = False, reported_by: str = "later"):
    original = post("ORIG", posted_at=at(0))
    later = post("COPY", posted_at=at(5), username=later_user)
    match = lambda other: (SimilarPhoto(other, 4, borderline),)  # noqa: E731
    if reported_by == "later":
        later = replace(later, similar=match("ORIG"))
    else:
        original = replace(original, similar=match("COPY"))
    return original, later


@pytest.mark.parametrize("reported_by", ["later", "original"])
@pytest.mark.parametrize(
    ("later_user", "borderline", "code", "status"),
    [
        ("anna.foto", False, "duplicate", Status.rejected),
        ("bert", False, "duplicate_other_account", Status.review),
        ("anna.foto", True, "possible_duplicate", Status.review),
        ("bert", True, "possible_duplicate", Status.review),
    ],
)
def test_duplicate_semantics(later_user, borderline, code, status, reported_by) -> None:
    verdicts = judge(*pair(later_user, borderline=borderline, reported_by=reported_by))
    assert verdicts["ORIG"].status is Status.accepted and verdicts["ORIG"].duplicate_of is None
    copy = verdicts["COPY"]
    assert (copy.reasons, copy.status) == ((code,), status)
    assert (copy.duplicate_of, copy.duplicate_distance) == ("ORIG", 4)


def test_a_late_arriving_earlier_post_becomes_the_original() -> None:
    """Posting time decides, not ingestion order: the stored post becomes the duplicate."""
    stored = post("STORED", posted_at=at(10))
    assert judge(stored)["STORED"].status is Status.accepted
    arrived = post("ARRIVED", posted_at=at(1), similar=(SimilarPhoto("STORED", 2, False),))
    verdicts = judge(stored, arrived)
    assert verdicts["ARRIVED"].status is Status.accepted
    assert verdicts["STORED"].reasons == ("duplicate",)
    assert verdicts["STORED"].duplicate_of == "ARRIVED"


def test_same_second_is_decided_by_shortcode() -> None:
    a = post("AAA", posted_at=T0, similar=(SimilarPhoto("BBB", 0, False),))
    b = post("BBB", posted_at=T0)
    verdicts = judge(b, a)
    assert verdicts["AAA"].reasons == () and verdicts["BBB"].duplicate_of == "AAA"


def test_clear_match_from_either_side_wins_over_borderline() -> None:
    a = post("A1", posted_at=at(0), similar=(SimilarPhoto("B1", 14, True),))
    b = post("B1", posted_at=at(1), similar=(SimilarPhoto("A1", 9, False),))
    verdict = judge(a, b)["B1"]
    assert (verdict.reasons, verdict.duplicate_distance) == (("duplicate",), 9)


def test_duplicate_of_names_the_original_behind_the_weightiest_reason() -> None:
    """A copy of another account's photo (review) and of one's own repost (reject)."""
    first = post("FIRST", username="carla", posted_at=at(0))
    repost = post("REPOST", posted_at=at(1), similar=(SimilarPhoto("FIRST", 3, False),))
    again = post(
        "AGAIN",
        posted_at=at(2),
        similar=(SimilarPhoto("FIRST", 3, False), SimilarPhoto("REPOST", 1, False)),
    )
    verdict = judge(first, repost, again)["AGAIN"]
    assert verdict.reasons == ("duplicate", "duplicate_other_account")
    assert verdict.duplicate_of == "REPOST"
    assert verdict.details["duplicate_other_account"] == "FIRST (distance 3)"


def test_matches_with_unknown_posts_are_ignored() -> None:
    lonely = post(similar=(SimilarPhoto("ERASED", 0, False), SimilarPhoto("GOOD1", 0, False)))
    assert judge(lonely)["GOOD1"].status is Status.accepted


# --- entry limit ------------------------------------------------------------------------------


def entries_of(user: str, count: int, **changes_by_index: dict) -> list[PostFacts]:
    return [
        post(
            f"{user[:3].upper()}{i}",
            username=user,
            posted_at=at(i),
            **changes_by_index.get(f"p{i}", {}),
        )
        for i in range(count)
    ]


def test_the_fourth_entry_is_over_the_limit() -> None:
    verdicts = judge(*entries_of("anna", 4))
    assert [v.reasons for v in verdicts.values()] == [(), (), (), ("over_entry_limit",)]
    assert verdicts["ANN3"].details["over_entry_limit"] == "entry 4 of @anna, 3 allowed"


def test_entries_rejected_for_another_reason_do_not_count() -> None:
    posts = entries_of("anna", 4, p1={"is_video": True})
    verdicts = judge(*posts)
    assert [v.reasons for v in verdicts.values()] == [(), ("not_a_photo",), (), ()]


def test_entries_under_review_count() -> None:
    posts = entries_of("anna", 4, p0={"width": 100})
    assert judge(*posts)["ANN3"].reasons == ("over_entry_limit",)


def test_duplicates_rejected_do_not_count_but_the_limit_follows_posting_order() -> None:
    posts = entries_of("anna", 5, p2={"similar": (SimilarPhoto("ANN0", 1, False),)})
    verdicts = judge(*reversed(posts))
    assert [v.reasons for v in verdicts.values()] == [
        (), (), ("duplicate",), (), ("over_entry_limit",)
    ]  # fmt: skip


def test_accounts_are_counted_separately_and_case_insensitively() -> None:
    verdicts = judge(*entries_of("anna", 3), *entries_of("bert", 3))
    assert all(verdict.status is Status.accepted for verdict in verdicts.values())
    another_spelling = post("OTHER", username="ANNA", posted_at=at(9))
    assert judge(*entries_of("anna", 3), another_spelling)["OTHER"].reasons == ("over_entry_limit",)


def test_input_errors() -> None:
    with pytest.raises(ValueError, match="given twice"):
        judge(post(), post())
    with pytest.raises(ValueError, match="timezone-aware"):
        judge(post(posted_at=T0.replace(tzinfo=None)))


# --- properties -------------------------------------------------------------------------------

CAPTION_PARTS = [
    "#ThüringenDownTown", "#ThueringenDownTown", "@downtownsnaps_th", "Gotha", "#Schmoelln",
    "Erfurt", "gerade", "#aiart", "Markt", "Zeulenroda-Triebes", "#Gera", "🌆", "\n",
]  # fmt: skip


@st.composite
def contests(draw: st.DrawFn) -> list[PostFacts]:
    count = draw(st.integers(min_value=1, max_value=12))
    shortcodes = [f"S{i:02d}" for i in range(count)]
    posts = []
    for shortcode in shortcodes:
        words = draw(st.lists(st.sampled_from(CAPTION_PARTS), max_size=6))
        similar = tuple(
            SimilarPhoto(other, draw(st.integers(0, 16)), draw(st.booleans()))
            for other in draw(st.lists(st.sampled_from(shortcodes), max_size=2, unique=True))
        )
        posts.append(
            PostFacts(
                shortcode=shortcode,
                username=draw(st.sampled_from(["anna", "bert", "carla", "downtownsnaps_th"])),
                # Few distinct times so equal posting times happen; some outside the period.
                posted_at=berlin(2025, 6, 22, 23, 59, 58)
                + timedelta(seconds=draw(st.integers(0, 3))),
                caption=" ".join(words) + draw(st.text(max_size=20)),
                is_video=draw(st.booleans()),
                width=draw(st.sampled_from([None, 320, 1080])),
                height=1080,
                similar=similar,
            )
        )
    return posts


@settings(max_examples=150, deadline=None)
@given(posts=contests(), seed=st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_ingestion_order(posts: list[PostFacts], seed) -> None:
    shuffled = list(posts)
    seed.shuffle(shuffled)
    assert judge(*posts) == judge(*shuffled)


@settings(max_examples=150, deadline=None)
@given(posts=contests())
def test_verdicts_are_consistent(posts: list[PostFacts]) -> None:
    verdicts = judge(*posts)
    assert verdicts == judge(*posts)
    assert set(verdicts) == {p.shortcode for p in posts}
    for verdict in verdicts.values():
        assert list(verdict.reasons) == sorted(verdict.reasons, key=REASON_CODES.index)
        severities = {RULES.severity(code) for code in verdict.reasons}
        expected = (
            Status.rejected if Severity.reject in severities
            else Status.review if severities else Status.accepted
        )  # fmt: skip
        assert verdict.status is expected
        assert (verdict.duplicate_of is None) == (
            not {"duplicate", "duplicate_other_account", "possible_duplicate"}
            & set(verdict.reasons)
        )
        assert verdict.town is None or verdict.town in GAZETTEER


@settings(max_examples=100, deadline=None)
@given(
    caption=st.text(),
    tags=st.lists(st.text(), max_size=4),
    mentions=st.lists(st.text(), max_size=3),
)
def test_arbitrary_captions_never_crash_the_engine(caption, tags, mentions) -> None:
    verdict = judge(post(caption=caption, hashtags=tuple(tags), mentions=tuple(mentions)))["GOOD1"]
    assert verdict.status in set(Status)
