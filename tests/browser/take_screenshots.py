"""Screenshots of the public pages for the README: `python -m tests.browser.take_screenshots`.

Serves the showcase contest (as the browser tests do) and saves PNGs to docs/screenshots/.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("DOWNTOWN_SNAP_CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as workdir:
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
