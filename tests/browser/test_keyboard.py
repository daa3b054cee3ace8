"""The three main flows with the keyboard only, as someone who cannot use a mouse does them.

After the first ``page.goto`` every step is a key press (Tab, Shift+Tab, Enter, Space, arrow
keys) or typing; the one other navigation is opening the verification link from the mail,
which stands for clicking it in a mail program. Every element that gets focus must show it
(an outline or a box shadow), and on the site's pages the first Tab stop is the skip link.

(a) sign up → verify → log in → "Dela med dig" → fill in the required fields → submit;
(b) search → open a result → read it → download its attachment;
(c) an editor logs in with a TOTP code, finds the review task in the admin and approves it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

import pytest

from examples.demo.loader import FACT_SHEET_EXAMPLE
from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, fresh_totp_code

from .conftest import LiveSite, is_local_url
from .test_accounts import MEMBER, mail_to, submit

pytestmark = pytest.mark.browser

EDITOR = ("redaktor@example.se", "demo-redaktor-2026")
MAX_TABS = 400  # the search page's facets are many stops; more means the target is unreachable

FOCUS_JS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = !!style.boxShadow && style.boxShadow !== "none";
    const squash = (text) => (text || "").replace(/\\s+/g, " ").trim();
    return {
        tag: e.tagName.toLowerCase(),
        id: e.id,
        name: e.getAttribute("name"),
        type: e.getAttribute("type"),
        href: e.getAttribute("href"),
        checked: !!e.checked,
        value: e.value === undefined ? null : e.value,
        selected: e.tagName === "SELECT" && e.selectedOptions.length
            ? squash(e.selectedOptions[0].text) : null,
        text: squash(e.innerText || e.getAttribute("aria-label") || ""),
        label: e.labels && e.labels.length ? squash(e.labels[0].innerText) : null,
        visible: outline || shadow,
        style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
    };
}"""


def describe(focus: dict | None) -> str:
    if focus is None:
        return "nothing (the page itself)"
    ident = f"#{focus['id']}" if focus["id"] else ""
    words = focus["label"] or focus["text"] or focus["href"] or ""
    return f"<{focus['tag']}{ident}> {words[:60]!r}"


def by_id(element_id: str) -> Callable[[dict], bool]:
    return lambda f: f["id"] == element_id


def by_text(text: str) -> Callable[[dict], bool]:
    return lambda f: f["text"] == text


def by_label(label: str) -> Callable[[dict], bool]:
    return lambda f: f["label"] == label


