"""axe-core (WCAG 2.1 A and AA) on each page type a visitor, a member or a newcomer meets.

One test per page type, named in the test id, so the list of what axe covers is visible in the
test report; each also has the footer link to the accessibility statement. ``test_pages.py`` also runs axe on every sitemap page, ``test_accounts.py`` on every
account form and ``test_sharing.py`` along the sharing journey; this file is the page-type
checklist of the accessibility statement (``templates/website/accessibility_statement_page.html``
names the method). Each page is first checked to be the page type it claims to be, so a
redirect or an empty page can never pass for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from examples.demo.loader import FACT_SHEET_EXAMPLE

from .conftest import axe_violations, format_violations, is_local_url, save_screenshot
from .test_accounts import MEMBER, submit

pytestmark = pytest.mark.browser


def _search_has_results(page) -> None:
    assert page.locator(".result").count() > 0, "the search found nothing"


def _search_has_no_results(page) -> None:
    assert page.locator(".result").count() == 0
    assert page.locator(".no-results").is_visible()


def _example_has_image_and_attachment(page) -> None:
    assert page.locator(".example__cover img[alt]").count() == 1, "no cover image"
    section = page.locator("section[aria-labelledby=attachments-heading]")
    assert section.get_by_role("link").count() >= 1, "no attachment"


def _submit_share_form_with_errors(page) -> None:
    page.fill("#id_title", "Ett exempel utan län")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka för granskning").click()
    assert page.get_by_text("Formuläret behöver rättas").is_visible()
    assert page.locator("#id_title").input_value() == "Ett exempel utan län"
    # Focus is on the summary (autofocus, no script needed), the title says "Fel:", and every
    # link of the summary reaches an element, checkbox and radio groups included.
    assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    assert page.title().startswith("Fel: ")
    targets = page.locator("#error-summary a").evaluate_all("links => links.map(a => a.hash)")
    assert "#id_target_areas_0" in targets and "#id_stage_0" in targets
    for target in targets:
        assert page.locator(target).count() == 1, target


def _share_form_is_empty(page) -> None:
    assert page.locator("#id_title").input_value() == ""


def _profile_form_shown(page) -> None:
    assert page.locator("#id_contact_consent").count() == 1


def _statement_has_digg_link(page) -> None:
    assert page.locator("a[href='https://www.digg.se/tdosanmalan']").count() == 1


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    heading: str  # the page's <h1>, a regular expression
    status: int = 200
    member: bool = False
    check: Callable | None = None


PAGE_TYPES = [
    PageType("start", "/", r"Goda exempel för hälsa"),
    PageType(
        "tillganglighetsredogorelse",
        "/tillganglighetsredogorelse/",
        r"^Tillgänglighetsredogörelse$",
        check=_statement_has_digg_link,
    ),
    PageType("kontakt", "/kontakt/", r"^Kontakt$"),
    PageType("sok-tom", "/sok/", r"^Sök bland goda exempel$"),
    PageType(
        "sok-med-traffar", "/sok/?q=barn", r"^Sök bland goda exempel$", check=_search_has_results
    ),
    PageType(
        "sok-kommun-utvidgad-alla-kopior",
        "/sok/?q=skola+Ume%C3%A5&kopior=alla",
        r"^Sök bland goda exempel$",
        check=_search_has_results,
    ),
    PageType(
        "sok-utan-traffar",
        "/sok/?q=zyxkvarts",
        r"^Sök bland goda exempel$",
        check=_search_has_no_results,
    ),
    PageType(
        "exempel-med-bild-och-bilaga",
        f"/goda-exempel/{FACT_SHEET_EXAMPLE}/",
        r"^Proaktiv hälsostyrning och fallprevention$",
        check=_example_has_image_and_attachment,
    ),
    PageType(
        "seminarium",
        "/seminarier/seminarium-1-livet-som-barn-och-ungdom/",
        r"^Seminarium 1: Livet som barn och ungdom$",
    ),
    PageType("logga-in", "/konto/login/", r"^Logga in$"),
    PageType("bli-medlem", "/konto/signup/", r"^Bli medlem$"),
    PageType("aterstall-losenord", "/konto/password/reset/", r"^Glömt lösenordet$"),
    PageType(
        "dela-med-dig-tom",
        "/dela/",
        r"^Dela med dig av ett gott exempel$",
        member=True,
        check=_share_form_is_empty,
    ),
    PageType(
        "dela-med-dig-med-fel",
        "/dela/",
        r"^Dela med dig av ett gott exempel$",
        member=True,
        check=_submit_share_form_with_errors,
    ),
    PageType(
        "profil",
        "/konto/profil/",
        r"^Profil och samtycke$",
        member=True,
        check=_profile_form_shown,
    ),
    PageType("404", "/den-har-sidan-finns-inte/", r"^Sidan kunde inte hittas$", status=404),
]


def new_context(browser, **options):
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 900}, **options
    )
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    return context


@pytest.fixture(scope="module")
def member_state(live_site, browser):
    """The demo member's logged-in cookies, so the member's page types log in only once."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(live_site.url("/konto/login/"))
    page.fill("#id_login", MEMBER[0])
    page.fill("#id_password", MEMBER[1])
    submit(page)
    assert "/konto/login/" not in page.url, f"the demo member could not log in: {page.url}"
    state = context.storage_state()
    context.close()
    return state


def test_axe_covers_at_least_fourteen_page_types():
    assert len({p.name for p in PAGE_TYPES}) == len(PAGE_TYPES) >= 14


@pytest.mark.parametrize("kind", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
def test_page_type_has_no_axe_violations(live_site, browser, member_state, screenshot_dir, kind):
    context = new_context(browser, storage_state=member_state if kind.member else None)
    try:
        page = context.new_page()
        response = page.goto(live_site.url(kind.path))
        assert response is not None and response.status == kind.status, (
            f"{kind.path} answered {response and response.status}, expected {kind.status}"
        )
        assert page.url.split("?")[0] == live_site.url(kind.path).split("?")[0], (
            f"{kind.path} ended on {page.url}"
        )
        headings = page.locator("h1").all_inner_texts()
        assert len(headings) == 1 and re.search(kind.heading, headings[0].strip()), headings
        statement = page.locator("footer").get_by_role("link", name="Tillgänglighetsredogörelse")
        assert statement.get_attribute("href") == "/tillganglighetsredogorelse/"
        if kind.check:
            kind.check(page)
        save_screenshot(page, screenshot_dir, f"axe--{kind.name}")
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)
    finally:
        context.close()


def test_email_tab_password_enter_logs_in(live_site, browser):
    """The reset link comes after the button, so the keyboard path to log in is the short one,
    and the page the member lands on confirms it."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(live_site.url("/konto/login/"))
        page.focus("#id_login")
        page.keyboard.type(MEMBER[0])
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "id_password"
        page.keyboard.type(MEMBER[1])
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/konto/login/" not in page.url
        assert page.get_by_text("Du är inloggad.").is_visible()
    finally:
        context.close()
