"""Judging commands: the shortlist, rounds, ties, results, publishing and the jury protocol.

Thin wrappers around `judging.organiser.OrganiserJudging`: each command opens one transaction,
calls the service and prints. Rounds are named by their number (1, 2, ...) as `round list`
shows them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from cli.runtime import CLI_ACTOR, CONTEST_OPTION_HELP, console, friendly_errors, open_runtime
from contest.errors import UserFacingError
from judging.ballots import RoundMethod, parse_criteria
from judging.lifecycle import STATUS_DE
from judging.organiser import OrganiserJudging
from judging.results import FinalResults, results_as_csv, results_as_json
from judging.rounds import RoundSource
from judging.shortlist import Shortlist

ContestOption = typer.Option(None, "--contest", help=CONTEST_OPTION_HELP)


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Method(StrEnum):
    yesno = "yesno"
    rating = "rating"
    ranking = "ranking"


class Tally(StrEnum):
    borda = "borda"
    schulze = "schulze"


class Ballot(StrEnum):
    order = "order"
    points = "points"


@contextmanager
def organiser(contest: str | None) -> Iterator[OrganiserJudging]:
    """One transaction with the organiser's service on the chosen contest."""
    runtime = open_runtime()
    with runtime.session() as session:
        yield OrganiserJudging(session, runtime.contest(session, contest), CLI_ACTOR)


