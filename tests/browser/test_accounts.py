"""The account pages in a real browser: axe on every form, empty and with errors, and a whole
sign-up → verification → profile → consent → log-out journey with JavaScript turned off.

Mails come from the live site's file backend (``LiveSite.mail_dir``). The demo member
``medlem@example.se`` is only logged in with its right password, so these tests never trip the
rate limit on failed logins for the other browser tests.
"""

from __future__ import annotations

import email
import re
import time
from email import policy

import pytest

from .conftest import (
    LiveSite,
    axe_violations,
    format_violations,
    is_local_url,
    save_screenshot,
)

pytestmark = pytest.mark.browser

MEMBER = ("medlem@example.se", "demo-medlem-2026")
SUBMIT = "main form.account-form button[type=submit]"

PAGE_FACTS_JS = """() => ({
    lang: document.documentElement.getAttribute("lang"),
    h1s: Array.from(document.querySelectorAll("h1"), (h) => h.textContent.trim()),
    unlabelled: Array.from(
        document.querySelectorAll("main input:not([type=hidden]), main select, main textarea")
    ).filter((f) => !f.labels || f.labels.length === 0).map((f) => f.outerHTML.slice(0, 160)),
    invalid: Array.from(document.querySelectorAll("main [aria-invalid=true]"), (f) => ({
        id: f.id,
        describedBy: (f.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)
            .map((id) => (document.getElementById(id) || {}).textContent || `MISSING #${id}`),
    })),
    english: (document.querySelector("main").innerText.match(
        /\\b(Sign In|Sign Up|Password|Email|Forgot|Remember Me|Confirm|Too Many Requests)\\b/g
    ) || []),
})"""


def page_problems(page, name: str, screenshot_dir, *, expect_errors: bool) -> list[str]:
    """Screenshot the page and return what is wrong with it (axe, h1, labels, language)."""
    save_screenshot(page, screenshot_dir, name)
    facts = page.evaluate(PAGE_FACTS_JS)
    problems = []
    if facts["lang"] != "sv":
        problems.append(f'lang="{facts["lang"]}", expected "sv"')
    if len(facts["h1s"]) != 1:
        problems.append(f"{len(facts['h1s'])} <h1>: {facts['h1s']}")
    problems += [f"field without a label: {html}" for html in facts["unlabelled"]]
    problems += [f"English on the page: {word}" for word in facts["english"]]
    if expect_errors:
        if not facts["invalid"]:
            problems.append("no field is marked aria-invalid after a bad submission")
        if not page.locator(".account-errors").is_visible():
            problems.append("no error summary")
        for field in facts["invalid"]:
            described = " ".join(field["describedBy"])
            if "Fel:" not in described or "MISSING" in described:
                problems.append(f"#{field['id']} is not described by its error: {described!r}")
    violations = axe_violations(page)
    if violations:
        problems.append(format_violations(page.url, violations))
    return [f"{name}: {problem}" for problem in problems]


def fail_with(problems: list[str], live_site: LiveSite) -> None:
    if problems:
        pytest.fail(
            "\n\n".join(problems)
            + f"\n\nScreenshots: test-artifacts/screenshots/  Server log: {live_site.server_log}",
            pytrace=False,
        )


def submit(page, selector: str = SUBMIT) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def log_in(page, live_site: LiveSite, address: str, password: str) -> None:
    page.goto(live_site.url("/konto/login/"))
    page.fill("#id_login", address)
    page.fill("#id_password", password)
    submit(page)
    assert "/konto/login/" not in page.url, f"login as {address} failed: {page.url}"


def mail_to(live_site: LiveSite, address: str, subject: str, timeout: float = 10) -> str:
    """The body of the newest mail to ``address`` with ``subject`` in the file backend."""
    deadline = time.monotonic() + timeout
    while True:
        found = []
        for path in sorted(live_site.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for raw in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
                if not raw.strip():
                    continue
                message = email.message_from_string(raw.strip(), policy=policy.default)
                if address in str(message["To"]) and subject in str(message["Subject"]):
                    found.append(message.get_body(preferencelist=("plain",)).get_content())
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            pytest.fail(f"no mail to {address} with subject {subject!r} in {live_site.mail_dir}")
        time.sleep(0.2)


# --------------------------------------------------------------------------------------------
# axe on every entrance form, empty and after an empty submission
# --------------------------------------------------------------------------------------------

ENTRANCE_FORMS = [
    ("konto--login", "/konto/login/"),
    ("konto--login--code", "/konto/login/code/"),
    ("konto--signup", "/konto/signup/"),
    ("konto--password--reset", "/konto/password/reset/"),
]


@pytest.mark.parametrize(("name", "path"), ENTRANCE_FORMS, ids=[p for _n, p in ENTRANCE_FORMS])
def test_entrance_form_passes_axe_empty_and_with_errors(
    live_site, page, page_log, screenshot_dir, name, path
):
    response = page.goto(live_site.url(path))
    assert response is not None and response.status == 200
    problems = page_problems(page, name, screenshot_dir, expect_errors=False)

    submit(page)  # the form is novalidate: the server's Swedish messages answer, not the browser
    assert page.locator(".account-errors").get_by_text("Något behöver rättas").is_visible()
    problems += page_problems(page, f"{name}--fel", screenshot_dir, expect_errors=True)

    problems += [
        f"{name}: request to another host: {url}" for url in page_log.third_party_requests()
    ]
    problems += [f"{name}: resource did not load: {bad}" for bad in page_log.broken_resources]
    fail_with(problems, live_site)


def test_code_login_pages_pass_axe(live_site, page, screenshot_dir):
    page.goto(live_site.url("/konto/login/code/"))
    page.fill("#id_email", MEMBER[0])
    submit(page)
    assert page.url.endswith("/konto/login/code/confirm/"), page.url
    problems = page_problems(
        page, "konto--login--code--confirm", screenshot_dir, expect_errors=False
    )

    page.fill("#id_code", "FEL-KOD")
    submit(page)
    assert page.get_by_text("Koden stämmer inte.").first.is_visible()
    problems += page_problems(
        page, "konto--login--code--confirm--fel", screenshot_dir, expect_errors=True
    )

    # The right code from the mail logs the member in.
    body = mail_to(live_site, MEMBER[0], "Din inloggningskod")
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.MULTILINE).group(1)
    page.fill("#id_code", code)
    submit(page)
    assert page.locator(".site-account").get_by_text("Logga ut").is_visible()
    fail_with(problems, live_site)


