"""A visitor filters the gallery and opens an entry; a participant looks up their status; the main
public pages have no serious accessibility violations (axe-core, bundled, nothing downloaded)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.server import Site

pytestmark = pytest.mark.browser


def test_visitor_filters_the_gallery_and_opens_an_entry(page: Page, site: Site):
    page.goto(site.url("/"))
    expect(page.locator("h1")).to_have_text("Downtown Snaps 2025")
    expect(page.locator(".card")).to_have_count(24)

    page.get_by_label("Ort").select_option("Meiningen")
    page.get_by_label("Reihenfolge").select_option("likes")
    page.get_by_role("button", name="Anzeigen").click()

    expect(page).to_have_url(site.url("/?town=Meiningen&sort=likes"))
    towns = page.locator(".card__town").all_inner_texts()
    assert towns and set(towns) == {"Meiningen"}
    likes = [
        int(text.split()[0].replace(".", "")) for text in page.locator(".likes").all_inner_texts()
    ]
    assert likes == sorted(likes, reverse=True)

    first = page.locator(".card").first
    credit = first.locator(".credit").inner_text().split()[0]
    first.locator(".card__image").click()

    expect(page.locator("h1")).to_have_text("Meiningen")
    expect(page.locator(".entry__facts .credit")).to_contain_text(credit)
    image = page.locator(".entry__figure img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    instagram = page.get_by_role("link", name="Auf Instagram ansehen")
    assert (instagram.get_attribute("href") or "").startswith("https://www.instagram.com/p/")


def test_participant_looks_up_their_status(page: Page, site: Site):
    page.goto(site.url("/"))
    page.get_by_role("link", name="Meine Beiträge").click()
    page.get_by_label("Ihr Instagram-Name").fill("@Anna.Fotografiert")
    page.keyboard.press("Enter")

    expect(page.locator("#status-heading")).to_contain_text("@anna.fotografiert")
    expect(page.locator("#results")).to_be_focused()
    rejected = page.locator(".status-post--rejected")
    expect(rejected).to_have_count(1)
    expect(rejected.locator(".reason__title")).to_have_count(1)
    expect(rejected.locator(".reason__advice")).to_contain_text("Was Sie tun können:")
    expect(page.locator(".status-post--review .badge")).to_have_text("In Prüfung")
    accepted = page.locator(".status-post--accepted").first
    expect(accepted.get_by_role("link", name="In der Galerie ansehen")).to_be_visible()


def test_the_language_switch_works_without_javascript_help(page: Page, site: Site):
    page.goto(site.url("/towns"))
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Entries by town")
    page.get_by_role("link", name="Winners").click()
    expect(page.locator("h1")).to_have_text("The winners")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/entries/DSx001",
        "/towns",
        "/winners",
        "/status?handle=anna.fotografiert",
        "/terms",
        "/privacy",
        "/no-such-page",
    ],
)
def test_no_serious_accessibility_violations(page: Page, site: Site, path: str):
    page.goto(site.url(path))
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_phone_layout_has_no_horizontal_scrolling(browser, site: Site):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 740})
    tab = context.new_page()
    for path in ("/", "/entries/DSx001", "/towns", "/status?handle=anna.fotografiert"):
        tab.goto(site.url(path))
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    context.close()