def _names(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def _emit(text: str) -> None:
    """Machine-readable output goes to stdout untouched by rich."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


# -- shortlist -----------------------------------------------------------------------------------
def _print_shortlist(shortlist: Shortlist) -> None:
    state = (
        f"frozen {shortlist.frozen_at:%Y-%m-%d %H:%M} UTC"
        if shortlist.frozen_at
        else "not frozen yet (preview)"
    )
    table = Table(title=f"Shortlist: {len(shortlist.rows)} entries, {state}")
    for column in ("rank", "shortcode", "username", "town", "likes", "history", "flags"):
        table.add_column(column, justify="right" if column in ("rank", "likes") else "left")
    for row in shortlist.rows:
        flags = []
        if row.origin == "wildcard":
            flags.append(f"wildcard: {row.note}")
        if row.spikes:
            flags.append("like spike " + ", ".join(f"{spike.change:+d}" for spike in row.spikes))
        if row.likes_after_freeze:
            flags.append("read after the freeze")
        table.add_row(
            str(row.rank or "–"),
            row.shortcode,
            "@" + row.username,
            row.town or "–",
            str(row.likes),
            row.history_sparkline,
            "; ".join(flags),
        )
    console.print(table)
    if shortlist.tie_at_cut:
        console.print(
            f"Tie at the cut: {', '.join(shortlist.tie_at_cut)} share the last place's likes; "
            "the earlier post was taken."
        )


@friendly_errors
def shortlist(
    format: ListFormat = typer.Option(ListFormat.table, "--format", help="table or json."),
    freeze: bool = typer.Option(False, "--freeze", help="Freeze the shortlist now (audited)."),
    wildcard: str | None = typer.Option(
        None, "--wildcard", metavar="SHORTCODE", help="Add a jury wildcard (needs --note)."
    ),
    remove: str | None = typer.Option(
        None, "--remove", metavar="SHORTCODE", help="Take an entry off (needs --note)."
    ),
    note: str | None = typer.Option(None, "--note", help="Why the frozen shortlist changes."),
    contest: str | None = ContestOption,
) -> None:
    """Show the likes shortlist; freeze it; add jury wildcards or remove entries with a note."""
    with organiser(contest) as org:
        if freeze:
            org.freeze_shortlist()
        if wildcard:
            org.add_wildcard(wildcard, note)
        if remove:
            org.remove_from_shortlist(remove, note)
        current = org.shortlist()
        if format == ListFormat.json:
            _emit(json.dumps([row.as_json() for row in current.rows], ensure_ascii=False, indent=2))
        else:
            _print_shortlist(current)


# -- rounds --------------------------------------------------------------------------------------
round_app = typer.Typer(help="Jury rounds: create, jurors, quorum, activate, close, finalize.")


@round_app.command("create")
@friendly_errors
def round_create(
    name: str = typer.Option(..., "--name", help="e.g. Vorrunde, Finale."),
    method: Method = typer.Option(..., "--method", help="yesno, rating or ranking."),
    quorum: int = typer.Option(3, "--quorum", help="Votes per entry."),
    scale: int = typer.Option(5, "--scale", help="Rating: stars from 1 to this."),
    criteria: str | None = typer.Option(
        None, "--criteria", help="Rating: weighted criteria, e.g. motif:0.4,composition:0.3"
    ),
    normalise: bool = typer.Option(
        False, "--normalise", help="Rating: rank by per-juror z-scores (raw means are shown too)."
    ),
    tally: Tally = typer.Option(Tally.borda, "--tally", help="Ranking: borda or schulze."),
    ballot: Ballot = typer.Option(
        Ballot.order, "--ballot", help="Ranking: order (all entries) or points (10..1 to a top 10)."
    ),
    top: int | None = typer.Option(None, "--top", help="Take the previous round's top K."),
    min_score: float | None = typer.Option(
        None, "--min-score", help="Take the previous round's entries scoring at least this."
    ),
    jurors: str | None = typer.Option(None, "--jurors", help="Comma-separated juror accounts."),
    seed: str | None = typer.Option(None, "--seed", help="Assignment seed (random if omitted)."),
    contest: str | None = ContestOption,
) -> None:
    """Create a draft round after the last one; the first round judges the shortlist."""
    source = (
        RoundSource("previous", top=top, min_score=min_score)
        if top is not None or min_score is not None
        else RoundSource()
    )
    round_method = RoundMethod(
        method.value,
        scale=scale,
        criteria=parse_criteria(criteria or ""),
        normalise=normalise,
        tally=tally.value,
        ballot=ballot.value,
    )
    with organiser(contest) as org:
        created = org.create_round(
            name=name,
            method=round_method,
            quorum=quorum,
            source=source,
            jurors=_names(jurors),
            seed=seed,
        )
        console.print(
            f"Created round {created.sequence} [bold]{created.name}[/] ({round_method.method}, "
            f"quorum {quorum}). Next: downtown-snap round activate {created.sequence}"
        )


@round_app.command("list")
@friendly_errors
def round_list(
    format: ListFormat = typer.Option(ListFormat.table, "--format"),
    contest: str | None = ContestOption,
) -> None:
    """Every round with its status, method, jury and progress."""
    with organiser(contest) as org:
        overviews = org.rounds()
        if format == ListFormat.json:
            data = [
                {
                    "round": o.sequence,
                    "name": o.name,
                    "status": o.status,
                    "method": o.method.method,
                    "config": o.method.to_config(),
                    "quorum": o.quorum,
                    "source": o.source.to_config(),
                    "jurors": o.jurors,
                    "entries": o.entries,
                    "done": o.done,
                    "tasks": o.total,
                }
                for o in overviews
            ]
            _emit(json.dumps(data, ensure_ascii=False, indent=2))
            return
        table = Table(title="Rounds")
        for column in ("#", "name", "status", "method", "quorum", "entries", "jurors", "votes"):
            table.add_column(column)
        for o in overviews:
            table.add_row(
                str(o.sequence),
                o.name,
                f"{o.status} ({STATUS_DE[o.status]})",
                o.method.summary(),
                str(o.quorum),
                str(o.entries),
                ", ".join(o.jurors) or "–",
                f"{o.done} of {o.total}",
            )
        console.print(table)


@round_app.command("activate")
@friendly_errors
def round_activate(
    number: int = typer.Argument(..., metavar="ROUND"), contest: str | None = ContestOption
) -> None:
    """Start a draft round: take its entries and assign the tasks."""
    with organiser(contest) as org:
        round_ = org.round_by_sequence(number)
        report = org.activate_round(round_)
        console.print(
            f"Round {number} [bold]{round_.name}[/] is active: {report.entries} entries, "
            f"{report.tasks} tasks."
        )
        for shortcode, missing in report.short.items():
            console.print(
                f"[yellow]Warning:[/] {shortcode} lacks {missing} juror(s) without a conflict; "
                "add jurors or lower the quorum."
            )


@round_app.command("close")
@friendly_errors
def round_close(
    number: int = typer.Argument(..., metavar="ROUND"), contest: str | None = ContestOption
) -> None:
    """Stop voting (reopen with a reason if needed)."""
    with organiser(contest) as org:
        round_ = org.round_by_sequence(number)
        org.close_round(round_)
        missing = org.standings(round_).missing_quorum
        console.print(f"Round {number} is closed. Entries below the quorum: {len(missing)}.")


@round_app.command("reopen")
@friendly_errors
def round_reopen(
    number: int = typer.Argument(..., metavar="ROUND"),
    reason: str = typer.Option(..., "--reason", help="Why votes may change again (audited)."),
    contest: str | None = ContestOption,
) -> None:
    """Let a closed round take votes again."""
    with organiser(contest) as org:
        org.reopen_round(org.round_by_sequence(number), reason)
        console.print(f"Round {number} is active again.")


@round_app.command("finalize")
@friendly_errors
def round_finalize(
    number: int = typer.Argument(..., metavar="ROUND"),
    accept_incomplete: bool = typer.Option(
        False, "--accept-incomplete", help="Finalize although entries lack the quorum."
    ),
    note: str | None = typer.Option(None, "--note", help="Why (needed with --accept-incomplete)."),
    contest: str | None = ContestOption,
) -> None:
    """Fix a closed round's standings; ties are shown, never broken silently."""
    with organiser(contest) as org:
        round_ = org.round_by_sequence(number)
        org.finalize_round(round_, accept_incomplete=accept_incomplete, note=note)
        console.print(f"Round {number} [bold]{round_.name}[/] is finalized.")
        _print_ties(org, round_, number)


def _print_ties(org: OrganiserJudging, round_: Any, number: int) -> None:
    for tie in org.standings(round_).ties:
        if tie.decided_by:
            console.print(
                f"Tie {', '.join(tie.shortcodes)} decided by {tie.decided_by}: {tie.note}"
            )
        elif tie.matters:
            console.print(
                f"[yellow]Open tie[/] at positions {tie.first_position}-{tie.last_position}: "
                f"{', '.join(tie.shortcodes)}. Decide it: downtown-snap round tie {number} "
                f"--order {','.join(tie.shortcodes)} --note '...'"
            )


@round_app.command("jurors")
@friendly_errors
def round_jurors(
    number: int = typer.Argument(..., metavar="ROUND"),
    add: str | None = typer.Option(None, "--add", help="Comma-separated accounts to add."),
    remove: str | None = typer.Option(None, "--remove", help="Comma-separated accounts to remove."),
    contest: str | None = ContestOption,
) -> None:
    """Show or change a round's jury; a running round redistributes open tasks."""
    with organiser(contest) as org:
        round_ = org.round_by_sequence(number)
        if add or remove:
            plan = org.change_jurors(round_, add=_names(add), remove=_names(remove))
            if plan is not None and (plan.add or plan.withdraw):
                console.print(
                    f"Redistributed: {len(plan.moves)} tasks moved, "
                    f"{len(plan.add) - len(plan.moves)} added, "
                    f"{len(plan.withdraw) - len(plan.moves)} withdrawn."
                )
        table = Table(title=f"Jury of round {number}")
        for column in ("juror", "done", "skipped", "recused"):
            table.add_column(column)
        for progress in org.juror_progress(round_):
            table.add_row(
                progress.username, str(progress), str(progress.skipped), str(progress.recused)
            )
        console.print(table)


@round_app.command("quorum")
@friendly_errors
def round_quorum(
    number: int = typer.Argument(..., metavar="ROUND"),
    quorum: int = typer.Argument(..., metavar="VOTES"),
    contest: str | None = ContestOption,
) -> None:
    """Set the votes needed per entry; a running round redistributes open tasks."""
    with organiser(contest) as org:
        org.set_quorum(org.round_by_sequence(number), quorum)
        console.print(f"Round {number} now needs {quorum} votes per entry.")


@round_app.command("tie")
@friendly_errors
def round_tie(
    number: int = typer.Argument(..., metavar="ROUND"),
    order: str = typer.Option(..., "--order", help="The tied shortcodes, best first."),
    note: str = typer.Option(..., "--note", help="Why this order (recorded in the protocol)."),
    contest: str | None = ContestOption,
) -> None:
    """Decide a tie of a closed or finalized round, with a note."""
    with organiser(contest) as org:
        org.decide_tie(org.round_by_sequence(number), _names(order), note)
        console.print(f"Tie decided: {order}.")


# -- results, publishing, protocol ---------------------------------------------------------------
def _print_results(results: FinalResults) -> None:
    status = "final" if results.final else f"provisional ({results.round_status})"
    table = Table(title=f"{results.round_name}: {status}")
    for column in ("place", "shortcode", "username", "town", "score", "votes", "notes"):
        table.add_column(column)
    for row in results.rows:
        notes = []
        if row.prize:
            notes.append("prize")
        if row.tied:
            notes.append("tie, undecided")
        if row.decided_by:
            notes.append(f"tie decided by {row.decided_by}")
        if not row.quorum_met:
            notes.append("quorum not met")
        table.add_row(
            "–" if row.score is None else f"{row.place}{'=' if row.tied else ''}",
            row.shortcode,
            "@" + row.username,
            row.town or "–",
            _score(row.score),
            str(row.votes),
            ", ".join(notes),
        )
    console.print(table)


@friendly_errors
def results(
    format: ResultFormat = typer.Option(ResultFormat.table, "--format", help="table, json or csv."),
    named_jurors: bool = typer.Option(
        False, "--named-jurors", help="CSV: juror columns by account name instead of A, B, C."
    ),
    round_number: int | None = typer.Option(
        None, "--round", help="A round's (provisional) ranking instead of the final one."
    ),
    contest: str | None = ContestOption,
) -> None:
    """The final ranking: place, shortcode, username, town, score, votes (CSV: per juror too)."""
    with organiser(contest) as org:
        round_ = org.round_by_sequence(round_number) if round_number is not None else None
        found = org.results(named_jurors=named_jurors, round_=round_)
        if format == ResultFormat.json:
            _emit(json.dumps(results_as_json(found), ensure_ascii=False, indent=2))
        elif format == ResultFormat.csv:
            _emit(results_as_csv(found))
        else:
            _print_results(found)


@friendly_errors
def publish(contest: str | None = ContestOption) -> None:
    """Publish places 1..P of the finalized final round (audited)."""
    with organiser(contest) as org:
        org.publish()
        console.print(f"Results published: places 1 to {org.settings.places}.")


@friendly_errors
def unpublish(
    reason: str | None = typer.Option(None, "--reason", help="Why (audited)."),
    contest: str | None = ContestOption,
) -> None:
    """Take published results down again (audited)."""
    with organiser(contest) as org:
        org.unpublish(reason)
        console.print("Results are no longer public.")


@friendly_errors
def protocol(
    path: Path = typer.Argument(..., metavar="PATH.html", help="Where to write the protocol."),
    named_jurors: bool = typer.Option(
        False, "--named-jurors", help="Name jurors instead of A, B, C."
    ),
    contest: str | None = ContestOption,
) -> None:
    """Write the printable jury protocol (German HTML; print it or save it as PDF)."""
    with organiser(contest) as org:
        html = org.protocol_html(named_jurors=named_jurors)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise UserFacingError(
            f"Cannot write {path}: {error.strerror}.", "Choose a writable path."
        ) from error
    console.print(f"Wrote the jury protocol to {path}; open it in a browser to print or save.")


# -- conflicts -----------------------------------------------------------------------------------
conflict_app = typer.Typer(help="Jurors' declared conflicts (accounts and towns).")


@conflict_app.command("add")
@friendly_errors
def conflict_add(
    juror: str = typer.Argument(..., help="The juror's account name."),
    account: str | None = typer.Option(None, "--account", help="An Instagram username."),
    town: str | None = typer.Option(None, "--town", help="A town the juror must not judge."),
    note: str | None = typer.Option(None, "--note", help="e.g. own account, sister, lives there."),
    contest: str | None = ContestOption,
) -> None:
    """Declare a conflict; the juror never gets those entries (votes already cast are removed)."""
    if (account is None) == (town is None):
        raise UserFacingError("Give either --account or --town.")
    kind, value = ("account", account) if account is not None else ("town", town)
    with organiser(contest) as org:
        org.declare_conflict(juror, kind=kind, value=value or "", note=note)
        console.print(f"Conflict recorded for {juror}: {kind} {value}.")


@conflict_app.command("list")
@friendly_errors
def conflict_list(contest: str | None = ContestOption) -> None:
    """Every declared conflict of this contest's jurors."""
    with organiser(contest) as org:
        table = Table(title="Declared conflicts")
        for column in ("id", "juror", "kind", "value", "note"):
            table.add_column(column)
        for conflict in org.conflicts():
            table.add_row(
                str(conflict.id),
                conflict.user.username,
                conflict.kind,
                conflict.value,
                conflict.note or "",
            )
        console.print(table)


@conflict_app.command("remove")
@friendly_errors
def conflict_remove(
    conflict_id: int = typer.Argument(..., metavar="ID"), contest: str | None = ContestOption
) -> None:
    """Withdraw a declared conflict (audited)."""
    with organiser(contest) as org:
        org.withdraw_conflict(conflict_id)
        console.print(f"Conflict {conflict_id} withdrawn.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("shortlist")(shortlist)
    app.add_typer(round_app, name="round")
    app.add_typer(conflict_app, name="conflict")
    app.command("results")(results)
    app.command("publish")(publish)
    app.command("unpublish")(unpublish)
    app.command("protocol")(protocol)
