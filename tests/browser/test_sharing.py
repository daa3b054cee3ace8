"""A new member's whole journey in a real browser, and axe on every page of "Dela med dig".

sign up → open the verification link from the mail → log in → fill in "Dela med dig" with an
image → submit → an editor approves in the Wagtail admin → the example is public with its stage
timeline and goals, and "Mina exempel" says "Publicerad".
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, browser_login_with_mfa

from .conftest import axe_violations, format_violations, is_local_url, save_screenshot
from .test_accounts import mail_to, submit

pytestmark = pytest.mark.browser

EDITOR = ("redaktor@example.se", "demo-redaktor-2026")
TITLE = "Rörelse på rasten i Östersund"


def png_file(tmp_path):
    path = tmp_path / "rast.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (30, 120, 90)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def new_context(browser, **options):
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 1000}, **options
    )
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    return context


def check_axe(page, problems, name, screenshot_dir):
    save_screenshot(page, screenshot_dir, name)
    violations = axe_violations(page)
    if violations:
        problems.append(format_violations(page.url, violations))


def test_sign_up_share_review_publish(live_site, browser, screenshot_dir, tmp_path):
    problems: list[str] = []
    member = new_context(browser)
    page = member.new_page()
    address, password = "delare@kommun.example.se", "en-lång-och-säker-fras-2026"

    page.goto(live_site.url("/konto/signup/"))
    page.fill("#id_email", address)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    submit(page)
    body = mail_to(live_site, address, "Bekräfta din e-postadress")
    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+)", body).group(1)
    page.goto(live_site.url(link))
    submit(page)
    page.fill("#id_login", address)
    page.fill("#id_password", password)
    submit(page)

    page.goto(live_site.url("/dela/"))
    check_axe(page, problems, "dela--tomt", screenshot_dir)

    # A first try with the county missing: errors beside the fields, nothing typed is lost.
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Skolor låter eleverna röra sig mer på rasterna.")
    page.set_input_files("#id_cover_image", str(png_file(tmp_path)))
    page.fill("#id_cover_image_alt", "Grön illustration")
    page.get_by_label("Skola", exact=True).check()
    page.get_by_label(re.compile("Fler elever ska känna sig trygga i skolan")).check()
    page.locator("input[name=stage][value='2']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka för granskning").click()
    assert page.get_by_text("Formuläret behöver rättas").is_visible()
    assert page.locator("#id_title").input_value() == TITLE
    assert page.get_by_text("Bild som finns med:").is_visible()
    check_axe(page, problems, "dela--fel", screenshot_dir)

    page.select_option("#id_county", label="Jämtlands län")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka för granskning").click()
    assert page.url.endswith("/mina-exempel/"), page.url
    assert page.get_by_role("row", name=re.compile(TITLE)).get_by_text("Granskas").is_visible()
    check_axe(page, problems, "mina-exempel--granskas", screenshot_dir)
    edit_href = page.get_by_role("link", name=re.compile(f"Ändra {TITLE}")).get_attribute("href")
    page_id = re.search(r"/mina-exempel/(\d+)/", edit_href).group(1)

    # The editor approves in the Wagtail admin.
    editor = new_context(browser)
    admin = editor.new_page()
    browser_login_with_mfa(admin, live_site.base_url, *EDITOR, DEMO_EDITOR_TOTP_SECRET)
    admin.goto(live_site.url(f"/admin/pages/{page_id}/edit/"))
    approve = admin.locator("button[data-workflow-action-name='approve']").first
    if not approve.is_visible():
        admin.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with admin.expect_navigation():
        approve.click()
    editor.close()

    page.goto(live_site.url("/mina-exempel/"))
    row = page.get_by_role("row", name=re.compile(TITLE))
    assert row.get_by_text("Publicerad").is_visible()
    with page.expect_navigation():
        row.get_by_role("link", name=TITLE, exact=True).click()
    assert page.get_by_role("heading", level=1, name=TITLE).is_visible()
    timeline = page.locator(".timeline")
    assert timeline.get_by_text("Steg 2: Förändrade angreppssätt prövas").is_visible()
    assert page.get_by_role(
        "link", name=re.compile("Fler elever ska känna sig trygga i skolan")
    ).is_visible()
    assert page.locator(".example__cover img").get_attribute("alt") == "Grön illustration"
    check_axe(page, problems, "exempel--publicerat", screenshot_dir)

    # The next step on the ladder, then withdrawing: both pages pass axe too.
    page.goto(live_site.url(f"/mina-exempel/{page_id}/nytt-steg/"))
    check_axe(page, problems, "mina-exempel--nytt-steg", screenshot_dir)
    page.goto(live_site.url(f"/mina-exempel/{page_id}/aterkalla/"))
    check_axe(page, problems, "mina-exempel--aterkalla", screenshot_dir)
    member.close()
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
