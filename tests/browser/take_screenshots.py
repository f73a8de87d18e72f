"""Screenshots for the README: `python -m tests.browser.take_screenshots`.

Serves the showcase contest (as the browser tests do) and saves PNGs of the public pages to
docs/screenshots/; then serves the console showcase (a contest in the middle of judging) and
saves the organiser console, logged in as its organiser.
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.console_showcase import ORGANISER, PASSWORD, seed_console
from tests.browser.server import CHROMIUM_ARGS, running_site
from tests.paths import REPO_ROOT

SHOTS = (
    # (file name, path, viewport width, viewport height, full page)
    ("gallery-laptop", "/", 1366, 900, False),
    ("gallery-phone", "/", 390, 844, False),
    ("entry-tablet", "/entries/DSx004", 1024, 1100, False),
    ("towns-laptop", "/towns", 1366, 820, False),
    ("status-phone", "/status?handle=anna.fotografiert#results", 390, 1500, False),
    ("winners-laptop", "/winners", 1366, 1000, False),
)
CONSOLE_SHOTS = (
    ("admin-dashboard-laptop", "/admin", 1366, 1480, False),
    ("admin-review-laptop", "/admin/review?duplicates=1", 1366, 900, False),
    ("admin-shortlist-laptop", "/admin/shortlist", 1366, 1000, False),
)


def console_shots(workdir: Path, out: Path, chromium: str) -> None:
    """The console while the final round runs: one juror done, two still judging."""
    database_url = f"sqlite:///{workdir / 'console.sqlite3'}"
    seed = functools.partial(seed_console, final_done=False)
    with running_site(database_url, workdir / "console", seed) as site, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, path, width, height, full_page in CONSOLE_SHOTS:
            context = browser.new_context(
                locale="de-DE", viewport={"width": width, "height": height}
            )
            tab = context.new_page()
            tab.goto(site.url("/login"))
            tab.fill("#username", ORGANISER)
            tab.fill("#password", PASSWORD)
            tab.click("form button[type=submit]")
            tab.wait_for_url(site.url("/admin"))
            tab.goto(site.url(path), wait_until="networkidle")
            tab.evaluate("document.fonts.ready")
            tab.screenshot(path=str(out / f"{name}.png"), full_page=full_page)
            context.close()
            print(f"wrote {out / name}.png")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--only", choices=("public", "console"), help="Take only the public or the console shots."
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("DOWNTOWN_SNAP_CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as workdir:
        if args.only != "public":
            (Path(workdir) / "console").mkdir()
            console_shots(Path(workdir), args.out, chromium)
        if args.only == "console":
            return
        database_url = f"sqlite:///{Path(workdir) / 'shots.sqlite3'}"
        with running_site(database_url, Path(workdir)) as site, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for name, path, width, height, full_page in SHOTS:
                context = browser.new_context(
                    locale="de-DE", viewport={"width": width, "height": height}
                )
                tab = context.new_page()
                tab.goto(site.url(path), wait_until="networkidle")
                tab.evaluate("document.fonts.ready")
                tab.screenshot(path=str(args.out / f"{name}.png"), full_page=full_page)
                context.close()
                print(f"wrote {args.out / name}.png")
            browser.close()


if __name__ == "__main__":
    main()
