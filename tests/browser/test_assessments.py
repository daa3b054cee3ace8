"""axe (WCAG 2.1 AA) on the assessment pages: the public criteria page, an assessor's form
(empty, then after a failed submit: the summary takes focus and nothing typed is lost) and
an assessed example page.

The live site runs in its own process on its own SQLite database, so the assessor and the
assessments are made there with ``manage.py shell``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, browser_login_with_mfa

from .conftest import REPO_ROOT, axe_violations, format_violations, is_local_url, save_screenshot

pytestmark = pytest.mark.browser

ASSESSOR = ("bedomare@example.se", "bedomare-losenord-2026")

SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from assessments import services
from assessments.models import Assessment, CriteriaVersion
from examples.models import ExamplePage

User = get_user_model()
user = User.objects.filter(email="{ASSESSOR[0]}").first()
if user is None:
    user = User.objects.create_user(
        username="{ASSESSOR[0]}", email="{ASSESSOR[0]}", password="{ASSESSOR[1]}",
        first_name="Bea", last_name="Bedömare",
    )
    user.groups.add(Group.objects.get(name="Bedömare"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, "{DEMO_EDITOR_TOTP_SECRET}")
editor = User.objects.get(email="redaktor@example.se")
criteria = list(CriteriaVersion.objects.current().criteria.all())
first, second = ExamplePage.objects.live().order_by("pk")[:2]
if not Assessment.objects.filter(example=first).exists():
    done = services.request_assessment(first, editor)
    services.assign(done, [user])
    answers = {{c.pk: ("delvis", "Delvis beskrivet i exemplet.") for c in criteria}}
    services.submit_answers(done.assignments.get(), answers, "Sammanfattning.", "")
    services.publish(done, editor, answers, "Ett väl beskrivet exempel med tydlig samverkan.")
    todo = services.request_assessment(second, editor)
    services.assign(todo, [user])
print(first.url_path, Assessment.objects.get(example=second).assignments.get().pk)
"""


def _setup(live_site) -> tuple[str, int]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=f"sqlite:///{live_site.database_path}",
        MEDIA_ROOT=str(live_site.media_root),
        EMAIL_FILE_PATH=str(live_site.mail_dir),
        SITE_URL=live_site.base_url,
    )
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    url_path, assignment = result.stdout.split()[-2:]
    # The example index is /goda-exempel/ under the home page's url_path "/home/".
    return "/" + url_path.split("/", 2)[2], int(assignment)


def _check(page, problems, name, screenshot_dir):
    save_screenshot(page, screenshot_dir, name)
    violations = axe_violations(page)
    if violations:
        problems.append(format_violations(page.url, violations))


def test_assessment_pages_pass_axe(live_site, browser, screenshot_dir):
    example_path, assignment = _setup(live_site)
    problems: list[str] = []
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 1000})
    context.route(lambda url: not is_local_url(url), lambda route: route.abort())
    page = context.new_page()

    page.goto(live_site.url("/bedomning/kriterier/"))
    assert page.get_by_role("heading", name="Kriterier för bedömning").is_visible()
    _check(page, problems, "bedomning-kriterier", screenshot_dir)

    page.goto(live_site.url(example_path))
    assert page.locator("#bedomning").is_visible(), "the example is not shown as assessed"
    assert page.get_by_text("Delvis beskrivet i exemplet.").first.is_visible()
    _check(page, problems, "bedomning-exempel", screenshot_dir)
    context.close()

    # The assessor logs in: password, then the app's code.
    assessor = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 1000})
    assessor.route(lambda url: not is_local_url(url), lambda route: route.abort())
    page = assessor.new_page()
    browser_login_with_mfa(
        page, live_site.base_url, *ASSESSOR, DEMO_EDITOR_TOTP_SECRET, next="/bedomning/uppdrag/"
    )
    page.goto(live_site.url(f"/bedomning/uppdrag/{assignment}/"))
    assert page.get_by_role("button", name="Lämna in bedömningen").is_visible()
    _check(page, problems, "bedomning-formular", screenshot_dir)
    page.locator("textarea[name=summary]").fill("Min sammanfattning.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lämna in bedömningen").click()
    assert page.get_by_text("Formuläret behöver rättas").is_visible()
    assert page.locator("textarea[name=summary]").input_value() == "Min sammanfattning."
    assert page.title().startswith("Fel: ")
    _check(page, problems, "bedomning-formular-fel", screenshot_dir)
    assessor.close()
    assert not problems, "\n\n".join(problems)
