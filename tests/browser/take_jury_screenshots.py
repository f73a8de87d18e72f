"""Jury workspace screenshots for the README: `python -m tests.browser.take_jury_screenshots`.

Serves the jury showcase (as the jury browser tests do), votes a little through the pages with
the keyboard, and saves PNGs to docs/screenshots/jury-*.png.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from sqlalchemy.orm import Session

from tests.browser.jury_showcase import PASSWORD, seed_jury_showcase
from tests.browser.server import CHROMIUM_ARGS, Site, running_site
from tests.paths import REPO_ROOT


def log_in(tab: Page, site: Site, username: str) -> None:
    tab.goto(site.url("/login"))
    tab.fill("#username", username)
    tab.fill("#password", PASSWORD)
    tab.press("#password", "Enter")
    tab.wait_for_url(site.url("/jury"))


def keys(tab: Page, *pressed: str) -> None:
    """Press keys; Enter saves a vote, so it waits for the next page."""
    for key in pressed:
        if key == "Enter":
            with tab.expect_navigation():
                tab.keyboard.press(key)
        else:
            tab.keyboard.press(key)


ROUNDS: dict[str, int] = {}  # juror -> round id, filled when the showcase is seeded


def seed(session: Session, data_dir: Path) -> None:
    showcase = seed_jury_showcase(session, data_dir)
    ROUNDS.update({juror: round_.id for juror, round_ in showcase.rounds.items()})


def criteria_task(tab: Page, site: Site) -> None:
    """The second photo of the criteria round, two criteria rated, the third highlighted."""
    tab.goto(site.url(f"/jury/rounds/{ROUNDS['jana']}/next"))
    keys(tab, "4", "3", "5", "Enter")
    keys(tab, "5", "4")


def round_summary(tab: Page, site: Site) -> None:
    tab.goto(site.url(f"/jury/rounds/{ROUNDS['jana']}/next"))  # olaf judges there too
    keys(tab, "4", "4", "4", "Enter", "4", "5", "4", "Enter", "2", "2", "3", "Enter")
    tab.goto(site.url(f"/jury/rounds/{ROUNDS['jana']}"))


def yes_no_task(tab: Page, site: Site) -> None:
    tab.goto(site.url(f"/jury/rounds/{ROUNDS['uwe']}/next"))
    keys(tab, "j")


def ordering(tab: Page, site: Site) -> None:
    tab.goto(site.url(f"/jury/rounds/{ROUNDS['rike']}/ballot"))
    tab.locator(".ballot__item").nth(2).locator("[data-move=up]").focus()
    keys(tab, "ArrowUp", "ArrowUp")
    tab.evaluate("document.activeElement.blur()")


SHOTS: tuple[tuple[str, str, int, int, Callable[[Page, Site], None]], ...] = (
    # (file name, juror, viewport width, height, how to get there)
    ("jury-task-tablet", "jana", 1180, 820, criteria_task),
    ("jury-round-laptop", "olaf", 1366, 1060, round_summary),
    ("jury-yesno-tablet", "uwe", 1024, 768, yes_no_task),
    ("jury-ranking-laptop", "rike", 1366, 900, ordering),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("DOWNTOWN_SNAP_CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as workdir:
        database_url = f"sqlite:///{Path(workdir) / 'jury-shots.sqlite3'}"
        with (
            running_site(database_url, Path(workdir), seed) as site,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for name, juror, width, height, stage in SHOTS:
                context = browser.new_context(
                    locale="de-DE", viewport={"width": width, "height": height}
                )
                tab = context.new_page()
                log_in(tab, site, juror)
                stage(tab, site)
                tab.wait_for_load_state("networkidle")
                tab.evaluate("document.fonts.ready")
                tab.screenshot(path=str(args.out / f"{name}.png"))
                context.close()
                print(f"wrote {args.out / name}.png")
            browser.close()


if __name__ == "__main__":
    main()
