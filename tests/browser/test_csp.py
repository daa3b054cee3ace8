"""The strict Content-Security-Policy breaks nothing a visitor or member uses: no violations."""

from __future__ import annotations

import pytest

from .test_accounts import MEMBER, log_in

pytestmark = pytest.mark.browser

PATHS = [
    "/",
    "/oversikt/",
    "/sok/?q=barn",
    "/goda-exempel/sexit-jamtland/",
    "/konto/login/",
    "/api/",
]
MEMBER_PATHS = ["/dela/", "/mina-exempel/", "/konto/profil/"]


def violations_on(page, url):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return found


def test_no_policy_violations_for_visitors_and_members(live_site, browser):
    context = browser.new_context()
    problems = []
    for path in PATHS:
        page = context.new_page()
        problems += [f"{path}: {text}" for text in violations_on(page, live_site.url(path))]
        page.close()
    page = context.new_page()
    log_in(page, live_site, *MEMBER)
    for path in MEMBER_PATHS:
        problems += [f"{path}: {text}" for text in violations_on(page, live_site.url(path))]
    context.close()
    assert problems == []
