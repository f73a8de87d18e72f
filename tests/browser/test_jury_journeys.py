"""Jurors in real headless Chromium: scoring a round with the keyboard only, yes/no by keys,
ordering a ballot by keys and by dragging, points that stay distinct; no serious accessibility
violations on the jury pages; the task page fits a tablet in landscape.

The site serves `jury_showcase` (one contest per round method, one juror each) from a database of
its own; votes are checked in that database, as the organisers' tallies would read them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.db import make_engine
from contest.models import Assignment, User, Vote
from tests import conftest as root
from tests.browser.conftest import watch_for_errors
from tests.browser.jury_showcase import PASSWORD, seed_jury_showcase
from tests.browser.server import Site, running_site

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class JurySite:
    site: Site
    database_url: str
    rounds: dict[str, int]  # juror -> round id

    def url(self, path: str) -> str:
        return self.site.url(path)

    def tasks(self, juror: str) -> list[tuple[int, int]]:
        """(task id, entry id) of the juror's tasks in the order the pages show them."""
        engine = make_engine(self.database_url)
        try:
            with Session(engine) as session:
                rows = session.execute(
                    select(Assignment.id, Assignment.entry_id)
                    .join(User, User.id == Assignment.user_id)
                    .where(User.username == juror)
                    .order_by(Assignment.sort_key, Assignment.id)
                ).all()
        finally:
            engine.dispose()
        return [(task_id, entry_id) for task_id, entry_id in rows]

    def votes(self, juror: str) -> dict[int, dict]:
        """Entry id -> the juror's stored vote."""
        engine = make_engine(self.database_url)
        try:
            with Session(engine) as session:
                rows = session.execute(
                    select(Vote.entry_id, Vote.value)
                    .join(User, User.id == Vote.user_id)
                    .where(User.username == juror)
                ).all()
        finally:
            engine.dispose()
        return {entry_id: value for entry_id, value in rows}


@pytest.fixture(scope="module")
def jury_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JurySite]:
    workdir = tmp_path_factory.mktemp("jury-site")
    name = f"dsnap_j_{uuid.uuid4().hex[:10]}"
    if root.ON_POSTGRES:
        database_url = root._create_database(name)
    else:
        database_url = f"sqlite:///{workdir / 'jury.sqlite3'}"
    rounds: dict[str, int] = {}

    def seed(session: Session, data_dir: Path) -> None:
        showcase = seed_jury_showcase(session, data_dir)
        rounds.update({juror: round_.id for juror, round_ in showcase.rounds.items()})

    try:
        with running_site(database_url, workdir, seed) as site:
            yield JurySite(site, database_url, rounds)
    finally:
        if root.ON_POSTGRES:
            root._drop_database(name)


