"""`downtown-snap user …`: organiser and juror accounts from the command line.

Jurors' conflicts of interest are judging's (`downtown-snap conflict`), because declaring one
redistributes the tasks of running rounds.

The first organiser account can only be made here (the console needs a log-in). Passwords are
prompted (hidden, twice), or read from a file (`--password-file`, `-` for standard input) or the
environment variable DOWNTOWN_SNAP_NEW_PASSWORD for scripts; they never appear as arguments,
where other users could read them in the process list.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.table import Table

from cli.runtime import CLI_ACTOR, console, friendly_errors, open_runtime
from contest.accounts import (
    create_user,
    find_user,
    generate_one_time_password,
    list_users,
    log_out_everywhere,
    reset_password,
    set_active,
)
from contest.errors import UserFacingError
from contest.models import ROLES

PASSWORD_ENV = "DOWNTOWN_SNAP_NEW_PASSWORD"
PASSWORD_FILE_HELP = "Read the password from this file's first line ('-' reads standard input)."

user_app = typer.Typer(help="Organiser and juror accounts.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(user_app, name="user")


def read_password(password_file: Path | None) -> str:
    """From the file, the environment, or a hidden prompt (twice), in that order."""
    if password_file is not None:
        try:
            text = (
                sys.stdin.readline()
                if str(password_file) == "-"
                else password_file.read_text(encoding="utf-8")
            )
        except OSError as error:
            raise UserFacingError(
                f"Cannot read the password file {password_file}: {error.strerror}.",
                "Check the path, or leave out --password-file to be asked.",
            ) from error
        password = text.splitlines()[0] if text.strip() else ""
        if not password:
            raise UserFacingError(f"The password file {password_file} is empty.")
        return password
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UserFacingError(
            "No password given, and there is no terminal to ask for one.",
            f"Use --password-file PATH (or -) or set {PASSWORD_ENV}.",
        )
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
@friendly_errors
def add(
    username: str = typer.Argument(..., help="Log-in name, e.g. anna.schmidt."),
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}."),
    display_name: str = typer.Option("", help="Name shown in the console."),
    email: str = typer.Option("", help="E-mail address (optional)."),
    password_file: Path | None = typer.Option(None, help=PASSWORD_FILE_HELP),
) -> None:
    """Create an account (the first organiser is made this way)."""
    password = read_password(password_file)
    runtime = open_runtime()
    with runtime.session() as session:
        user = create_user(
            session,
            username=username,
            password=password,
            role=role,
            actor=CLI_ACTOR,
            display_name=display_name,
            email=email or None,
        )
        console.print(f"Created the {user.role} account [bold]{user.username}[/].")


@user_app.command("list")
@friendly_errors
def list_accounts(
    role: str | None = typer.Option(None, "--role", help="Only this role."),
) -> None:
    """Show every account with its role and state."""
    runtime = open_runtime()
    with runtime.session() as session:
        users = list_users(session, role=role)
        if not users:
            console.print(
                "No accounts yet. Create one: downtown-snap user add --role organiser NAME"
            )
            return
        table = Table("username", "role", "name", "state", "conflicts")
        for user in users:
            state = "active" if user.active else "deactivated"
            if user.active and user.password_change_required:
                state = "one-time password"
            table.add_row(
                user.username, user.role, user.display_name, state, str(len(user.conflicts))
            )
        console.print(table)


@user_app.command("reset-password")
@friendly_errors
def reset(
    username: str = typer.Argument(...),
    one_time: bool = typer.Option(
        False, "--one-time", help="Generate a one-time password; the user must replace it."
    ),
    password_file: Path | None = typer.Option(None, help=PASSWORD_FILE_HELP),
) -> None:
    """Set a new password; every session of the account ends."""
    password = generate_one_time_password() if one_time else read_password(password_file)
    runtime = open_runtime()
    with runtime.session() as session:
        user = find_user(session, username)
        reset_password(session, user, password=password, actor=CLI_ACTOR, one_time=one_time)
    if one_time:
        console.print(f"One-time password for [bold]{user.username}[/]: {password}")
        console.print("It is shown only now; the next log-in asks for a new password.")
    else:
        console.print(f"New password set for [bold]{user.username}[/]; all sessions ended.")


@user_app.command("logout-everywhere")
@friendly_errors
def logout_everywhere(username: str = typer.Argument(...)) -> None:
    """End every session of the account on every device."""
    runtime = open_runtime()
    with runtime.session() as session:
        user = find_user(session, username)
        log_out_everywhere(session, user, actor=CLI_ACTOR)
    console.print(f"[bold]{user.username}[/] is logged out everywhere.")


@user_app.command("deactivate")
@friendly_errors
def deactivate(username: str = typer.Argument(...)) -> None:
    """Block log-in and end all sessions; votes and history stay."""
    runtime = open_runtime()
    with runtime.session() as session:
        user = find_user(session, username)
        set_active(session, user, active=False, actor=CLI_ACTOR)
    console.print(f"[bold]{user.username}[/] is deactivated.")


@user_app.command("activate")
@friendly_errors
def activate(username: str = typer.Argument(...)) -> None:
    """Allow a deactivated account to log in again."""
    runtime = open_runtime()
    with runtime.session() as session:
        user = find_user(session, username)
        set_active(session, user, active=True, actor=CLI_ACTOR)
    console.print(f"[bold]{user.username}[/] is active.")
