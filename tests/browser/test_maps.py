"""The maps of Sweden in a real browser: axe finds nothing on the overview, a county page and an
example page, at phone width and on a desktop; the maps fit the screen and their areas are
keyboard-reachable links named by their place.
"""

from __future__ import annotations

import pytest

from .conftest import axe_violations, format_violations, save_screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "/oversikt/": ".overview-map svg",
    "/lan/orebro-lan/": "#municipalities-heading ~ div svg",
    "/goda-exempel/cross-orebro-lan/": ".example__spread svg",
}


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", list(PAGES))
def test_pages_with_a_map_pass_axe_and_fit_the_screen(
    live_site, browser, screenshot_dir, path, width
):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    response = page.goto(live_site.url(path))
    assert response is not None and response.status == 200
    svg = page.locator(PAGES[path])
    svg.scroll_into_view_if_needed()
    save_screenshot(page, screenshot_dir, f"karta-{width}--" + path.strip("/").replace("/", "--"))
    box = svg.bounding_box()
    violations = axe_violations(page)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert not violations, format_violations(path, violations)
    assert box is not None and box["width"] > 100 and box["x"] + box["width"] <= width
    assert scroll_width <= width


def test_a_municipality_on_a_county_map_leads_to_the_search(live_site, page):
    page.goto(live_site.url("/lan/orebro-lan/"))
    karlskoga = page.get_by_role("link", name="Karlskoga: 1 exempel")
    karlskoga.focus()
    assert karlskoga.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?kommun=karlskoga")
    assert "Cross i Örebro län" in page.locator(".result-list").inner_text()


def test_the_example_map_marks_the_origin(live_site, page):
    page.goto(live_site.url("/goda-exempel/cross-orebro-lan/"))
    origin = page.locator(".example__spread a.map__area--origin")
    assert origin.count() == 1
    assert origin.get_attribute("aria-label").startswith("Karlskoga, här startade arbetet")
    assert (
        "Open Knowledge Sweden" in page.locator(".example__spread .map-figure__credit").inner_text()
    )
