"""The eligibility engine: post facts in, one verdict with reasons per post out.

`evaluate` is pure and deterministic: the same posts give the same verdicts whatever order they
arrive in, because everything that depends on other posts (who is the original of a duplicate,
which entries are over an account's limit) follows posting time, never ingestion order.
Verdicts are therefore recomputed from all posts whenever posts arrive or the contest changes.

Status: `rejected` if any reason has severity reject, else `review` if any has severity review,
else `accepted`. Severities come from the contest file; a reason set to "off" is not reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rules.checks import POST_RULES, Finding, check_town
from rules.contest_rules import ContestRules
from rules.duplicates import DuplicateMatch, duplicate_matches, posting_order
from rules.facts import PostFacts, Status, Verdict
from rules.gazetteer import Gazetteer
from rules.reasons import REASON_CODES, Severity, sort_codes
from rules.text import normalise_handle
from rules.towns import TownResolution, resolve_town


@dataclass
class _Draft:
    """One post's verdict while the engine assembles it."""

    post: PostFacts
    town: TownResolution
    findings: dict[str, str] = field(default_factory=dict)  # code -> detail
    duplicate_of: str | None = None
    duplicate_distance: int | None = None

    def add(self, rules: ContestRules, finding: Finding) -> None:
        if rules.severity(finding.code) is not Severity.off:
            self.findings.setdefault(finding.code, finding.detail)

    def rejected(self, rules: ContestRules) -> bool:
        return any(rules.severity(code) is Severity.reject for code in self.findings)

    def verdict(self, rules: ContestRules) -> Verdict:
        return Verdict(
            status=status_for(rules, self.findings),
            reasons=sort_codes(frozenset(self.findings)),
            town=self.town.town,
            town_method=self.town.method.value if self.town.method else None,
            duplicate_of=self.duplicate_of,
            duplicate_distance=self.duplicate_distance,
            details={code: detail for code, detail in self.findings.items() if detail},
        )


def evaluate(
    rules: ContestRules, gazetteer: Gazetteer, posts: Sequence[PostFacts]
) -> dict[str, Verdict]:
    """Verdicts for all posts of a contest, keyed by shortcode, in posting order."""
    by_shortcode = _index(posts)
    ordered = sorted(by_shortcode.values(), key=posting_order)
    matches = duplicate_matches(by_shortcode)
    drafts: dict[str, _Draft] = {}
    for post in ordered:
        draft = _Draft(post, resolve_town(post, gazetteer, rules.town_settings))
        for rule in POST_RULES:
            for finding in rule(rules, post):
                draft.add(rules, finding)
        for finding in check_town(rules, gazetteer, draft.town):
            draft.add(rules, finding)
        _add_duplicates(rules, draft, matches.get(post.shortcode, []))
        drafts[post.shortcode] = draft
    _add_entry_limit(rules, [drafts[post.shortcode] for post in ordered])
    return {shortcode: draft.verdict(rules) for shortcode, draft in drafts.items()}


def status_for(rules: ContestRules, codes: Iterable[str]) -> Status:
    """The status a set of reason codes gives under this contest's severities."""
    severities = {rules.severity(code) for code in codes}
    if Severity.reject in severities:
        return Status.rejected
    if Severity.review in severities:
        return Status.review
    return Status.accepted


def _add_duplicates(rules: ContestRules, draft: _Draft, matches: list[DuplicateMatch]) -> None:
    """Record each kind of duplicate once, naming its earliest original; `duplicate_of` is the
    original behind the weightiest reason (reject before review)."""
    reported = [match for match in matches if rules.severity(match.code) is not Severity.off]
    if not reported:
        return
    for match in reported:  # earliest original first, so it names each code's detail
        draft.add(rules, Finding(match.code, f"{match.original} (distance {match.distance})"))
    weight = {Severity.reject: 0, Severity.review: 1}
    chosen = min(
        reported,
        key=lambda match: (
            weight[rules.severity(match.code)],
            REASON_CODES.index(match.code),
            match,
        ),
    )
    draft.duplicate_of = chosen.original
    draft.duplicate_distance = chosen.distance


def _add_entry_limit(rules: ContestRules, ordered: list[_Draft]) -> None:
    """Per account, in posting order, entries not rejected for another reason count; those past
    the limit are `over_entry_limit`."""
    counted: dict[str, int] = {}
    for draft in ordered:
        if draft.rejected(rules):
            continue
        account = normalise_handle(draft.post.username)
        counted[account] = counted.get(account, 0) + 1
        if counted[account] > rules.entries_per_account:
            draft.add(
                rules,
                Finding(
                    "over_entry_limit",
                    f"entry {counted[account]} of @{account}, {rules.entries_per_account} allowed",
                ),
            )


def _index(posts: Sequence[PostFacts]) -> dict[str, PostFacts]:
    by_shortcode: dict[str, PostFacts] = {}
    for post in posts:
        if post.shortcode in by_shortcode:
            raise ValueError(f"post {post.shortcode} given twice")
        if post.posted_at.tzinfo is None or post.posted_at.utcoffset() is None:
            raise ValueError(f"post {post.shortcode}: posted_at must be timezone-aware (UTC)")
        by_shortcode[post.shortcode] = post
    return by_shortcode
