"""Phones in a real browser: 320 px reflow on every page, the "Meny" and "Filtrera" toggles
by keyboard, "Kopiera länk", and axe at phone width on the pages whose layout changes there.

WCAG 1.4.10 (Reflow): at 320 CSS px nothing may need scrolling sideways, except what needs two
dimensions (a wide table, which then scrolls inside its own focusable region).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import LiveSite, axe_violations, format_violations, save_screenshot
from .test_accounts import MEMBER, log_in
from .test_pages import sitemap_urls

pytestmark = pytest.mark.browser

PHONE = 320
PUBLIC_EXTRA = ["/sok/", "/sok/?q=skola", "/konto/login/", "/konto/signup/", "/api/"]
MEMBER_PAGES = ["/konto/profil/", "/mina-exempel/", "/dela/", "/konto/email/"]

# Elements that stick out past the viewport's right edge without a scrolling ancestor to hold
# them, and elements whose own content (a long word) is wider than their box.
OFFENDERS_JS = """(width) => {
    const described = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className.trim()
            ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const heldByScroller = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const overflow = getComputedStyle(p).overflowX;
            if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
        }
        return false;
    };
    const offenders = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || heldByScroller(el)) continue;
        const style = getComputedStyle(el);
        if (box.right > width + 0.5) {
            offenders.push(`${described(el)} reaches ${Math.round(box.right)} px`);
        } else if (style.overflowX === "visible" && el.scrollWidth > el.clientWidth + 1
                   && el.clientWidth > 0 && style.display !== "inline") {
            offenders.push(`${described(el)} holds content ${el.scrollWidth} px wide in ${el.clientWidth} px`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8)};
}"""


def phone_page(browser, width: int = PHONE, **options):
    context = browser.new_context(
        locale="sv-SE", viewport={"width": width, "height": 800}, **options
    )
    return context.new_page()


def reflow_problem(page, url: str) -> str | None:
    page.goto(url)
    facts = page.evaluate(OFFENDERS_JS, PHONE)
    if facts["scrollWidth"] <= PHONE and not facts["offenders"]:
        return None
    return (
        f"{urlsplit(url).path}{'?' + urlsplit(url).query if urlsplit(url).query else ''}: "
        f"scrollWidth {facts['scrollWidth']} px > {PHONE}\n    " + "\n    ".join(facts["offenders"])
    )


def test_no_page_scrolls_sideways_at_320_px(live_site: LiveSite, browser):
    page = phone_page(browser)
    urls = sitemap_urls(live_site) + [live_site.url(path) for path in PUBLIC_EXTRA]
    problems = [problem for url in urls if (problem := reflow_problem(page, url))]
    log_in(page, live_site, *MEMBER)
    problems += [
        problem for path in MEMBER_PAGES if (problem := reflow_problem(page, live_site.url(path)))
    ]
    page.context.close()
    assert len(urls) > 40
    assert not problems, "Pages wider than 320 px:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "path", ["/sok/?q=skola", "/oversikt/", "/api/", "/goda-exempel/sexit-jamtland/"]
)
def test_phone_layouts_pass_axe(live_site: LiveSite, browser, screenshot_dir, path):
    page = phone_page(browser, width=390)
    page.goto(live_site.url(path))
    save_screenshot(page, screenshot_dir, "390--" + (path.strip("/").replace("/", "--") or "start"))
    violations = axe_violations(page)
    page.context.close()
    assert not violations, format_violations(path, violations)


def test_the_menu_button_opens_and_closes_the_navigation_by_keyboard(live_site, browser):
    page = phone_page(browser, width=390)
    page.goto(live_site.url("/"))
    nav_link = page.locator(".site-nav__list a").first
    assert not nav_link.is_visible(), "the navigation is open before the menu button is used"

    # Skip link, site name, the header's search field and its button, then the menu button.
    for _ in range(5):
        page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text().strip().startswith("Meny"), focused.evaluate("e => e.outerHTML")
    assert focused.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")
    assert focused.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    page.keyboard.press("Tab")
    assert page.locator(":focus").evaluate("e => !!e.closest('#site-nav')"), "Tab after the menu"

    page.keyboard.press("Escape")
    assert page.locator(".site-nav__toggle").get_attribute("aria-expanded") == "false"
    assert not nav_link.is_visible()
    assert page.locator(":focus").get_attribute("class") == "site-nav__toggle"
    page.context.close()


def test_without_javascript_the_phone_navigation_is_shown(live_site, browser):
    page = phone_page(browser, width=390, java_script_enabled=False)
    page.goto(live_site.url("/"))
    assert page.locator(".site-nav__list a").first.is_visible()
    assert page.locator(".site-nav__toggle").count() == 0
    page.context.close()


def test_search_results_come_first_and_filters_open_by_keyboard(live_site, browser):
    page = phone_page(browser, width=390)
    page.goto(live_site.url("/sok/?q=skola"))
    assert page.locator('input[type="search"]').count() == 1, "two search boxes on /sok/"
    first_result = page.locator(".result").first.bounding_box()
    assert first_result["y"] < 800, f"the first result is {first_result['y']:.0f} px down"
    checkbox = page.locator('.search-facets input[type="checkbox"]').first
    assert not checkbox.is_visible(), "the filters are unfolded on a phone"

    summary = page.locator("details.search-filters > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert checkbox.is_visible()
    checkbox.focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.locator(".search-facets__submit").press("Enter")
    assert page.locator("details.search-filters > summary").inner_text().strip() == (
        "Filtrera (1 valt)"
    )
    page.context.close()


def test_filters_are_open_beside_the_results_on_a_wide_screen(live_site, page):
    page.goto(live_site.url("/sok/?q=skola"))
    assert page.locator('.search-facets input[type="checkbox"]').first.is_visible()
    assert not page.locator(".site-nav__toggle").is_visible()
    assert page.locator(".site-nav__list a").first.is_visible()


def test_copy_link_puts_the_address_on_the_clipboard_and_says_so(live_site, browser):
    page = phone_page(browser, width=390, permissions=["clipboard-read", "clipboard-write"])
    url = live_site.url("/goda-exempel/sexit-jamtland/")
    page.goto(url)
    button = page.get_by_role("button", name="Kopiera länk")
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".copy-link__status[role=status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Länken är kopierad"
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.context.close()