def test_member_pages_pass_axe(live_site, page, screenshot_dir):
    log_in(page, live_site, *MEMBER)
    problems = []

    page.goto(live_site.url("/konto/profil/"))
    problems += page_problems(page, "konto--profil", screenshot_dir, expect_errors=False)
    # A county that does not exist (as from a stale or forged form): the error state.
    page.evaluate(
        """() => { const select = document.querySelector('#id_county');
                   select.add(new Option('Påhittat län', '999999')); select.value = '999999'; }"""
    )
    page.fill("#id_title", "Folkhälsostrateg")
    submit(page)
    assert page.locator("#id_title").input_value() == "Folkhälsostrateg"
    problems += page_problems(page, "konto--profil--fel", screenshot_dir, expect_errors=True)

    page.goto(live_site.url("/konto/password/change/"))
    problems += page_problems(page, "konto--password--change", screenshot_dir, expect_errors=False)
    submit(page)
    problems += page_problems(
        page, "konto--password--change--fel", screenshot_dir, expect_errors=True
    )

    page.goto(live_site.url("/konto/email/"))
    problems += page_problems(page, "konto--email", screenshot_dir, expect_errors=False)

    page.goto(live_site.url("/konto/reauthenticate/"))
    problems += page_problems(page, "konto--reauthenticate", screenshot_dir, expect_errors=False)
    submit(page)
    problems += page_problems(
        page, "konto--reauthenticate--fel", screenshot_dir, expect_errors=True
    )

    page.goto(live_site.url("/konto/logout/"))
    problems += page_problems(page, "konto--logout", screenshot_dir, expect_errors=False)
    fail_with(problems, live_site)


# --------------------------------------------------------------------------------------------
# The whole account journey without JavaScript
# --------------------------------------------------------------------------------------------


def test_signup_to_consent_and_logout_without_javascript(live_site, browser, screenshot_dir):
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    page = context.new_page()
    address, password = "ny.medlem@kommun.example.se", "en-lång-och-säker-fras-2026"
    try:
        page.goto(live_site.url("/"))
        with page.expect_navigation():
            page.locator(".site-account").get_by_role("link", name="Bli medlem").click()
        page.fill("#id_email", address)
        page.fill("#id_password1", password)
        page.fill("#id_password2", password)
        submit(page)
        assert page.url.endswith("/konto/confirm-email/"), page.url
        save_screenshot(page, screenshot_dir, "konto--confirm-email--skickat")

        body = mail_to(live_site, address, "Bekräfta din e-postadress")
        link = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+)", body).group(1)
        page.goto(live_site.url(link))
        save_screenshot(page, screenshot_dir, "konto--confirm-email--bekrafta")
        submit(page)
        assert page.get_by_text(f"Adressen {address} är bekräftad").is_visible()

        page.fill("#id_login", address)
        page.fill("#id_password", password)
        submit(page)
        with page.expect_navigation():
            page.locator(".site-account").get_by_role("link", name="Profil").click()
        assert page.url.endswith("/konto/profil/")
        consent = page.locator("#id_contact_consent")
        assert not consent.is_checked(), "the consent must start unticked"

        page.fill("#id_first_name", "Nora")
        page.fill("#id_last_name", "Nyberg")
        page.fill("#id_organisation", "Exempelkommunen")
        page.select_option("#id_county", label="Jämtlands län")
        consent.check()
        submit(page)
        assert page.get_by_text("Din profil är sparad.").is_visible()
        assert page.get_by_text("Du har samtyckt").is_visible()
        assert page.locator("#id_contact_consent").is_checked()
        assert page.locator("#id_organisation").input_value() == "Exempelkommunen"
        save_screenshot(page, screenshot_dir, "konto--profil--samtycke")

        page.locator("#id_contact_consent").uncheck()
        submit(page)
        assert page.get_by_text("Du har inte samtyckt.").is_visible()
        assert not page.locator("#id_contact_consent").is_checked()

        with page.expect_navigation():
            page.locator(".site-account").get_by_role("button", name="Logga ut").click()
        assert page.locator(".site-account").get_by_role("link", name="Logga in").is_visible()
    finally:
        context.close()


def test_the_admin_is_closed_to_members(live_site, page):
    log_in(page, live_site, *MEMBER)
    page.goto(live_site.url("/admin/"))
    assert page.url.endswith("/konto/profil/"), f"a member reached {page.url}"
    assert page.get_by_text("Ditt konto har inte tillgång till redaktörsverktyget").is_visible()