@pytest.fixture
def context_for(browser: object) -> Iterator[object]:
    """Open German browser contexts of a given size; each is closed and checked for errors."""
    opened: list[tuple[object, list[str]]] = []

    def open_tab(width: int = 1280, height: int = 900) -> Page:
        context = browser.new_context(  # type: ignore[attr-defined]
            locale="de-DE", viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        tab = context.new_page()
        opened.append((context, watch_for_errors(tab)))
        return tab

    yield open_tab
    for context, errors in opened:
        context.close()  # type: ignore[attr-defined]
        assert errors == [], f"the page reported errors: {errors}"


def log_in_by_keyboard(tab: Page, site: JurySite, username: str) -> None:
    tab.goto(site.url("/login"))
    expect(tab.locator("#username")).to_be_focused()  # autofocus
    tab.keyboard.type(username)
    tab.keyboard.press("Tab")
    tab.keyboard.type(PASSWORD)
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(site.url("/jury"))


def tab_to(tab: Page, text: str, limit: int = 40) -> None:
    """Press Tab until the focused element reads `text` (keyboard only, like a juror would)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate("document.activeElement.textContent.trim()")
        if focused == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def stars(motif: int, composition: int, originality: int) -> dict:
    return {"criteria": {"motif": motif, "composition": composition, "originality": originality}}


def task_url(site: JurySite, task_id: int) -> re.Pattern[str]:
    return re.compile(re.escape(site.url(f"/jury/tasks/{task_id}")) + r"(\?.*)?$")


def rate(tab: Page, *keys: str) -> None:
    for key in keys:
        tab.keyboard.press(key)


def test_a_juror_scores_a_round_with_the_keyboard_only(context_for, jury_site: JurySite):
    tab = context_for()
    log_in_by_keyboard(tab, jury_site, "jana")
    expect(tab.locator("h1")).to_have_text("Hallo, Jana Fotografie")
    expect(tab.locator(".progress__text").first).to_contain_text("0 von 4")
    tab_to(tab, "Bewertung starten")
    tab.keyboard.press("Enter")

    tasks = jury_site.tasks("jana")
    (t1, e1), (t2, e2), (t3, e3), (t4, e4) = tasks
    expect(tab).to_have_url(task_url(jury_site, t1))
    expect(tab.locator(".task-bar__position")).to_contain_text("Foto 1 von 4")
    expect(tab.locator(".shortcuts")).to_be_visible()

    # Help and zoom open and close from the keyboard.
    tab.keyboard.press("?")
    expect(tab.locator("#shortcut-help")).to_be_visible()
    expect(tab.locator("#shortcut-help")).to_contain_text("Tastenkürzel")
    tab.keyboard.press("Escape")
    expect(tab.locator("#shortcut-help")).to_be_hidden()
    tab.keyboard.press("z")
    expect(tab.locator("#photo-zoom")).to_be_visible()
    tab.keyboard.press("z")
    expect(tab.locator("#photo-zoom")).to_be_hidden()

    # Digits rate the highlighted criterion and move on; Enter waits for all three.
    tab.keyboard.press("4")
    expect(tab.locator("fieldset[data-criterion]").nth(1)).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(task_url(jury_site, t1))
    rate(tab, "3", "5")
    expect(tab.locator("[data-vote-submit]")).to_be_focused()
    expect(tab.locator("#criterion-0-4")).to_be_checked()
    tab.keyboard.press("Enter")

    expect(tab).to_have_url(re.compile(rf".*/jury/tasks/{t2}\?notice=saved$"))
    expect(tab.locator(".notice")).to_have_text("Ihre Stimme ist gespeichert.")
    tab.keyboard.press("s")  # later
    expect(tab).to_have_url(re.compile(rf".*/jury/tasks/{t3}\?notice=skipped$"))
    tab.keyboard.press("ArrowLeft")
    expect(tab).to_have_url(task_url(jury_site, t2))
    tab.keyboard.press("ArrowRight")
    expect(tab).to_have_url(task_url(jury_site, t3))
    rate(tab, "5", "5", "5", "Enter")
    expect(tab).to_have_url(re.compile(rf".*/jury/tasks/{t4}\?notice=saved$"))
    rate(tab, "2", "2", "1", "Enter")
    # The skipped photo comes back last.
    expect(tab).to_have_url(re.compile(rf".*/jury/tasks/{t2}\?notice=saved$"))
    rate(tab, "1", "2", "3", "Enter")
    expect(tab).to_have_url(re.compile(rf".*/jury/rounds/{jury_site.rounds['jana']}\?notice="))
    expect(tab.locator(".notice")).to_contain_text("Alles bewertet")
    expect(tab.locator(".progress__text")).to_contain_text("4 von 4")

    assert jury_site.votes("jana") == {
        e1: stars(4, 3, 5),
        e2: stars(1, 2, 3),
        e3: stars(5, 5, 5),
        e4: stars(2, 2, 1),
    }

    # A vote can still change: back to the first photo, new stars, saved.
    tab.goto(jury_site.url(f"/jury/tasks/{t1}"))
    expect(tab.locator("#criterion-0-4")).to_be_checked()
    rate(tab, "5", "5", "5", "Enter")
    expect(tab).to_have_url(re.compile(r".*/jury/rounds/\d+\?notice=round-done$"))
    assert jury_site.votes("jana")[e1] == stars(5, 5, 5)


def test_yes_and_no_by_keys(context_for, jury_site: JurySite):
    tab = context_for(1024, 768)  # a tablet in landscape
    log_in_by_keyboard(tab, jury_site, "uwe")
    tab.goto(jury_site.url(f"/jury/rounds/{jury_site.rounds['uwe']}/next"))
    tasks = jury_site.tasks("uwe")
    for key, (task_id, _entry) in zip(("j", "n", "ArrowUp", "ArrowDown"), tasks, strict=True):
        expect(tab).to_have_url(task_url(jury_site, task_id))
        tab.keyboard.press(key)
        expect(tab.locator("[data-vote-submit]")).to_be_focused()
        tab.keyboard.press("Enter")
    expect(tab.locator(".notice")).to_contain_text("Alles bewertet")
    assert jury_site.votes("uwe") == {
        entry: {"yes": yes}
        for (_task, entry), yes in zip(tasks, (True, False, True, False), strict=True)
    }


def test_an_ordering_by_keys_and_by_dragging(context_for, jury_site: JurySite):
    tab = context_for()
    log_in_by_keyboard(tab, jury_site, "rike")
    tab_to(tab, "Rangfolge erstellen")
    tab.keyboard.press("Enter")
    tasks = [task for task, _entry in jury_site.tasks("rike")]
    items = tab.locator(".ballot__item")
    expect(items).to_have_count(5)
    expect(tab.locator(".ballot__rank").first).to_be_hidden()  # the script keeps the places

    # Keyboard: the first photo's "down" button, then arrow keys move the photo.
    tab.locator(".ballot__item").first.locator("[data-move=down]").focus()
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    expect(tab.locator("[data-ballot-status]")).to_contain_text("jetzt Platz 3 von 5")
    order = [tasks[1], tasks[2], tasks[0], tasks[3], tasks[4]]
    assert [int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.taskId)")] == order
    tab.keyboard.press("End")
    order = [tasks[1], tasks[2], tasks[3], tasks[4], tasks[0]]
    assert [int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.taskId)")] == order
    expect(items.last.locator("[data-place]")).to_have_text("5")

    # Drag the fourth photo by its handle to the top.
    handle = items.nth(3).locator("[data-drag-handle]")
    target = items.first.bounding_box()
    box = handle.bounding_box()
    assert box and target
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.down()
    for step in range(1, 11):
        y = box["y"] + (target["y"] + 5 - box["y"]) * step / 10
        tab.mouse.move(box["x"] + box["width"] / 2, y)
    tab.mouse.up()
    order = [tasks[4], tasks[1], tasks[2], tasks[3], tasks[0]]
    assert [int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.taskId)")] == order
    expect(items.first.locator("[data-place]")).to_have_text("1")

    tab.locator(".ballot__item").first.locator("[data-move=up]").focus()
    tab.keyboard.press("Enter")  # saves
    expect(tab.locator(".notice")).to_contain_text("Ihre Rangfolge ist gespeichert")
    entries = dict(jury_site.tasks("rike"))
    assert jury_site.votes("rike") == {
        entries[task]: {"rank": place, "of": 5} for place, task in enumerate(order, start=1)
    }


def test_points_stay_distinct(context_for, jury_site: JurySite):
    tab = context_for()
    log_in_by_keyboard(tab, jury_site, "paul")
    tab.goto(jury_site.url(f"/jury/rounds/{jury_site.rounds['paul']}/ballot"))
    selects = tab.locator("select[data-points]")
    expect(tab.locator("[data-points-left]")).to_have_text(
        "Noch zu vergeben: 10, 9, 8, 7, 6, 5, 4, 3, 2, 1"
    )
    selects.nth(0).select_option("10")
    selects.nth(1).select_option("10")  # takes the 10 away from the first photo
    expect(selects.nth(0)).to_have_value("")
    expect(selects.nth(1)).to_have_value("10")
    for index, points in enumerate(range(9, 0, -1), start=2):
        selects.nth(index).select_option(str(points))
    expect(tab.locator("[data-points-left]")).to_contain_text("Alle Punkte sind vergeben")
    tab.get_by_role("button", name="Rangfolge speichern").click()
    expect(tab.locator(".notice")).to_contain_text("Ihre Rangfolge ist gespeichert")
    given = sorted(vote["points"] for vote in jury_site.votes("paul").values())
    assert given == [0, 0, *range(1, 11)]


@pytest.mark.parametrize(
    ("juror", "where"),
    [
        ("olaf", "/jury"),
        ("olaf", "task"),
        ("olaf", "round"),
        ("uwe", "task"),
        ("rike", "ballot"),
        ("paul", "ballot"),
    ],
)
def test_no_serious_accessibility_violations(context_for, jury_site: JurySite, juror, where):
    tab = context_for()
    log_in_by_keyboard(tab, jury_site, juror)
    round_id = jury_site.rounds.get(juror) or jury_site.rounds["jana"]
    paths = {
        "/jury": "/jury",
        "task": f"/jury/tasks/{jury_site.tasks(juror)[0][0]}",
        "round": f"/jury/rounds/{round_id}",
        "ballot": f"/jury/rounds/{round_id}/ballot",
    }
    tab.goto(jury_site.url(paths[where]))
    results = Axe().run(tab)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_help_dialog_is_accessible_too(context_for, jury_site: JurySite):
    tab = context_for()
    log_in_by_keyboard(tab, jury_site, "olaf")
    tab.goto(jury_site.url(f"/jury/tasks/{jury_site.tasks('olaf')[0][0]}"))
    tab.keyboard.press("?")
    expect(tab.locator("#shortcut-help")).to_be_visible()
    results = Axe().run(tab)
    assert [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ] == []


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768), (1180, 820)])
def test_the_task_page_fits_a_tablet_in_landscape(context_for, jury_site: JurySite, width, height):
    tab = context_for(width, height)
    log_in_by_keyboard(tab, jury_site, "olaf")
    tab.goto(jury_site.url(f"/jury/tasks/{jury_site.tasks('olaf')[0][0]}"))
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the task page scrolls sideways by {overflow}px"
    photo = tab.locator(".task__figure img").bounding_box()
    panel = tab.locator(".task__panel").bounding_box()
    assert photo and panel
    assert photo["y"] + photo["height"] <= height, "the photo does not fit the screen"
    assert panel["x"] >= photo["x"] + photo["width"], "photo and vote sit side by side"
    first_stars = tab.locator("fieldset[data-criterion]").first.bounding_box()
    assert first_stars and first_stars["y"] + first_stars["height"] <= height
