"""axe on an example marked "Avslutat" (issue #17), the search narrowed to discontinued work, and
the owner's pages: "Markera som avslutat" (with an error, and its confirmation) and "Återuppta".

The demo states only what the seeds say, and no seeded example was discontinued, so the test
marks one inside the live site's database (``manage.py shell``), lends it to the demo member,
and puts both back afterwards. Nothing is confirmed, so no review starts.
"""

from __future__ import annotations

import pytest

from examples.demo.loader import FACT_SHEET_EXAMPLE

from .conftest import axe_violations, format_violations, save_screenshot
from .test_accessibility import new_context
from .test_accounts import MEMBER, log_in
from .test_xss import run_in_site

pytestmark = pytest.mark.browser

MARK = """
import datetime
from django.contrib.auth import get_user_model
from examples.models import ExamplePage
page = ExamplePage.objects.get(slug={slug!r})
assert page.owner_id is None
ExamplePage.objects.filter(pk=page.pk).update(
    owner=get_user_model().objects.get(email="medlem@example.se")
)
page = ExamplePage.objects.get(pk=page.pk)
page.discontinued_on = datetime.date(2025, 3, 1)
page.discontinued_precision = "month"
page.discontinued_reason = "annat"
page.discontinued_reason_text = "Testets markering, inte seedernas."
page.discontinued_lesson = "Testets lärdom."
page.save_revision().publish()
"""

RESUME = """
from examples.models import ExamplePage
page = ExamplePage.objects.get(slug={slug!r})
page.resume()
page.owner = None
page.save_revision().publish()
"""


@pytest.fixture
def discontinued_example(live_site):
    run_in_site(live_site, MARK.format(slug=FACT_SHEET_EXAMPLE))
    yield f"/goda-exempel/{FACT_SHEET_EXAMPLE}/"
    run_in_site(live_site, RESUME.format(slug=FACT_SHEET_EXAMPLE))


def test_an_avslutat_example_page_has_no_axe_violations(
    live_site, browser, screenshot_dir, discontinued_example
):
    context = new_context(browser)
    try:
        page = context.new_page()
        response = page.goto(live_site.url(discontinued_example))
        assert response is not None and response.status == 200
        label = page.locator(".example__header .status-label--discontinued")
        assert label.inner_text().startswith("Avslutat mars 2025")
        assert page.get_by_role("heading", name="Arbetet har avslutats").is_visible()
        save_screenshot(page, screenshot_dir, "axe--exempel-avslutat")
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)

        page.goto(live_site.url("/sok/?status=avslutade"))
        assert page.locator(".result").count() == 1
        assert page.locator(".result .status-label--discontinued").count() == 1
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)
    finally:
        context.close()


def _continue(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Fortsätt").click()


def _no_violations(page):
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_the_owners_pages_have_no_axe_violations(
    live_site, browser, screenshot_dir, discontinued_example
):
    context = new_context(browser)
    try:
        page = context.new_page()
        log_in(page, live_site, *MEMBER)
        page.goto(live_site.url("/mina-exempel/"))
        page.get_by_role("link", name="Återuppta").first.click()
        page.wait_for_load_state()
        assert page.get_by_role("button", name="Ja, återuppta").is_visible()
        _no_violations(page)

        page.goto(page.url.replace("/ateruppta/", "/avsluta/"))
        assert page.locator("#id_reason_text").input_value() == "Testets markering, inte seedernas."
        page.fill("#id_reason_text", "")
        _continue(page)
        assert page.title().startswith("Fel: ")
        assert page.evaluate("document.activeElement.id") == "error-summary"
        save_screenshot(page, screenshot_dir, "axe--avsluta-med-fel")
        _no_violations(page)

        page.fill("#id_reason_text", "Projektmedlen tog slut.")
        _continue(page)
        assert page.get_by_role("button", name="Ja, markera som avslutat").is_visible()
        assert page.get_by_text("Projektmedlen tog slut.").is_visible()
        save_screenshot(page, screenshot_dir, "axe--avsluta-bekrafta")
        _no_violations(page)
    finally:
        context.close()
