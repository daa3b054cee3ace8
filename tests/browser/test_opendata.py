"""The open-data pages a person reads: the API page passes axe, and its links all answer."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, format_violations, save_screenshot

pytestmark = pytest.mark.browser


def test_the_api_page_is_accessible_and_its_links_work(live_site, page, screenshot_dir):
    response = page.goto(live_site.url("/api/"))
    assert response is not None and response.status == 200
    save_screenshot(page, screenshot_dir, "api")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    assert page.evaluate("document.documentElement.lang") == "sv"
    hrefs = page.eval_on_selector_all(
        "main a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )
    assert "/api/v1/openapi.json" in hrefs
    for href in hrefs:
        status = page.request.get(live_site.url(href)).status
        assert status == 200, (href, status)