class KeyboardUser:
    """Drives a page through ``page.keyboard`` only, checking the focus at every stop."""

    def __init__(self, page):
        self.page = page

    def focus(self) -> dict | None:
        return self.page.evaluate(FOCUS_JS)

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        return self.focus()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def tab(self, backwards: bool = False) -> dict | None:
        focus = self.press("Shift+Tab" if backwards else "Tab")
        # Past the last stop the focus leaves the document for the browser's own controls.
        if focus is not None:
            assert focus["visible"], f"no visible focus on {describe(focus)}: {focus['style']}"
        return focus

    def tab_to(self, wanted: Callable[[dict], bool], what: str, backwards: bool = False) -> dict:
        seen = []
        for _ in range(MAX_TABS):
            focus = self.tab(backwards)
            if focus is not None and wanted(focus):
                return focus
            seen.append(describe(focus))
        pytest.fail(
            f"{what} was never focused on {self.page.url}; Tab went through:\n  "
            + "\n  ".join(seen[:80]),
            pytrace=False,
        )

    def activate(self, key: str = "Enter") -> None:
        """Press ``key`` on the focused link or button and wait for the next page."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def choose_option(self, text: str) -> None:
        """Move through the focused <select> with the arrow keys until ``text`` is chosen."""
        for _ in range(60):
            if self.focus()["selected"] == text:
                return
            self.page.keyboard.press("ArrowDown")
        pytest.fail(f"the option {text!r} was not reached with the arrow keys", pytrace=False)

    def first_tab_is_the_skip_link(self) -> None:
        focus = self.tab()
        assert focus is not None and focus["text"] == "Hoppa till huvudinnehållet", (
            f"the first Tab stop on {self.page.url} is {describe(focus)}, not the skip link"
        )
        assert focus["href"] == "#main"


def new_context(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    return context


def test_register_verify_log_in_and_share_by_keyboard(live_site: LiveSite, browser):
    context = new_context(browser)
    page = context.new_page()
    keys = KeyboardUser(page)
    address, password = "tangentbord@kommun.example.se", "en-lång-och-säker-fras-2026"
    title = "Promenadgrupper i Härnösand"
    try:
        page.goto(live_site.url("/"))
        keys.first_tab_is_the_skip_link()
        keys.tab_to(by_text("Bli medlem"), "the 'Bli medlem' link")
        keys.activate()
        assert page.url.endswith("/konto/signup/"), page.url

        keys.tab_to(by_id("id_email"), "the e-mail field")
        keys.type(address)
        keys.tab_to(by_id("id_password1"), "the password field")
        keys.type(password)
        keys.tab_to(by_id("id_password2"), "the repeated password field")
        keys.type(password)
        keys.tab_to(by_text("Skapa konto"), "the 'Skapa konto' button")
        keys.activate()
        assert page.url.endswith("/konto/confirm-email/"), page.url

        body = mail_to(live_site, address, "Bekräfta din e-postadress")
        link = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+)", body).group(1)
        page.goto(live_site.url(link))  # the member clicks the link in the mail
        keys.first_tab_is_the_skip_link()
        keys.tab_to(by_text("Bekräfta"), "the 'Bekräfta' button")
        keys.activate()
        assert page.get_by_text(f"Adressen {address} är bekräftad").is_visible()

        keys.tab_to(by_id("id_login"), "the login field")
        keys.type(address)
        keys.tab_to(by_id("id_password"), "the password field")
        keys.type(password)
        keys.activate("Enter")  # Enter in a field submits its form
        assert page.locator(".site-account").get_by_text("Logga ut").is_visible()

        keys.tab_to(by_text("Dela med dig"), "the 'Dela med dig' link")
        keys.activate()
        assert page.url.endswith("/dela/"), page.url
        keys.tab_to(by_id("id_title"), "the title field")
        keys.type(title)
        keys.tab_to(by_id("id_summary"), "the summary field")
        keys.type("Promenader i grupp för äldre, varje vecka året om.")
        keys.tab_to(by_id("id_county"), "the county list")
        keys.choose_option("Västernorrlands län")
        keys.tab_to(by_label("Folkhälsa"), "the 'Folkhälsa' check box")
        assert keys.press("Space")["checked"], "Space did not tick 'Folkhälsa'"
        stage = keys.tab_to(lambda f: f["name"] == "stage", "the stage radio buttons")
        if not stage["checked"]:
            keys.press("Space")
        stage = keys.press("ArrowDown")
        assert stage["checked"] and stage["value"] == "2", f"stage is {stage['value']}"
        keys.tab_to(by_text("Skicka för granskning"), "the 'Skicka för granskning' button")
        keys.activate()

        assert page.url.endswith("/mina-exempel/"), page.url
        row = page.get_by_role("row", name=re.compile(title))
        assert row.get_by_text("Granskas").is_visible()
    finally:
        context.close()


def test_search_read_and_download_an_attachment_by_keyboard(live_site: LiveSite, browser, tmp_path):
    context = new_context(browser)
    page = context.new_page()
    keys = KeyboardUser(page)
    try:
        page.goto(live_site.url("/"))
        keys.first_tab_is_the_skip_link()
        keys.tab_to(by_id("site-search-q"), "the search field in the header")
        keys.type("fallprevention")
        keys.activate("Enter")  # no suggestion chosen: Enter searches for the words
        assert "/sok/?q=fallprevention" in page.url, page.url
        keys.first_tab_is_the_skip_link()

        title = "Proaktiv hälsostyrning och fallprevention"
        keys.tab_to(lambda f: f["tag"] == "a" and f["text"] == title, "the result's link")
        keys.activate()
        assert page.url.endswith(f"/goda-exempel/{FACT_SHEET_EXAMPLE}/"), page.url
        assert page.get_by_role("heading", level=1, name=title).is_visible()
        assert page.locator(".example__summary, .lead").first.inner_text().strip()

        link = keys.tab_to(by_text(f"{title} i korthet"), "the attachment link")
        with page.expect_download() as download_info:
            page.keyboard.press("Enter")
        download = download_info.value
        assert download.suggested_filename.endswith(".odt"), download.suggested_filename
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        with zipfile.ZipFile(saved) as archive:
            assert title in archive.read("content.xml").decode()
        assert link["href"].startswith("/dokument/"), link["href"]
    finally:
        context.close()


@pytest.fixture
def example_in_review(live_site: LiveSite, browser) -> str:
    """An example the demo member has submitted for review (set up with the mouse: the flow
    under test is the editor's)."""
    title = "Lässtunder på fritidsgården i Kiruna"
    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(live_site.url("/konto/login/"))
        page.fill("#id_login", MEMBER[0])
        page.fill("#id_password", MEMBER[1])
        submit(page)
        page.goto(live_site.url("/dela/"))
        page.fill("#id_title", title)
        page.fill("#id_summary", "Unga läser tillsammans en kväll i veckan.")
        page.select_option("#id_county", label="Norrbottens län")
        page.get_by_label("Folkhälsa", exact=True).check()
        page.locator("input[name=stage][value='1']").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Skicka för granskning").click()
        assert page.url.endswith("/mina-exempel/"), page.url
    finally:
        context.close()
    return title


def test_editor_logs_in_with_totp_and_approves_by_keyboard(
    live_site: LiveSite, browser, example_in_review
):
    title = example_in_review
    context = new_context(browser)
    page = context.new_page()
    keys = KeyboardUser(page)
    try:
        # The editor opens the admin's address; it asks them to log in first.
        page.goto(live_site.url("/admin/"))
        assert "/konto/login/" in page.url, f"the admin did not ask for a login: {page.url}"
        keys.first_tab_is_the_skip_link()
        keys.tab_to(by_id("id_login"), "the login field")
        keys.type(EDITOR[0])
        keys.tab_to(by_id("id_password"), "the password field")
        keys.type(EDITOR[1])
        keys.activate("Enter")
        assert "/konto/2fa/authenticate/" in page.url, f"no TOTP step: {page.url}"
        keys.tab_to(by_id("id_code"), "the code field")
        keys.type(fresh_totp_code(DEMO_EDITOR_TOTP_SECRET))
        keys.activate("Enter")
        assert page.url == live_site.url("/admin/"), f"the TOTP step ended on {page.url}"

        # The dashboard lists the task under "Inväntar din granskning".
        task = page.locator("tr", has_text=title)
        assert task.count() == 1, f"the dashboard does not list {title!r} for review"
        keys.tab_to(by_text(title), "the task's page title")
        keys.tab_to(by_text("Handlingar"), "the task's action menu")
        keys.press("Enter")
        keys.tab_to(by_text("Godkänn"), "the 'Godkänn' button")
        keys.activate()
        assert page.locator("tr", has_text=title).count() == 0, "the task is still waiting"
    finally:
        context.close()

    visitor = new_context(browser)
    try:
        public = visitor.new_page()
        response = public.goto(live_site.url("/sok/?q=Lässtunder"))
        assert response is not None and response.status == 200
        assert public.get_by_role("link", name=title).count() == 1, (
            "the approved example is not public"
        )
    finally:
        visitor.close()
