"""The organiser in a real browser: a duplicate resolved in the review queue, winners published
and seen on the public page; the console's pages free of serious accessibility violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.console_showcase import DUPLICATE, ORIGINAL
from tests.browser.server import Site

pytestmark = pytest.mark.browser


def test_organiser_resolves_a_duplicate_and_publishes_the_winners(
    organiser_page: Page, console_site: Site
) -> None:
    tab = organiser_page
    tab.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Prüfliste").click()
    expect(tab.locator("h1")).to_have_text("Prüfliste")

    duplicate = tab.locator(".review-item").filter(has=tab.locator(f"code:text-is('{DUPLICATE}')"))
    expect(duplicate.locator(".side-by-side figure")).to_have_count(2)
    expect(duplicate.locator(".side-by-side img")).to_have_count(2)
    expect(duplicate.locator(".side-by-side figcaption").nth(1)).to_contain_text(ORIGINAL)
    expect(duplicate.locator(".distance")).to_contain_text("Bildabstand: 3")
    expect(duplicate.locator(".reason-title")).to_have_text("Möglicherweise doppelt")
    duplicate.get_by_label("Notiz (wird im Protokoll festgehalten)").fill(
        f"Dasselbe Foto wie {ORIGINAL}, von einem anderen Konto"
    )
    duplicate.get_by_role("button", name="Ablehnen").click()

    expect(tab.locator(".notice")).to_have_text("Der Beitrag ist abgelehnt.")
    expect(tab.locator(".count")).to_have_text("1 Beitrag zu prüfen")
    expect(tab.locator(f".review-item code:text-is('{DUPLICATE}')")).to_have_count(0)

    tab.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Ergebnis").click()
    expect(tab.locator("#publish-title")).to_have_text("Endgültig, noch nicht veröffentlicht")
    first = tab.locator("table.results tbody tr").first
    winner = first.locator("td a").inner_text()
    tab.get_by_role("link", name="Gewinner veröffentlichen …").click()
    expect(tab.locator("h1")).to_have_text("Gewinner veröffentlichen?")
    tab.get_by_role("button", name="Ja, jetzt veröffentlichen").click()
    expect(tab.locator(".notice")).to_contain_text("veröffentlicht")
    expect(tab.locator("#publish-title")).to_have_text("Veröffentlicht")

    tab.get_by_role("link", name="Gewinnerseite öffnen").click()
    expect(tab).to_have_url(console_site.url("/winners"))
    expect(tab.locator(".winner--place-1")).to_contain_text(winner)
    expect(tab.locator(".winner")).to_have_count(8)


CONSOLE_PAGES = [
    "/admin",
    "/admin/review",
    "/admin/entries",
    f"/admin/entries/{ORIGINAL}",
    "/admin/manual-add",
    "/admin/shortlist",
    "/admin/rounds",
    "/admin/rounds/1/standings",
    "/admin/rounds/2/standings",
    "/admin/results",
    "/admin/results/publish",
    "/admin/jurors",
    "/admin/contest",
    "/admin/audit",
    "/admin/exports",
    "/admin/participants/ben.b/forget",
]


@pytest.mark.parametrize("path", CONSOLE_PAGES)
def test_console_pages_have_no_serious_accessibility_violations(
    organiser_page: Page, console_site: Site, path: str
) -> None:
    organiser_page.goto(console_site.url(path))
    expect(organiser_page.locator("h1")).to_be_visible()
    results = Axe().run(organiser_page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
