"""Every public page, as a visitor's browser sees it.

The pages come from the running site's /sitemap.xml, so every page of the demo
content is visited: the start page, the examples listing and each example, the
goals, counties and seminars with their indexes, and the content pages.  Each
visit is done once; the tests below judge what was seen and report every
problem of every page in one failure.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from .conftest import (
    LiveSite,
    PageLog,
    axe_violations,
    format_violations,
    new_page,
    save_screenshot,
    screenshot_name,
)

pytestmark = pytest.mark.browser

MIN_SITEMAP_URLS = 40  # 21 counties and 22 goals alone are more
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

PAGE_FACTS_JS = """() => ({
    lang: document.documentElement.getAttribute("lang"),
    h1s: Array.from(document.querySelectorAll("h1"), (h) => h.textContent.trim()),
    imagesWithoutAlt: Array.from(
        document.querySelectorAll("img:not([alt])"), (img) => img.outerHTML.slice(0, 200)
    ),
})"""


# --------------------------------------------------------------------------
# The sitemap
# --------------------------------------------------------------------------


def _fetch(url: str) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        pytest.fail(f"{url} answered HTTP {exc.code}", pytrace=False)


def on_live_site(live_site: LiveSite, loc: str) -> str:
    """The sitemap's URL with scheme, host and port replaced by the live site's.

    The Site record may say http://localhost:80; only the path (and query) count.
    """
    parts = urlsplit(loc.strip())
    return live_site.base_url + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def sitemap_urls(live_site: LiveSite) -> list[str]:
    """Every page URL of /sitemap.xml (following a sitemap index), in order."""
    urls: list[str] = []
    pending = [live_site.url("/sitemap.xml")]
    while pending:
        root = ET.fromstring(_fetch(pending.pop(0)))  # noqa: S314 - our own server
        locs = [on_live_site(live_site, loc.text or "") for loc in root.iter(f"{SITEMAP_NS}loc")]
        if root.tag == f"{SITEMAP_NS}sitemapindex":
            pending.extend(locs)
        else:
            urls.extend(url for url in locs if url not in urls)
    return urls


# --------------------------------------------------------------------------
# One visit per page
# --------------------------------------------------------------------------


@dataclass
class Visit:
    url: str
    status: int | None = None
    final_url: str | None = None
    error: str | None = None  # navigation failed outright
    violations: list[dict] = field(default_factory=list)
    lang: str | None = None
    h1s: list[str] = field(default_factory=list)
    images_without_alt: list[str] = field(default_factory=list)
    log: PageLog = field(default_factory=PageLog)


def visit(browser, url: str, screenshot_dir) -> Visit:
    from playwright.sync_api import Error as PlaywrightError

    result = Visit(url=url)
    page = new_page(browser, result.log)
    try:
        response = page.goto(url, wait_until="load")
        result.status = response.status if response else None
        result.final_url = page.url
        save_screenshot(page, screenshot_dir, screenshot_name(urlsplit(url).path))
        facts = page.evaluate(PAGE_FACTS_JS)
        result.lang = facts["lang"]
        result.h1s = facts["h1s"]
        result.images_without_alt = facts["imagesWithoutAlt"]
        result.violations = axe_violations(page)
    except PlaywrightError as exc:
        result.error = str(exc).splitlines()[0]
    finally:
        page.context.close()
    return result


@pytest.fixture(scope="module")
def visits(live_site, browser, screenshot_dir) -> list[Visit]:
    return [visit(browser, url, screenshot_dir) for url in sitemap_urls(live_site)]


def _fail_with(problems: list[str], live_site: LiveSite) -> None:
    if problems:
        pytest.fail(
            "\n\n".join(problems)
            + f"\n\nScreenshots: test-artifacts/screenshots/  Server log: {live_site.server_log}",
            pytrace=False,
        )


# --------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------


def test_every_sitemap_page_opens_and_passes_axe(visits, live_site):
    problems = []
    if len(visits) < MIN_SITEMAP_URLS:
        problems.append(
            f"/sitemap.xml lists {len(visits)} pages; the demo content has at least "
            f"{MIN_SITEMAP_URLS}: " + ", ".join(urlsplit(v.url).path for v in visits)
        )
    if live_site.url("/") not in [v.url for v in visits]:
        problems.append("/sitemap.xml does not list the start page /")

    for v in visits:
        if v.error:
            problems.append(f"{v.url}: could not be opened: {v.error}")
            continue
        if v.status != 200:
            problems.append(f"{v.url}: answered HTTP {v.status}, expected 200")
        if v.final_url != v.url:
            problems.append(f"{v.url}: redirected to {v.final_url}; the sitemap should list it")
        if v.violations:
            problems.append(format_violations(v.url, v.violations))

    _fail_with(problems, live_site)


def test_every_sitemap_page_is_swedish_with_one_h1_alt_texts_and_only_local_resources(
    visits, live_site
):
    problems = []
    for v in visits:
        if v.error:
            continue  # reported by the test above
        page_problems = []
        if (v.lang or "").split("-")[0].lower() != "sv":
            page_problems.append(f'<html lang="{v.lang}">, expected lang="sv"')
        if len(v.h1s) != 1:
            page_problems.append(f"{len(v.h1s)} <h1> elements, expected exactly one: {v.h1s}")
        page_problems += [f"<img> without alt attribute: {img}" for img in v.images_without_alt]
        page_problems += [f"request to another host: {url}" for url in v.log.third_party_requests()]
        page_problems += [f"resource did not load: {bad}" for bad in v.log.broken_resources]
        page_problems += [f"JavaScript error: {error}" for error in v.log.js_errors]
        if page_problems:
            problems.append(f"{v.url}:\n  " + "\n  ".join(page_problems))

    _fail_with(problems, live_site)


def test_missing_page_answers_404_in_swedish(live_site, page, page_log, screenshot_dir):
    url = live_site.url("/denna-sida-finns-inte/")
    response = page.goto(url)
    save_screenshot(page, screenshot_dir, "404")

    assert response is not None
    assert response.status == 404, f"{url} answered HTTP {response.status}, expected 404"
    message = page.get_by_text("Sidan kunde inte hittas").first
    assert message.is_visible(), f"{url} does not show 'Sidan kunde inte hittas'"
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page_log.third_party_requests() == []
    assert page_log.broken_resources == []

    violations = axe_violations(page)
    assert not violations, format_violations(url, violations)


def test_first_tab_focuses_a_visible_skip_link_to_the_main_content(live_site, page):
    page.goto(live_site.url("/"))
    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    assert focused.count() == 1, "pressing Tab on the start page focuses nothing"
    text = " ".join(focused.inner_text().split())
    assert "Hoppa till huvudinnehållet" in text, (
        f"the first Tab focuses {focused.evaluate('e => e.outerHTML')[:200]}, "
        "expected the 'Hoppa till huvudinnehållet' link"
    )

    href = focused.get_attribute("href") or ""
    assert href.startswith("#") and len(href) > 1, f"skip link href={href!r}, expected '#main'"
    target = page.locator(f"[id='{href[1:]}']")
    assert target.count() == 1, f"skip link points to {href}, which is not on the page"
    assert target.evaluate(
        "t => t.matches('main, [role=main]') || !!t.closest('main, [role=main]')"
        " || !!t.querySelector('main, [role=main]')"
    ), f"skip link target {href} is not the main content"

    # Visible when focused: on screen and of a readable size (not a 1px clip).
    box = focused.bounding_box()
    viewport = page.viewport_size
    assert box is not None and focused.is_visible(), "the focused skip link is not visible"
    assert box["width"] >= 20 and box["height"] >= 10, f"the focused skip link is tiny: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (
        f"the focused skip link is off screen: {box}"
    )
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (
        f"the focused skip link is off screen: {box}"
    )
