"""The search page in a real browser: search, tick two facets, open a result; axe on the way.

Also the autocomplete combobox (progressive enhancement): suggestions appear as you type, the
arrow keys and Enter open one. The page is checked by axe-core with results and with none.
"""

from __future__ import annotations

import re

import pytest

from .conftest import axe_violations, format_violations, save_screenshot

pytestmark = pytest.mark.browser


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_search_tick_two_facets_and_open_a_result(live_site, page, page_log, screenshot_dir):
    page.goto(live_site.url("/"))
    page.fill("#site-search-q", "barn")
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sok/\?q=barn"))
    assert page.locator(".result").count() > 0
    assert page.locator(".result mark").count() > 0
    save_screenshot(page, screenshot_dir, "sok--resultat")
    assert_no_axe_violations(page)

    counties = page.locator('.search-facets input[name="lan"]')
    assert counties.count() >= 2
    first, second = counties.nth(0), counties.nth(1)
    chosen = {first.get_attribute("value"), second.get_attribute("value")}
    first.check()
    second.check()
    page.locator(".search-facets__submit").click()
    page.wait_for_url(re.compile(r"lan=.*lan="))
    for value in chosen:
        assert page.locator(f'.search-facets input[name="lan"][value="{value}"]').is_checked()
        assert f"lan={value}" in page.url
    assert page.locator(".active-filters li").count() == 2
    results = page.locator(".result__title a")
    assert results.count() >= 1
    title = results.first.inner_text()
    save_screenshot(page, screenshot_dir, "sok--tva-lan")
    assert_no_axe_violations(page)

    results.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert not page_log.js_errors, page_log.js_errors
    assert not page_log.broken_resources, page_log.broken_resources
    assert not page_log.third_party_requests()


def test_search_without_results_offers_help_and_passes_axe(live_site, page, screenshot_dir):
    page.goto(live_site.url("/sok/?q=hundrastg%C3%A5rd"))
    assert page.locator(".no-results").count() == 1
    save_screenshot(page, screenshot_dir, "sok--inga-traffar")
    assert_no_axe_violations(page)


def test_a_misspelt_word_finds_its_example_and_offers_the_spelling(live_site, page):
    page.goto(live_site.url("/sok/?q=famljecentral&steg=4"))
    assert page.locator(".result").count() == 1, "the close spelling finds the example"
    assert page.get_by_role("link", name="familjecentral", exact=True).count() == 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name="familjecentral", exact=True).click()
    page.wait_for_url(re.compile(r"q=familjecentral&steg=4"))
    assert page.locator(".result").count() == 1


def test_autocomplete_is_an_accessible_combobox(live_site, page, page_log):
    page.goto(live_site.url("/sok/"))
    field = page.locator("#search-q")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"
    field.click()
    field.press_sequentially("famil", delay=30)
    option = page.get_by_role("option", name="Lokala hälsocenter och familjecentraler")
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert_no_axe_violations(page)
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/goda-exempel/halsocenter-och-familjecentraler"))
    assert not page_log.js_errors, page_log.js_errors
