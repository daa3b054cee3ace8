"""axe on an example marked "Avslutat" (issue #17), and the search narrowed to discontinued work.

The demo states only what the seeds say, and no seeded example was discontinued, so the test
marks one inside the live site's database (``manage.py shell``) and puts it back afterwards.
"""

from __future__ import annotations

import pytest

from examples.demo.loader import FACT_SHEET_EXAMPLE

from .conftest import axe_violations, format_violations, save_screenshot
from .test_accessibility import new_context
from .test_xss import run_in_site

pytestmark = pytest.mark.browser

MARK = """
import datetime
from examples.models import ExamplePage
page = ExamplePage.objects.get(slug={slug!r})
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
