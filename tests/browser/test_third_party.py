"""No page makes the browser talk to anyone but the site: no fonts, scripts, avatars (Gravatar),
update checks (Wagtail's) or telemetry from another host, for visitors, members and editors.

Every request of every page is recorded at the context level (so frames, workers and late
fetches count too) while the browser visits every sitemap page, the account pages, the
member's pages and a set of Wagtail admin pages as a logged-in editor. Requests to another
host are aborted, never sent, and listed in the failure. Pages wait until the network is
idle, so a fetch made after the page loaded (as Wagtail's update check does) is caught.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from examples.demo.loader import FACT_SHEET_EXAMPLE
from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, browser_login_with_mfa

from .test_accounts import MEMBER, submit
from .test_pages import sitemap_urls

pytestmark = pytest.mark.browser

EDITOR = ("redaktor@example.se", "demo-redaktor-2026")
OWN_SCHEMES = {"data", "blob", "about"}  # made inside the page, not sent anywhere

MISSING_PAGE = "/den-har-sidan-finns-inte/"
ACCOUNT_PATHS = [
    "/konto/login/",
    "/konto/login/code/",
    "/konto/signup/",
    "/konto/password/reset/",
    MISSING_PAGE,
    "/sok/?q=barn",
    "/sok/?q=zyxkvarts",
    "/api/",
]
MEMBER_PATHS = [
    "/dela/",
    "/mina-exempel/",
    "/konto/profil/",
    "/konto/email/",
    "/konto/password/change/",
]


@dataclass
class RequestLog:
    """Every request a browser context made, and those that left the site."""

    own_origin: str
    seen: list[str] = field(default_factory=list)
    foreign: list[tuple[str, str]] = field(default_factory=list)  # (page, url)
    current: str = ""

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in OWN_SCHEMES or f"{parts.scheme}://{parts.netloc}" == self.own_origin

    def record(self, request) -> None:
        self.seen.append(request.url)
        if not self.is_own(request.url):
            self.foreign.append((self.current, request.url))


def recording_context(browser, log: RequestLog):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.on("request", log.record)
    context.route(lambda url: not log.is_own(url), lambda route: route.abort())
    return context


def visit_all(page, log: RequestLog, base_url: str, paths: list[str]) -> list[str]:
    """Open each path and wait for the network to go quiet; return the paths that failed."""
    failed = []
    for path in paths:
        log.current = path
        response = page.goto(base_url + path, wait_until="networkidle")
        status = response.status if response else None
        if status != (404 if path == MISSING_PAGE else 200):
            failed.append(f"{path}: HTTP {status}")
        elif "/konto/login/" in page.url and "/konto/login/" not in path:
            failed.append(f"{path}: sent to the login page")
    return failed


def page_ids(live_site) -> dict[str, int]:
    """Ids of a few objects the admin pages need, read from the live site's database."""
    connection = sqlite3.connect(f"file:{live_site.database_path}?mode=ro", uri=True)
    try:
        query = connection.execute
        return {
            "example": query(
                "SELECT id FROM wagtailcore_page WHERE slug = ?", (FACT_SHEET_EXAMPLE,)
            ).fetchone()[0],
            "examples": query(
                "SELECT id FROM wagtailcore_page WHERE slug = 'goda-exempel'"
            ).fetchone()[0],
            "image": query("SELECT min(id) FROM examples_customimage").fetchone()[0],
            "document": query("SELECT min(id) FROM wagtaildocs_document").fetchone()[0],
        }
    finally:
        connection.close()


def admin_paths(ids: dict[str, int]) -> list[str]:
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{ids['examples']}/",
        f"/admin/pages/{ids['example']}/edit/",
        f"/admin/pages/{ids['example']}/history/",
        "/admin/pages/search/?q=barn",
        "/admin/images/",
        f"/admin/images/{ids['image']}/",
        "/admin/documents/",
        f"/admin/documents/edit/{ids['document']}/",
        "/admin/snippets/examples/county/",
        "/admin/snippets/examples/goal/",
        "/admin/snippets/examples/targetarea/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/page-types-usage/",
        "/admin/account/",
    ]


def report(log: RequestLog, failed: list[str]) -> str:
    lines = [f"{page}: {url}" for page, url in log.foreign]
    return "\n".join(
        [f"{len(log.foreign)} request(s) to another host:", *lines, *failed] if lines else failed
    )


def test_visitors_pages_request_nothing_from_another_host(live_site, browser):
    log = RequestLog(own_origin=live_site.base_url)
    context = recording_context(browser, log)
    try:
        page = context.new_page()
        paths = [urlsplit(url).path for url in sitemap_urls(live_site)] + ACCOUNT_PATHS
        failed = visit_all(page, log, live_site.base_url, paths)
    finally:
        context.close()
    assert len(paths) > 40 and len(log.seen) > len(paths)
    assert not log.foreign and not failed, report(log, failed)


def test_members_pages_request_nothing_from_another_host(live_site, browser):
    log = RequestLog(own_origin=live_site.base_url)
    context = recording_context(browser, log)
    try:
        page = context.new_page()
        page.goto(live_site.url("/konto/login/"))
        page.fill("#id_login", MEMBER[0])
        page.fill("#id_password", MEMBER[1])
        submit(page)
        failed = visit_all(page, log, live_site.base_url, MEMBER_PATHS)
    finally:
        context.close()
    assert not log.foreign and not failed, report(log, failed)


def test_the_admin_requests_nothing_from_another_host(live_site, browser):
    log = RequestLog(own_origin=live_site.base_url)
    context = recording_context(browser, log)
    try:
        page = context.new_page()
        log.current = "login"
        browser_login_with_mfa(page, live_site.base_url, *EDITOR, DEMO_EDITOR_TOTP_SECRET)
        paths = admin_paths(page_ids(live_site))
        failed = visit_all(page, log, live_site.base_url, paths)
        # The editor really saw the admin, not a login page.
        assert page.url.startswith(live_site.url("/admin/")), page.url
    finally:
        context.close()
    assert not log.foreign and not failed, report(log, failed)
