"""Översikt in a real browser: axe finds nothing (charts and map included), the chart has an
accessible name, and the map's tiles are links a keyboard can reach and follow.
"""

from __future__ import annotations

import pytest

from .conftest import axe_violations, format_violations, save_screenshot

pytestmark = pytest.mark.browser

CHART_NAME = "Stapeldiagram: goda exempel per län och steg"


def test_overview_passes_axe_with_its_chart_and_map(live_site, page, page_log, screenshot_dir):
    url = live_site.url("/oversikt/")
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200
    save_screenshot(page, screenshot_dir, "oversikt")
    page.locator(".overview-map").screenshot(path=str(screenshot_dir / "oversikt-karta.png"))
    page.locator(".overview-chart").screenshot(path=str(screenshot_dir / "oversikt-diagram.png"))

    violations = axe_violations(page)
    assert not violations, format_violations(url, violations)
    assert page_log.third_party_requests() == []
    assert page_log.broken_resources == []
    assert page_log.js_errors == []

    chart = page.get_by_role("img", name=CHART_NAME)
    assert chart.is_visible()
    assert page.get_by_role("table", name="Goda exempel per län och steg").is_visible()
    assert page.locator(".overview-map svg a").count() == 21


def test_a_map_tile_is_a_link_to_its_county_page(live_site, page):
    page.goto(live_site.url("/oversikt/"))
    tile = page.get_by_role("link", name="Jämtland: 1 exempel")
    tile.focus()
    assert tile.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url(live_site.url("/lan/jamtlands-lan/"))
    assert page.locator("h1").inner_text() == "Jämtlands län"
