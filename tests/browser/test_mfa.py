"""Two-factor login in a real browser, without JavaScript: the demo editor's password, then the
code from the app, then the admin; and the setup page's QR code showing under our CSP.

The member only looks at the setup page and never turns TOTP on, so the other browser tests
keep logging in as them with the password alone.
"""

from __future__ import annotations

import pytest

from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, browser_login_with_mfa

from .test_accounts import MEMBER, fail_with, log_in, page_problems, submit
from .test_sharing import EDITOR, new_context

pytestmark = pytest.mark.browser


def test_the_editor_logs_in_with_the_code_from_the_app(live_site, browser):
    """Without JavaScript: the admin sends to the login, the password to the code page."""
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site.url("/admin/"))
        assert "/konto/login/" in page.url, page.url
        browser_login_with_mfa(page, live_site.base_url, *EDITOR, DEMO_EDITOR_TOTP_SECRET)
        assert page.get_by_role("heading", level=1).first.is_visible()
    finally:
        context.close()


def test_the_code_page_is_accessible_and_refuses_a_wrong_code(live_site, browser, screenshot_dir):
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(live_site.url("/konto/login/?next=/admin/"))
        page.fill("#id_login", EDITOR[0])
        page.fill("#id_password", EDITOR[1])
        submit(page)
        assert "/konto/2fa/authenticate/" in page.url, page.url
        problems = page_problems(page, "mfa-kod", screenshot_dir, expect_errors=False)
        page.fill("#id_code", "000000")
        submit(page)
        assert "Koden stämmer inte" in page.locator("main").inner_text()
        problems += page_problems(page, "mfa-kod--fel", screenshot_dir, expect_errors=True)
        page.goto(live_site.url("/admin/"))
        assert "/konto/" in page.url, f"no admin without the code: {page.url}"
        fail_with(problems, live_site)
    finally:
        context.close()


def test_the_setup_page_shows_the_qr_code_and_the_secret(live_site, browser, screenshot_dir):
    context = new_context(browser)
    csp_reports: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                csp_reports.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        log_in(page, live_site, *MEMBER)
        page.goto(live_site.url("/konto/2fa/totp/activate/"))
        assert "/konto/reauthenticate/" in page.url, "allauth asks for the password first"
        page.fill("#id_password", MEMBER[1])
        submit(page)
        assert "/konto/2fa/totp/activate/" in page.url, page.url
        qr = page.get_by_role("img", name="QR-kod med nyckeln för din autentiseringsapp")
        assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code shows"
        secret = page.locator("#totp-secret").inner_text()
        assert len(secret) == 32 and secret.isalnum()
        assert csp_reports == []
        fail_with(
            page_problems(page, "mfa-aktivera", screenshot_dir, expect_errors=False), live_site
        )
    finally:
        context.close()
