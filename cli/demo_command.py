"""`downtown-snap demo`: the offline demo contest, built and served (the README's `make run`)."""

from __future__ import annotations

import typer

from cli.runtime import console, friendly_errors

DEMO_HELP = (
    'Build the demo contest "Downtown Snaps 2025" offline and serve it.\n\n'
    "Draws about 120 photos into an instaloader hashtag folder (with planted duplicates and rule "
    "violations), ingests it like real data, and creates a demo organiser and three demo jurors "
    "whose log-ins it prints. Running it again keeps what is there."
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""

    @app.command(help=DEMO_HELP)
    @friendly_errors
    def demo(
        no_serve: bool = typer.Option(False, "--no-serve", help="Build the demo, do not serve it."),
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port to listen on."),
        fresh: bool = typer.Option(
            False,
            "--fresh",
            help="Wipe the database and data directory first (asks unless they are the "
            "demo's default location holding only demo data).",
        ),
        posts: int | None = typer.Option(
            None, "--posts", min=0, help="Ordinary posts besides the planted cases (default: 70)."
        ),
    ) -> None:
        """The README's first command (`make run`); see DEMO_HELP."""
        # Imported here, not at the top: the demo pulls in Pillow, numpy and the drawing code,
        # which no other command needs (and cli.main, which imports this module).
        from cli.demo.build import build_demo, check_location
        from cli.demo.plan import DEFAULT_ORDINARY_POSTS
        from cli.demo.report import login_panel, print_summary, summarise_entries
        from cli.main import serve

        check_location(fresh=fresh, confirm=lambda question: typer.confirm(question))
        build = build_demo(ordinary_posts=DEFAULT_ORDINARY_POSTS if posts is None else posts)
        with build.runtime.session() as session:
            print_summary(console, summarise_entries(session, build.contest.id, build.posts))
        console.print(login_panel(f"http://{host}:{port}/", build.logins))
        build.runtime.engine.dispose()
        if not no_serve:
            serve(host=host, port=port, workers=1, proxy_headers=True)
