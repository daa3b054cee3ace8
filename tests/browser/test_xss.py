"""The XSS corpus in a real browser: nothing a member types ever runs.

The demo member fills in every field of "Dela med dig" with the corpus (and uploads a cover image
with a hostile alt text) through the real form, twice; an editor's decision is then made inside
the live site's database (``manage.py shell``, so the test does not depend on the admin's
login): one example is published, the other rejected with a hostile comment. The public page,
"Mina exempel", the edit form, the start page and the search (results and autocomplete) are
visited with a listener on ``dialog``: no ``alert`` may open, no Content Security Policy
violation may be reported, and the payloads must be visible as text.
"""

from __future__ import annotations

import io
import json
import os
import re
from urllib.parse import quote

import pytest
from PIL import Image

from tests.security.corpus import XSS_ONE_LINE, XSS_PAYLOADS

from .conftest import LiveSite, _manage, is_local_url
from .test_accounts import MEMBER, log_in

pytestmark = pytest.mark.browser

P = XSS_PAYLOADS
TITLE = f"Tryggt {P[0]} {P[3]}"
REJECTED_TITLE = f"Avslag {P[2]}"
REJECTION = f"Skriv om: {P[1]} {P[7]}"
FIELDS = {
    "#id_summary": XSS_ONE_LINE,
    "#id_body": "\n\n".join(P),
    "#id_tags": ", ".join(P[:6]),
    "#id_results": "\n".join(P),
    "#id_lessons": P[4] + "\n" + P[10],
    "#id_transfer": P[11] + " " + P[12],
    "#id_contact_name": f"{P[2]} {P[12]}",
    "#id_contact_role": f"{P[3]} {P[5]}",
    "#id_contact_email": '"<svg/onload=alert(1)>"@example.se',
    "#id_cover_image_alt": f"{P[4]} {P[6]}",
    "#id_org-0-name": f"{P[7]} {P[9]}",
}

DECIDE = """
import json
from django.contrib.auth import get_user_model
from examples.models import ExamplePage
from members.models import MemberProfile
from django.utils import timezone

titles = json.loads({titles!r})
editor = get_user_model().objects.get(email="redaktor@example.se")
member = get_user_model().objects.get(email="medlem@example.se")
MemberProfile.objects.update_or_create(user=member, defaults={{"contact_consent_at": timezone.now()}})
published = ExamplePage.objects.get(title=titles["publish"], owner=member)
published.current_workflow_state.current_task_state.approve(user=editor)
rejected = ExamplePage.objects.get(title=titles["reject"], owner=member)
rejected.current_workflow_state.current_task_state.reject(user=editor, comment=titles["comment"])
"""


def run_in_site(live_site: LiveSite, code: str) -> None:
    """Python in the live site's database, with the settings the harness migrated it with."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=f"sqlite:///{live_site.database_path}",
        MEDIA_ROOT=str(live_site.media_root),
        EMAIL_FILE_PATH=str(live_site.mail_dir),
    )
    _manage(["shell", "-c", code], env)


class Watch:
    """Everything a page did that would show a script ran, or tried to."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.csp: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self.on_dialog)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {dialog.page.url}")
        dialog.dismiss()

    def on_console(self, message):
        if "Content Security Policy" in message.text:
            self.csp.append(message.text)

    def problems(self) -> list[str]:
        return (
            [f"dialog {d}" for d in self.dialogs]
            + [f"CSP {c}" for c in self.csp]
            + [f"JS error {e}" for e in self.errors]
        )


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def share(page, live_site: LiveSite, title: str, image_path) -> None:
    visit(page, live_site.url("/dela/"))
    page.fill("#id_title", title)
    for selector, value in FIELDS.items():
        page.fill(selector, value)
    page.select_option("#id_county", label="Jämtlands län")
    page.get_by_label("Skola", exact=True).check()
    page.locator("input[name=stage][value='2']").check()
    page.select_option("#id_org-0-kind", index=1)
    page.set_input_files("#id_cover_image", str(image_path))
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka för granskning").click()
    assert page.url.endswith("/mina-exempel/"), page.url


@pytest.fixture
def image_path(tmp_path):
    path = tmp_path / "skolgard.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (30, 120, 90)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_the_corpus_never_runs_in_a_browser(live_site, browser, image_path):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 1000})
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    page = context.new_page()
    watch = Watch(page)
    # The listener works: an unescaped payload on a page without our policy opens a dialog.
    page.set_content(P[1])
    page.wait_for_function("() => document.images.length === 1 && document.images[0].complete")
    assert len(watch.dialogs) == 1, watch.dialogs
    watch.dialogs.clear()

    log_in(page, live_site, *MEMBER)

    share(page, live_site, TITLE, image_path)
    share(page, live_site, REJECTED_TITLE, image_path)
    titles = json.dumps({"publish": TITLE, "reject": REJECTED_TITLE, "comment": REJECTION})
    run_in_site(live_site, DECIDE.format(titles=titles))

    visit(page, live_site.url("/mina-exempel/"))
    published_row = page.get_by_role("row", name=re.compile("Tryggt"))
    assert published_row.get_by_text("Publicerad").is_visible()
    assert page.get_by_text(REJECTION).is_visible()
    edit = published_row.get_by_role("link", name=re.compile("^Ändra")).get_attribute("href")
    public = published_row.get_by_role("link", name=TITLE, exact=True).get_attribute("href")

    visit(page, live_site.url(public))
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text(FIELDS["#id_contact_role"]).is_visible()
    assert page.get_by_text(FIELDS["#id_org-0-name"]).is_visible()
    assert page.locator(".example__cover img").get_attribute("alt") == FIELDS["#id_cover_image_alt"]
    for payload in P:
        assert page.get_by_text(payload).first.is_visible(), payload
    assert page.locator("main a[href^='javascript:' i], main a[href^='data:' i]").count() == 0

    for path in (edit, "/", "/sok/?q=" + quote(P[0])):
        visit(page, live_site.url(path))
    visit(page, live_site.url("/sok/?q=tryggt"))
    assert page.get_by_role("link", name=TITLE).is_visible()

    # Autocomplete writes the suggestion's title into the page.
    field = page.locator("#search-q")
    field.fill("")
    field.press_sequentially("Tryggt", delay=30)
    page.get_by_role("option", name=TITLE).wait_for()
    page.wait_for_timeout(300)

    context.close()
    assert watch.problems() == []
