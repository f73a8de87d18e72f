"""Building the demo contest, one step after the other.

The demo always shows the whole pipeline that exists: each stage of the product adds one step
function here (a frozen shortlist, a finished first round, an open final round...) and appends it
to `STEPS`. Every step is safe to run again on its own result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from cli.demo.folder import FolderResult, write_hashtag_folder
from cli.demo.plan import DEFAULT_ORDINARY_POSTS, DemoPost, plan_posts
from cli.demo.safety import look_around, refuse_unsafe_location, wipe
from cli.demo.scenario import DEMO_LOGINS, DemoLogin
from cli.main import load_contest
from cli.runtime import Runtime, console, open_runtime
from contest.accounts import create_user
from contest.audit import log_action
from contest.errors import UserFacingError
from contest.models import Contest, Entry, IngestRun, User
from ingest.job import ingest_directory
from ingest.verdicts import override_verdict
from judging.demo import stage_demo_judging
from rules import contests as contests_package

PRESET = Path(contests_package.__file__).with_name("downtown-snaps-2025.toml")
PRESET_SLUG = "downtown-snaps-2025"
DEMO_ACTOR = "demo"


@dataclass
class DemoBuild:
    """What the steps share, and what they leave behind for the summary."""

    runtime: Runtime
    contest: Contest
    posts: list[DemoPost]
    folder: FolderResult | None = None
    ingest_run: IngestRun | None = None
    logins: list[tuple[DemoLogin, bool]] = field(default_factory=list)  # (login, created now)


Step = Callable[[DemoBuild], None]


def write_folder(build: DemoBuild) -> None:
    """Draw the photos and write the hashtag folder in instaloader's format (or keep it)."""
    result = write_hashtag_folder(build.runtime.settings.data_dir, build.posts)
    build.folder = result
    how = "unchanged, kept" if result.reused else "written"
    console.print(
        f"Hashtag folder {how}: {result.posts} posts, {result.files} files in {result.folder}"
    )


def ingest_folder(build: DemoBuild) -> None:
    """Import the folder through the same code path as real data (`downtown-snap ingest dir`)."""
    assert build.folder is not None, "write_folder runs first"
    build.ingest_run = ingest_directory(
        build.runtime.sessions,
        build.runtime.settings,
        build.contest.id,
        build.folder.folder,
        derivatives=True,
        show_progress=True,
    )


def create_people(build: DemoBuild) -> None:
    """The demo organiser and jurors; an account that exists already is left as it is."""
    with build.runtime.session() as session:
        for login in DEMO_LOGINS:
            exists = session.scalar(select(User.id).where(User.username == login.username))
            if exists is None:
                create_user(
                    session,
                    username=login.username,
                    password=login.password,
                    role=login.role,
                    actor=DEMO_ACTOR,
                    display_name=login.display_name,
                )
            build.logins.append((login, exists is None))


def review_entries(build: DemoBuild) -> None:
    """The demo organiser decides a few posts the rules left for review, as in the console; the
    other review cases stay open so the review queue has work in it."""
    decisions = {post.post.shortcode: post.decision for post in build.posts if post.decision}
    organiser = next(login.username for login in DEMO_LOGINS if login.role == "organiser")
    with build.runtime.session() as session:
        undecided = session.scalars(
            select(Entry).where(
                Entry.contest_id == build.contest.id,
                Entry.shortcode.in_(decisions),
                Entry.override_status.is_(None),
            )
        )
        for entry in undecided:
            decision = decisions[entry.shortcode]
            override_verdict(
                session, entry, status=decision.status, note=decision.note, actor=organiser
            )


def record_build(build: DemoBuild) -> None:
    """Leave a trace in the audit log, so nobody mistakes the demo's entries for real ones."""
    run = build.ingest_run
    with build.runtime.session() as session:
        log_action(
            session,
            "demo.built",
            actor=DEMO_ACTOR,
            contest_id=build.contest.id,
            posts=len(build.posts),
            folder_reused=bool(build.folder and build.folder.reused),
            ingest_new=run.new if run is not None else None,
        )


def stage_judging(build: DemoBuild) -> None:
    """Freeze the shortlist, finish a first round and open the final, through the real services."""
    jurors = [login.username for login in DEMO_LOGINS if login.role == "juror"]
    with build.runtime.session() as session:
        contest = session.get(Contest, build.contest.id)
        assert contest is not None
        users = session.scalars(
            select(User).where(User.username.in_(jurors)).order_by(User.username)
        ).all()
        stage_demo_judging(session, contest, jurors=users, actor=DEMO_ACTOR)


STEPS: tuple[Step, ...] = (
    write_folder,
    ingest_folder,
    create_people,
    review_entries,
    stage_judging,
    record_build,
)


def demo_shortcodes() -> frozenset[str]:
    """Every shortcode the full demo can contain: anything else in the database is not ours."""
    return frozenset(post.post.shortcode for post in plan_posts())


def check_location(*, fresh: bool, confirm: Callable[[str], bool]) -> None:
    """Refuse unsafe places; with `fresh`, wipe first (asking `confirm` unless it is the
    demo's default location holding only demo data)."""
    runtime = open_runtime(require_schema=False)
    surroundings = look_around(
        runtime.settings, runtime.engine, demo_slug=PRESET_SLUG, demo_shortcodes=demo_shortcodes()
    )
    if fresh:
        if not (surroundings.default_location and surroundings.only_demo_data):
            found = "; it holds " + ", ".join(surroundings.foreign) if surroundings.foreign else ""
            question = (
                f"Delete every table of {runtime.engine.url.render_as_string()} and everything "
                f"under {runtime.settings.data_dir}{found}?"
            )
            if not confirm(question):
                raise UserFacingError("Nothing was deleted, and the demo did not run.", exit_code=1)
        wipe(runtime.settings, runtime.engine)
        console.print("Wiped the database and the data directory.")
        surroundings = look_around(
            runtime.settings, runtime.engine, demo_slug=PRESET_SLUG, demo_shortcodes=()
        )
    refuse_unsafe_location(runtime.settings, surroundings)
    runtime.engine.dispose()


def build_demo(
    *, ordinary_posts: int = DEFAULT_ORDINARY_POSTS, steps: Sequence[Step] | None = None
) -> DemoBuild:
    """Load the preset contest (as `init` does), then run every step (by default `STEPS`)."""
    runtime, contest, _created, _counts = load_contest(PRESET, actor=DEMO_ACTOR)
    build = DemoBuild(runtime, contest, plan_posts(ordinary_posts))
    for step in STEPS if steps is None else steps:
        step(build)
    return build
