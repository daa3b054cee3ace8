"""The adoption journey in a browser: axe on the report form (empty and with errors), on
"Mina införanden" after a report, and on an example page with its spread section."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, format_violations
from .test_accessibility import member_state, new_context  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

EXAMPLE = "/goda-exempel/cross-orebro-lan/"


def check_axe(page):
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_report_an_adoption_without_axe_violations(live_site, browser, member_state):  # noqa: F811
    context = new_context(browser, storage_state=member_state)
    try:
        page = context.new_page()
        page.goto(live_site.url(EXAMPLE))
        assert page.get_by_role("heading", name="Här har andra infört arbetet").is_visible()
        check_axe(page)
        with page.expect_navigation():
            page.get_by_role("link", name="Vi har också infört detta").click()
        assert page.locator("h1").inner_text().strip() == "Vi har också infört detta"
        check_axe(page)

        page.fill("#id_organisation", "Testkommunen")
        page.fill("#id_local_changes", "Vi lade till tolkar.")
        with page.expect_navigation():
            page.get_by_role("button", name="Skicka för granskning").click()
        assert page.get_by_text("Formuläret behöver rättas").is_visible()
        assert page.locator("#id_local_changes").input_value() == "Vi lade till tolkar."
        assert page.evaluate("document.activeElement && document.activeElement.id") == (
            "error-summary"
        )
        for target in page.locator("#error-summary a").evaluate_all(
            "links => links.map(a => a.hash)"
        ):
            assert page.locator(target).count() == 1, target
        check_axe(page)

        page.select_option("#id_organisation_kind", "kommun")
        page.select_option("#id_municipality", label="Lindesberg")
        page.select_option("#id_year", "2024")
        page.check("#id_stage_1")
        with page.expect_navigation():
            page.get_by_role("button", name="Skicka för granskning").click()
        assert page.url.endswith("/mina-inforanden/")
        assert page.get_by_text("Inskickad").first.is_visible()
        check_axe(page)
    finally:
        context.close()
