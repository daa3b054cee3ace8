"""Following by e-mail in a browser without JavaScript: axe on the follow form (empty and with an
error), the "check your mail" page, the confirmation page, the manage page and the unsubscribe
pages; the whole journey works with JavaScript turned off."""

from __future__ import annotations

import re

import pytest

from .conftest import axe_violations, format_violations, is_local_url, save_screenshot
from .test_accounts import mail_to

pytestmark = pytest.mark.browser
ADDRESS = "bevakning-webblasare@example.se"


def check(page, screenshot_dir, name, javascript):
    """One <h1>; with JavaScript on (axe is a script), no axe violation."""
    assert len(page.locator("h1").all_inner_texts()) == 1
    if not javascript:
        return
    save_screenshot(page, screenshot_dir, f"axe--{name}")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


@pytest.mark.parametrize("javascript", [False, True], ids=["utan-javascript", "med-axe"])
def test_follow_confirm_manage_and_unsubscribe(live_site, browser, screenshot_dir, javascript):
    address = f"{'js' if javascript else 'nojs'}-{ADDRESS}"
    context = browser.new_context(locale="sv-SE", java_script_enabled=javascript)
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(live_site.url("/lan/jamtlands-lan/"))
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile("^Bevaka")).click()
        assert "/bevaka/ny/" in page.url
        check(page, screenshot_dir, "bevaka-ny", javascript)

        page.fill("#id_email", "inte en adress")
        submit(page, "Bevaka")
        assert page.get_by_text("Formuläret behöver rättas").is_visible()
        assert page.locator("#id_email").input_value() == "inte en adress"
        assert page.title().startswith("Fel: ")
        check(page, screenshot_dir, "bevaka-ny-med-fel", javascript)

        page.fill("#id_email", address)
        submit(page, "Bevaka")
        check(page, screenshot_dir, "bevaka-kolla-e-posten", javascript)

        body = mail_to(live_site, address, "Bekräfta din bevakning")
        confirm = re.search(r"https?://\S+/bevaka/bekrafta/[\w-]+/", body).group(0)
        page.goto(live_site.url(confirm.split("/", 3)[3]))
        check(page, screenshot_dir, "bevaka-bekrafta", javascript)
        submit(page, "Ja, bekräfta")
        assert "/bevaka/hantera/" in page.url
        assert page.get_by_text("Din bevakning är bekräftad").is_visible()
        check(page, screenshot_dir, "bevaka-hantera", javascript)

        submit(page, "Spara Jämtlands län")
        assert page.get_by_text("är sparade").is_visible()

        with page.expect_navigation():
            page.get_by_role("link", name="Sluta bevaka allt").click()
        check(page, screenshot_dir, "bevaka-avsluta-alla", javascript)
        submit(page, "Ja, sluta bevaka allt")
        check(page, screenshot_dir, "bevaka-avslutad", javascript)
        assert page.get_by_text("Alla bevakningar är avslutade").is_visible()
    finally:
        context.close()
