"""`downtown-snap rules check`: a contest file summarised the way an organiser reads the terms."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rules.contest_rules import ContestRules
from rules.gazetteer import load_gazetteer
from rules.reasons import DEFAULT_SEVERITY


def print_rules_summary(
    console: Console, path: Path, rules: ContestRules, *, list_towns: bool = False
) -> None:
    """Print what the contest file says: period in local time and UTC, towns, limits, reasons."""
    gazetteer = load_gazetteer(rules.gazetteer_path)
    eligible = rules.eligible(gazetteer)
    if rules.eligible_towns is not None:
        towns_rule = "explicit list"
    else:
        low, high = rules.eligible_population or (0, 0)
        towns_rule = f"population {low:,}–{high:,}"
    changed = {
        code: severity
        for code, severity in rules.severities.items()
        if severity is not DEFAULT_SEVERITY[code]
    }
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("Contest", f"{rules.name} ({rules.slug})"),
        ("Period", f"{_local(rules.opens_at)} – {_local(rules.closes_at)} ({rules.time_zone})"),
        ("", f"= {_utc(rules.opens_at)} – {_utc(rules.closes_at)}"),
        ("Likes freeze", f"{_local(rules.likes_freeze_at)} = {_utc(rules.likes_freeze_at)}"),
        ("Hashtags", ", ".join(f"#{tag}" for tag in rules.hashtags)),
        ("Mentions", ", ".join(f"@{handle}" for handle in rules.required_mentions) or "none"),
        ("Excluded", ", ".join(f"@{handle}" for handle in rules.excluded_accounts) or "none"),
        (
            "Entries",
            f"up to {rules.entries_per_account} per account; "
            f"{'photos only' if rules.photo_only else 'photos and videos'}; "
            f"carousel: {rules.carousel.value}; shorter side at least {rules.min_image_side} px",
        ),
        (
            "Towns",
            f"{len(eligible)} of {len(gazetteer)} eligible ({towns_rule}) from {gazetteer.source}",
        ),
        (
            "Geotags",
            f"town centre within {rules.max_geotag_distance_km:g} km of the core; "
            f"nearest core searched within {rules.geotag_search_km:g} km",
        ),
        (
            "Duplicates",
            f"same photo up to distance {rules.duplicate_reject_distance}, "
            f"possible duplicate up to {rules.duplicate_review_distance}",
        ),
        (
            "Judging",
            f"shortlist {rules.shortlist_size}, {rules.places} places, ties: {rules.tie_break}",
        ),
        ("Retention", f"{rules.retention_days} days after closing"),
        (
            "Severities",
            ", ".join(f"{code} → {severity}" for code, severity in changed.items())
            or "the defaults (see: downtown-snap rules reasons)",
        ),
    ]
    if rules.defaulted_keys:
        rows.append(("Defaults used", ", ".join(rules.defaulted_keys)))
    for label, value in rows:
        grid.add_row(label, value)
    console.print(f"[green]Contest file OK:[/] {path}", highlight=False)
    console.print(grid, highlight=False)
    if list_towns:
        console.print("Eligible towns: " + ", ".join(town.name for town in eligible))


def _local(moment: datetime) -> str:
    return moment.strftime("%a %d.%m.%Y %H:%M:%S %Z")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
