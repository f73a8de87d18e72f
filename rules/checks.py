"""The rules that look at one post on its own. Each returns the reason codes it finds.

A rule returns `Finding`s (a code and the specifics a person needs, such as the local posting
time); the engine decides what the code does to the entry's status from the contest file's
severities. Rules that need the other posts (duplicates, the entry limit) live in
`rules.duplicates` and `rules.engine`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rules.contest_rules import CarouselPolicy, ContestRules
from rules.facts import PostFacts
from rules.gazetteer import Gazetteer
from rules.text import (
    caption_hashtags,
    caption_mentions,
    compact,
    normalise_handle,
    normalise_tag,
)
from rules.towns import TownResolution


class Finding(NamedTuple):
    code: str
    detail: str = ""


PostRule = Callable[[ContestRules, PostFacts], list[Finding]]


def post_hashtags(post: PostFacts) -> frozenset[str]:
    """The post's hashtags from ingestion and from its caption, normalised."""
    return frozenset(normalise_tag(tag) for tag in post.hashtags) | set(
        caption_hashtags(post.caption)
    )


def post_mentions(post: PostFacts) -> frozenset[str]:
    """Accounts the post mentions in its caption or tags in its photo, normalised."""
    given = (*post.mentions, *post.tagged_users)
    return frozenset(normalise_handle(handle) for handle in given) | set(
        caption_mentions(post.caption)
    )


def check_period(rules: ContestRules, post: PostFacts) -> list[Finding]:
    """Posted before opening or after closing, both ends included, in the contest's zone."""
    if rules.is_open_at(post.posted_at):
        return []
    local = rules.local(post.posted_at)
    return [Finding("outside_period", f"posted {local:%Y-%m-%d %H:%M:%S %Z}")]


def check_media(rules: ContestRules, post: PostFacts) -> list[Finding]:
    """Videos and reels are not entries; carousels only if the contest allows them."""
    if rules.photo_only and post.is_video:
        return [Finding("not_a_photo", "video")]
    if post.is_carousel and rules.carousel is CarouselPolicy.not_allowed:
        return [Finding("not_a_photo", "carousel")]
    return []


def check_account(rules: ContestRules, post: PostFacts) -> list[Finding]:
    username = normalise_handle(post.username)
    if username in rules.excluded_accounts:
        return [Finding("excluded_account", f"@{username}")]
    return []


def check_hashtag(rules: ContestRules, post: PostFacts) -> list[Finding]:
    """None of the contest's hashtags is in the caption (it may be in a comment)."""
    if post_hashtags(post) & set(rules.hashtags):
        return []
    return [Finding("missing_hashtag", "expected #" + " or #".join(rules.hashtags))]


def check_mentions(rules: ContestRules, post: PostFacts) -> list[Finding]:
    missing = [handle for handle in rules.required_mentions if handle not in post_mentions(post)]
    if not missing:
        return []
    return [Finding("missing_mention", ", ".join(f"@{handle}" for handle in missing))]


def check_image(rules: ContestRules, post: PostFacts) -> list[Finding]:
    """An image that cannot be decoded, or whose shorter side is below the minimum."""
    if not post.image_readable:
        return [Finding("image_unreadable", post.image_problem or "")]
    if post.width is None or post.height is None:
        return []  # not measured yet (or a video): nothing to say
    if min(post.width, post.height) < rules.min_image_side:
        return [
            Finding(
                "too_small",
                f"{post.width}×{post.height} px, minimum {rules.min_image_side} px "
                "on the shorter side",
            )
        ]
    return []


def check_ai(rules: ContestRules, post: PostFacts) -> list[Finding]:
    """Hashtags that point to a generated image; underscores and case do not matter."""
    suspicious = {compact(tag) for tag in rules.ai_hashtags}
    found = sorted(tag for tag in post_hashtags(post) if compact(tag) in suspicious)
    if not found:
        return []
    return [Finding("ai_suspected", " ".join(f"#{tag}" for tag in found))]


POST_RULES: tuple[PostRule, ...] = (
    check_period,
    check_media,
    check_account,
    check_hashtag,
    check_mentions,
    check_image,
    check_ai,
)


def check_town(rules: ContestRules, gazetteer: Gazetteer, found: TownResolution) -> list[Finding]:
    """Turn the town resolution into reasons: unknown, ambiguous, not eligible, off-centre."""
    if found.ambiguous:
        return [Finding("town_ambiguous", ", ".join(found.candidates))]
    if found.town is None:
        if found.outside:
            return [Finding("town_unknown", f"geotag {found.geotag_km} km from the nearest town")]
        return [Finding("town_unknown")]
    town = gazetteer[found.town]
    findings = []
    if not rules.is_eligible(town):
        why = (
            "not in the contest's list of towns"
            if rules.eligible_towns is not None
            else f"{town.population:,} inhabitants"
        )
        findings.append(Finding("town_not_eligible", f"{town.name}: {why}"))
    if found.off_centre:
        findings.append(
            Finding("not_town_centre", f"geotag {found.geotag_km} km from the core of {town.name}")
        )
    return findings
