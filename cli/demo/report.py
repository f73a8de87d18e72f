"""What the demo prints when it is built: how the rules judged the posts, and how to log in.

The demo checks itself here: every planted case names the reason codes it must show, so a change
that breaks a rule (or the ingestion) shows up as a yellow line instead of going unnoticed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from cli.demo.plan import DemoPost
from cli.demo.scenario import DemoLogin
from contest.models import Entry


@dataclass(frozen=True)
class Mismatch:
    """A post the rules judged differently from what the scenario planted it for."""

    key: str
    expected: str  # e.g. "rejected: duplicate"
    actual: str


@dataclass(frozen=True)
class EntrySummary:
    entries: int
    by_status: dict[str, int]
    by_reason: dict[str, int]
    mismatches: tuple[Mismatch, ...]


def summarise_entries(session: Session, contest_id: int, posts: Sequence[DemoPost]) -> EntrySummary:
    """Count statuses and reason codes, and compare each planted post with its expectation."""
    entries = {
        entry.shortcode: entry
        for entry in session.scalars(select(Entry).where(Entry.contest_id == contest_id))
    }
    by_status = Counter(entry.status for entry in entries.values())
    by_reason = Counter(code for entry in entries.values() for code in entry.reasons or ())
    mismatches: list[Mismatch] = []
    if entries:
        for post in posts:
            entry = entries.get(post.post.shortcode)
            want = _describe(post.final_status, post.expect, post.town)
            if entry is None:
                mismatches.append(Mismatch(post.key, want, "not ingested"))
                continue
            shown = set(entry.reasons or ())
            if (
                entry.status != post.final_status
                or not set(post.expect) <= shown
                or (post.town is not None and entry.town != post.town)
            ):
                mismatches.append(
                    Mismatch(post.key, want, _describe(entry.status, entry.reasons, entry.town))
                )
    return EntrySummary(len(entries), dict(by_status), dict(by_reason), tuple(mismatches))


def _describe(status: str, reasons: Sequence[str] | None, town: str | None) -> str:
    text = status + (": " + ", ".join(reasons) if reasons else "")
    return text + (f" ({town})" if town else "")


def print_summary(console: Console, summary: EntrySummary) -> None:
    if not summary.entries:
        console.print("[yellow]No entries in the database yet: ingestion imported nothing.[/]")
        return
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(summary.by_status.items()))
    console.print(f"Entries: {summary.entries} ({statuses})")
    table = Table(title="Reason codes the demo shows", show_edge=False)
    table.add_column("reason")
    table.add_column("entries", justify="right")
    for code, count in sorted(summary.by_reason.items()):
        table.add_row(code, str(count))
    console.print(table)
    for mismatch in summary.mismatches:
        console.print(
            f"[yellow]Planted case {mismatch.key}: expected {mismatch.expected}, "
            f"got {mismatch.actual}[/]"
        )


def login_panel(url: str, logins: Sequence[tuple[DemoLogin, bool]]) -> Panel:
    """The URL and the demo log-ins, with the warning that belongs next to them."""
    table = Table(show_edge=False, box=None, padding=(0, 2))
    table.add_column("Rolle / role")
    table.add_column("Benutzer / user")
    table.add_column("Passwort / password")
    for login, _created in logins:
        role = "Veranstalter / organiser" if login.role == "organiser" else "Jury / juror"
        table.add_row(role, login.username, login.password)
    lines: list[Text | Table] = [Text(f"Downtown Snaps 2025 (Demo): {url}", style="bold"), table]
    if not all(created for _login, created in logins):
        lines.append(
            Text(
                "Konten, die es schon gab, blieben unverändert. "
                "Accounts that existed already were left as they are."
            )
        )
    lines.append(
        Text(
            "Nur für die Demo: diese Passwörter stehen im README. "
            "Demo only: these passwords are published in the README.",
            style="yellow",
        )
    )
    return Panel(
        Group(*lines),
        title="Downtown-Snap demo",
        expand=False,
    )
