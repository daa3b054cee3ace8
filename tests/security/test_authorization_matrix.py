"""Who may see what: every URL of the site × anonymous, member A, member B, editor, admin.

Each named URL pattern outside the Wagtail admin has a row here with the answer each role must
get; ``test_every_named_url_has_a_row`` fails when a pattern is added without one, so nobody
adds a page without deciding who may see it. Every live page of the demo tree (with the goal
and county routes from the sitemap) must answer everyone. The admin is held to a
representative set (dashboard, explorer, editing and previewing a page, images, documents,
Taxonomi, users, groups, workflows, sites and redirects, reports), and every admin URL that
resolves without arguments is swept: anonymous visitors and members never get in, and neither
does an editor whose session has not passed the TOTP step.

The pinned rules: members never reach the admin; member B gets 404 on member A's example pages
(edit, new stage, withdraw), exactly as for an example that does not exist, and on the image and
attachment of A's draft, which only A and the editors may fetch; anonymous visitors
are sent to the login on every member page; editors and admins use the admin only after TOTP.
The people and objects come from ``authz_world`` and are built once for the module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver

from wagtail.admin import urls as wagtailadmin_urls

import pytest

from tests.security.authz_world import NO_MFA_ROLES, ROLES, world_in_a_transaction

pytestmark = pytest.mark.django_db
ADMIN_ROLES = ROLES + NO_MFA_ROLES
TODAY = datetime.date.today()  # "Nytt steg" asks for the month and year of the step


@dataclass(frozen=True)
class To:
    """A redirect (302) to a URL starting with ``prefix`` (or equal to it, if ``exact``)."""

    prefix: str
    exact: bool = False

    def matches(self, response) -> bool:
        location = response.get("Location", "")
        return response.status_code == 302 and (
            location == self.prefix if self.exact else location.startswith(self.prefix)
        )

    def __str__(self):
        return f"302 → {self.prefix}{'' if self.exact else '…'}"


LOGIN = To("/konto/login/?next=")  # the login page, coming back here afterwards
START = To("/", exact=True)  # allauth sends signed-in people away from the guest pages
REAUTH = To("/konto/reauthenticate/")  # confirm the password before changing 2FA
TOTP_SETUP = To("/konto/2fa/totp/activate/?next=")  # admin account without an authenticator
# A session of an account with an app that never typed its code: logged out, asked to log in.
SKIPPED_STEP = LOGIN
PROFILE = To("/konto/profil/", exact=True)  # a member in the admin: "no admin access" message
ADMIN_HOME = To("/admin/", exact=True)  # Wagtail's "no permission" redirect (with a message)

#                anonymous member A member B editor admin
PUBLIC = (200, 200, 200, 200, 200)
NOBODY = (404, 404, 404, 404, 404)
SIGNED_IN = (LOGIN, 200, 200, 200, 200)
GUESTS = (200, START, START, START, START)
OWNER_A = (LOGIN, 200, 404, 404, 404)
OWNER_B = (LOGIN, 404, 200, 404, 404)
UPLOADER_A = (404, 200, 404, 200, 200)
# The admin, for the roles above plus the editors without the TOTP step.
EDITORS = (LOGIN, PROFILE, PROFILE, 200, 200, TOTP_SETUP, SKIPPED_STEP)
SUPERUSERS = (LOGIN, PROFILE, PROFILE, ADMIN_HOME, 200, TOTP_SETUP, SKIPPED_STEP)


@dataclass(frozen=True)
class Row:
    name: str  # the URL pattern's name, with its namespace
    path: str  # formatted with the world's ids: {a_example}, {document}, …
    expected: tuple
    method: str = "get"
    data: dict | None = None


# Every named URL outside the Wagtail admin, in urls.py order --------------------------------

ROWS = [
    # website.health: for load balancers and monitoring, the same answer for everyone
    Row("healthz", "/healthz", PUBLIC),
    Row("healthz", "/healthz", (405,) * 5, "post", {}),
    Row("readyz", "/readyz", PUBLIC),
    # members.accounts and members.privacy
    Row("account_profile", "/konto/profil/", SIGNED_IN),
    Row("account_data_export", "/konto/mina-uppgifter.json", SIGNED_IN),
    Row("account_delete", "/konto/radera/", SIGNED_IN),
    Row("account_delete", "/konto/radera/", (LOGIN, 400, 400, 400, 400), "post", {}),
    # allauth: account
    Row("account_login", "/konto/login/", GUESTS),
    Row("account_logout", "/konto/logout/", (START, 200, 200, 200, 200)),
    Row("account_inactive", "/konto/inactive/", PUBLIC),
    Row("account_signup", "/konto/signup/", GUESTS),
    Row("account_reauthenticate", "/konto/reauthenticate/", SIGNED_IN),
    Row("account_request_reauthentication_code", "/konto/reauthenticate/code/", SIGNED_IN),
    Row(
        "account_confirm_reauthentication_code",
        "/konto/reauthenticate/code/confirm/",
        (LOGIN, *[To("/konto/reauthenticate/code/", exact=True)] * 4),
    ),
    Row("account_email", "/konto/email/", SIGNED_IN),
    Row("account_email_verification_sent", "/konto/confirm-email/", PUBLIC),
    Row("account_change_password", "/konto/password/change/", SIGNED_IN),
    Row(
        "account_set_password",
        "/konto/password/set/",
        (LOGIN, *[To("/konto/password/change/", exact=True)] * 4),
    ),
    Row("account_reset_password", "/konto/password/reset/", PUBLIC),
    Row(
        "account_confirm_login_code",
        "/konto/login/code/confirm/",
        (To("/konto/login/code/", exact=True), START, START, START, START),
    ),
    # A made-up key gets allauth's "link not valid" page, for everyone.
    Row("account_confirm_email", "/konto/confirm-email/fel-nyckel/", PUBLIC),
    Row("account_reset_password_from_key_done", "/konto/password/reset/key/done/", PUBLIC),
    Row("account_reset_password_from_key", "/konto/password/reset/key/1-fel-nyckel/", PUBLIC),
    Row("account_reset_password_done", "/konto/password/reset/done/", PUBLIC),
    Row("account_request_login_code", "/konto/login/code/", GUESTS),
    # allauth: two-factor authentication. Changing it always asks for the password first.
    Row("mfa_index", "/konto/2fa/", SIGNED_IN),
    Row(
        "mfa_authenticate",
        "/konto/2fa/authenticate/",
        (To("/konto/login/", exact=True), START, START, START, START),
    ),
    Row("mfa_reauthenticate", "/konto/2fa/reauthenticate/", (LOGIN, REAUTH, REAUTH, 200, 200)),
    Row("mfa_activate_totp", "/konto/2fa/totp/activate/", (LOGIN, *[REAUTH] * 4)),
    Row("mfa_deactivate_totp", "/konto/2fa/totp/deactivate/", (LOGIN, 404, 404, REAUTH, REAUTH)),
    # The demo editor has recovery codes; the admin here has only an authenticator app.
    Row("mfa_view_recovery_codes", "/konto/2fa/recovery-codes/", (LOGIN, 404, 404, REAUTH, 404)),
    Row(
        "mfa_generate_recovery_codes", "/konto/2fa/recovery-codes/generate/", (LOGIN, *[REAUTH] * 4)
    ),
    Row(
        "mfa_download_recovery_codes",
        "/konto/2fa/recovery-codes/download/",
        (LOGIN, 404, 404, REAUTH, 404),
    ),
    # members.sharing: only the owner reaches an example's pages; everyone else gets 404.
    Row("share_example", "/dela/", SIGNED_IN),
    Row("share_example", "/dela/", (LOGIN, 405, 405, 405, 405), "put"),
    Row("my_examples", "/mina-exempel/", SIGNED_IN),
    Row("edit_example", "/mina-exempel/{a_example}/andra/", OWNER_A),
    Row("edit_example", "/mina-exempel/{a_draft}/andra/", OWNER_A),
    Row("edit_example", "/mina-exempel/{b_example}/andra/", OWNER_B),
    Row(
        "edit_example", "/mina-exempel/{a_example}/andra/", (LOGIN, 400, 404, 404, 404), "post", {}
    ),
    Row("withdraw_example", "/mina-exempel/{a_example}/aterkalla/", OWNER_A),
    Row("withdraw_example", "/mina-exempel/{a_draft}/aterkalla/", OWNER_A),
    Row(
        "withdraw_example",
        "/mina-exempel/{a_example}/aterkalla/",
        (LOGIN, To("/mina-exempel/", exact=True), 404, 404, 404),
        "post",
        {},
    ),
    Row("new_stage", "/mina-exempel/{a_example}/nytt-steg/", OWNER_A),
    Row(
        "new_stage",
        "/mina-exempel/{a_example}/nytt-steg/",
        (LOGIN, To("/mina-exempel/", exact=True), 404, 404, 404),
        "post",
        {"stage": 3, "month": TODAY.month, "year": TODAY.year},
    ),
    Row("new_stage", "/mina-exempel/99999999/nytt-steg/", (LOGIN, 404, 404, 404, 404)),
    # assessments: the criteria are public; the workflow's pages exist only for those with its
    # permission (assessors: "Bedömare", editors, superusers), the owner's page only for the owner.
    Row("assessment_criteria", "/bedomning/kriterier/", PUBLIC),
    Row("assessment_criteria_version", "/bedomning/kriterier/version-1/", PUBLIC),
    Row("assessment_criteria_version", "/bedomning/kriterier/version-99/", NOBODY),
    Row("assessment_tasks", "/bedomning/uppdrag/", (LOGIN, 404, 404, 404, 200)),
    Row("assessment_task", "/bedomning/uppdrag/{assignment}/", (LOGIN, 404, 404, 404, 404)),
    Row("assessment_queue", "/bedomning/arenden/", (LOGIN, 404, 404, 200, 200)),
    Row(
        "assessment_queue",
        "/bedomning/arenden/",
        (LOGIN, 404, 404, To("/bedomning/arenden/", exact=True), To("/bedomning/arenden/")),
        "post",
        {},
    ),
    Row("assessment_manage", "/bedomning/arenden/{assessment}/", (LOGIN, 404, 404, 200, 200)),
    Row(
        "assessment_manage",
        "/bedomning/arenden/{assessment}/",
        (LOGIN, 404, 404, 400, 400),
        "post",
        {},
    ),
    Row(
        "assessment_publish",
        "/bedomning/arenden/{assessment}/publicera/",
        (LOGIN, 404, 404, *[To("/bedomning/arenden/{assessment}/", exact=True)] * 2),
    ),
    Row("example_assessment", "/mina-exempel/{a_example}/bedomning/", OWNER_A),
    Row("example_assessment", "/mina-exempel/{b_example}/bedomning/", OWNER_B),
    Row("example_assessment", "/mina-exempel/{a_draft}/bedomning/", OWNER_A),
    Row(
        "example_assessment",
        "/mina-exempel/{a_example}/bedomning/",
        (LOGIN, 400, 404, 404, 404),
        "post",
        {},
    ),
    # adoptions: anyone signed in reports from someone else's live example (the owner gets a
    # 403 that says why); only the reporter reaches their report, only the owner the places.
    Row("my_adoptions", "/mina-inforanden/", SIGNED_IN),
    Row("adoption_report", "/mina-inforanden/ny/{a_example}/", (LOGIN, 403, 200, 200, 200)),
    Row(
        "adoption_report",
        "/mina-inforanden/ny/{a_example}/",
        (LOGIN, 403, 400, 400, 400),
        "post",
        {},
    ),
    Row("adoption_report", "/mina-inforanden/ny/{a_draft}/", (LOGIN, 404, 404, 404, 404)),
    Row("adoption_new_stage", "/mina-inforanden/{b_adoption}/nytt-steg/", OWNER_B),
    Row(
        "adoption_new_stage",
        "/mina-inforanden/{b_adoption}/nytt-steg/",
        (LOGIN, 404, To("/mina-inforanden/", exact=True), 404, 404),
        "post",
        {"stage": 3, "month": TODAY.month, "year": TODAY.year},
    ),
    Row("withdraw_adoption", "/mina-inforanden/{b_adoption}/aterkalla/", OWNER_B),
    Row(
        "withdraw_adoption",
        "/mina-inforanden/{b_adoption}/aterkalla/",
        (LOGIN, 404, To("/mina-inforanden/", exact=True), 404, 404),
        "post",
        {},
    ),
    Row("spread_places", "/mina-exempel/{a_example}/spridning/", OWNER_A),
    Row(
        "spread_places",
        "/mina-exempel/{a_example}/spridning/",
        (LOGIN, 400, 404, 404, 404),
        "post",
        {},
    ),
    Row("remove_spread_place", "/mina-exempel/{a_example}/spridning/{a_place}/ta-bort/", OWNER_A),
    Row(
        "remove_spread_place",
        "/mina-exempel/{a_example}/spridning/{a_place}/ta-bort/",
        (LOGIN, To("/mina-exempel/{a_example}/spridning/", exact=True), 404, 404, 404),
        "post",
        {},
    ),
    # "Markera som avslutat" and "Återuppta": the owner's own examples only.
    Row("discontinue_example", "/mina-exempel/{a_example}/avsluta/", OWNER_A),
    Row(
        "discontinue_example",
        "/mina-exempel/{a_example}/avsluta/",
        (LOGIN, 400, 404, 404, 404),
        "post",
        {},
    ),
    Row("discontinue_example", "/mina-exempel/99999999/avsluta/", (LOGIN, 404, 404, 404, 404)),
    Row("resume_example", "/mina-exempel/{a_example}/ateruppta/", OWNER_A),
    Row(
        "resume_example",
        "/mina-exempel/{a_example}/ateruppta/",
        (LOGIN, To("/mina-exempel/", exact=True), 404, 404, 404),
        "post",
        {},
    ),
    # Documents: public ones are open data; a restriction that does not exist is a 404.
    Row("wagtaildocs_serve", "{document_path}", PUBLIC),
    # A member's upload is private until its example is live and public (owner and editors).
    Row("wagtaildocs_serve", "{a_document_path}", UPLOADER_A),
    Row("wagtaildocs_serve", "/dokument/99999999/finns-inte.pdf", NOBODY),
    Row(
        "wagtaildocs_authenticate_with_password",
        "/dokument/authenticate_with_password/999/",
        NOBODY,
    ),
    # Uploaded images: editors' for everyone, a member's as their documents.
    Row("media", "{editors_image_path}", PUBLIC),
    Row("media", "{a_image_path}", UPLOADER_A),
    Row("media", "/media/documents/annas-plan.docx", NOBODY),
    Row("media", "/media/finns-inte.png", NOBODY),
    # Search and open data: the same for everyone, and never an unpublished example.
    Row("search", "/sok/?q=barn", PUBLIC),
    Row("search_suggest", "/sok/forslag/?q=bar", PUBLIC),
    # follows: a visitor's links work by their unguessable tokens alone, for whoever has them
    Row("follows_mine", "/bevaka/", SIGNED_IN),
    Row("follows_new", "/bevaka/ny/?typ=county&id=stockholms-lan", PUBLIC),
    Row("follows_new", "/bevaka/ny/?typ=example&id={a_example}", PUBLIC),
    Row("follows_new", "/bevaka/ny/?typ=example&id={a_draft}", NOBODY),
    Row("follows_new", "/bevaka/ny/", NOBODY),
    Row("follows_confirm", "/bevaka/bekrafta/{visitor_token}/", PUBLIC),
    Row("follows_confirm", "/bevaka/bekrafta/fel-nyckel/", NOBODY),
    Row("follows_manage", "/bevaka/hantera/{visitor_token}/", PUBLIC),
    Row("follows_manage", "/bevaka/hantera/fel-nyckel/", NOBODY),
    Row("follows_manage", "/bevaka/hantera/fel-nyckel/", NOBODY, "post", {"bevakning": "1"}),
    Row("follows_unsubscribe", "/bevaka/avsluta/{follow_token}/", PUBLIC),
    Row("follows_unsubscribe", "/bevaka/avsluta/fel-nyckel/", NOBODY),
    Row("follows_unsubscribe_all", "/bevaka/avsluta-alla/{visitor_token}/", PUBLIC),
    Row("follows_unsubscribe_all", "/bevaka/avsluta-alla/fel-nyckel/", NOBODY),
    Row("opendata_api_docs", "/api/", PUBLIC),
    Row("opendata_api:openapi-json", "/api/v1/openapi.json", PUBLIC),
    Row("opendata_api:list_examples", "/api/v1/exempel/", PUBLIC),
    Row("opendata_api:list_examples", "/api/v1/exempel/", (405,) * 5, "post", {}),
    Row("opendata_api:get_example", "/api/v1/exempel/{a_example}/", PUBLIC),
    Row("opendata_api:get_example", "/api/v1/exempel/{a_draft}/", NOBODY),
    Row("opendata_api:list_counties", "/api/v1/lan/", PUBLIC),
    Row("opendata_api:list_municipalities", "/api/v1/kommuner/", PUBLIC),
    Row("opendata_api:list_target_areas", "/api/v1/verksamhetsomraden/", PUBLIC),
    Row("opendata_api:list_target_groups", "/api/v1/malgrupper/", PUBLIC),
    Row("opendata_api:list_goal_areas", "/api/v1/malomraden/", PUBLIC),
    Row("opendata_api:list_goals", "/api/v1/mal/", PUBLIC),
    Row("opendata_api:list_stages", "/api/v1/steg/", PUBLIC),
    Row("opendata_api:list_tags", "/api/v1/taggar/", PUBLIC),
    # CORS preflight: the same 204 for everyone, read methods only, no credentials.
    Row("opendata_api:list_tags", "/api/v1/taggar/", (204,) * 5, "options", {}),
    Row("opendata_api:api-root", "/api/v1/", NOBODY),  # ninja's docs page is off (CDN scripts)
    Row("opendata_search_csv", "/sok/export.csv", PUBLIC),
    Row("opendata_search_xlsx", "/sok/export.xlsx", PUBLIC),
    Row("opendata_feed_new", "/flode/nya-exempel/", PUBLIC),
    Row("opendata_feed_stages", "/flode/steg/", PUBLIC),
    Row("opendata_feed_adoptions", "/flode/nya-inforanden/", PUBLIC),
    Row("opendata_feed_assessments", "/flode/bedomda/", PUBLIC),
    Row("opendata_feed_search", "/flode/sok/?q=barn", PUBLIC),
    Row("opendata_seminar_ics", "/kalender/seminarium-{seminar}.ics", PUBLIC),
    Row("opendata_seminar_ics", "/kalender/seminarium-{a_example}.ics", NOBODY),
    Row("sitemap", "/sitemap.xml", PUBLIC),
    Row("sitemap_section", "/sitemap-wagtail.xml", PUBLIC),
    Row("robots_txt", "/robots.txt", PUBLIC),
    # Wagtail's front end: page passwords, and its login form for private pages, which is
    # answered by a redirect to allauth's login (the route before wagtail.urls).
    Row("wagtailcore_authenticate_with_password", "/_util/authenticate_with_password/9/3/", NOBODY),
    Row(
        "frontend_login_redirect", "/_util/login/", (To("/konto/login/?next=%2F", exact=True),) * 5
    ),
    Row(
        "wagtailcore_login",
        "/_util/login/?next=/admin/",
        (To("/konto/login/?next=%2Fadmin%2F", exact=True),) * 5,
        "post",
        {"username": "redaktor@example.se", "password": "demo-redaktor-2026"},
    ),
    # Pages: published ones for everyone (all of them: test_every_live_page_…); drafts for nobody.
    Row("wagtail_serve", "{a_example_path}", PUBLIC),
    Row("wagtail_serve", "/goda-exempel/annas-utkast/", NOBODY),
    Row("wagtail_serve", "/finns-inte/", NOBODY),
    # The admin's own login form has no TOTP step: it always hands over to allauth's.
    Row("admin_login_redirect", "/admin/login/", (To("/konto/login/?next=%2Fadmin%2F"),) * 5),
]

# The Wagtail admin: a representative set -----------------------------------------------------

ADMIN_ROWS = [
    Row("wagtailadmin_home", "/admin/", EDITORS),
    Row(
        "wagtailadmin_explore_root",
        "/admin/pages/",
        (
            LOGIN,
            PROFILE,
            PROFILE,
            To("/admin/pages/{home}/", exact=True),
            200,
            TOTP_SETUP,
            SKIPPED_STEP,
        ),
    ),
    Row("wagtailadmin_explore", "/admin/pages/{home}/", EDITORS),
    Row("wagtailadmin_pages:edit", "/admin/pages/{a_example}/edit/", EDITORS),
    Row("wagtailadmin_pages:preview_on_edit", "/admin/pages/{a_example}/edit/preview/", EDITORS),
    Row("wagtailadmin_pages:history", "/admin/pages/{a_example}/history/", EDITORS),
    Row("wagtailimages:index", "/admin/images/", EDITORS),
    Row("wagtaildocs:index", "/admin/documents/", EDITORS),
    Row("wagtailsnippets_examples_county:list", "/admin/snippets/examples/county/", EDITORS),
    Row("wagtailsnippets_examples_goal:list", "/admin/snippets/examples/goal/", EDITORS),
    Row("wagtailusers_users:index", "/admin/users/", SUPERUSERS),
    Row("wagtailusers_groups:index", "/admin/groups/", SUPERUSERS),
    Row("wagtailadmin_workflows:index", "/admin/workflows/list/", SUPERUSERS),
    Row("wagtailadmin_workflows:task_index", "/admin/workflows/tasks/index/", SUPERUSERS),
    Row("wagtailsites:index", "/admin/sites/", SUPERUSERS),
    Row("wagtailredirects:index", "/admin/redirects/", SUPERUSERS),
    Row("wagtailadmin_collections:index", "/admin/collections/", SUPERUSERS),
    Row("wagtailadmin_reports:locked_pages", "/admin/reports/locked/", EDITORS),
    Row("wagtailadmin_reports:workflow", "/admin/reports/workflow/", EDITORS),
    Row("wagtailadmin_reports:site_history", "/admin/reports/site-history/", EDITORS),
    Row("wagtailadmin_account", "/admin/account/", EDITORS),
    Row("adoptions_review_index", "/admin/inforanden/", EDITORS),
    Row("adoptions_review", "/admin/inforanden/{b_adoption}/", EDITORS),
    Row(
        "wagtailsnippets_assessments_criteriaversion:list",
        "/admin/snippets/assessments/criteriaversion/",
        EDITORS,
    ),
]

# Admin URLs anyone may fetch: static assets with no data in them.
ADMIN_ASSETS = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}


# Walking the URL resolver --------------------------------------------------------------------


def url_patterns(patterns=None, prefix="", namespace=None, in_admin=False):
    """(route, qualified name, whether it belongs to the Wagtail admin) for every pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                inner,
                in_admin or pattern.urlconf_module is wagtailadmin_urls,
            )
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, in_admin


def admin_urls_without_arguments():
    """Every admin URL that resolves with no arguments (the catch-all 404 route left out)."""
    urls = {}
    for route, name, in_admin in url_patterns():
        path = "/" + route.replace("^", "").replace("$", "")
        if in_admin and name and not any(c in path for c in "<>(){}[]*+?\\"):
            urls.setdefault(path, name)
    return sorted(urls.items())


# The tests -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with world_in_a_transaction(django_db_blocker) as built:
        yield built


@pytest.fixture(autouse=True)
def own_sessions(world):
    world.reset_cookies()


def values_of(world) -> dict:
    return {**world.ids, **{f"{key}_path": path for key, path in world.paths.items()}}


def fetch(world, role, row):
    path = row.path.format(**values_of(world))
    client = world.clients[role]
    response = getattr(client, row.method)(path, row.data or {})
    if getattr(response, "streaming", False):
        # Read to the end: the test client closes the response (and whatever streams it)
        # then. Never call close() here: outside the client it fires request_finished, which
        # closes the database connection of the module's open transaction.
        b"".join(response.streaming_content)
    return path, response


def check(response, expected, values) -> bool:
    if isinstance(expected, To):
        return To(expected.prefix.format(**values), expected.exact).matches(response)
    return response.status_code == expected


def answer(response) -> str:
    location = response.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


def expectations(rows, roles) -> list:
    for row in rows:
        assert len(row.expected) == len(roles), row
    return [
        pytest.param(row, role, expected, id=f"{row.method.upper()} {row.path} as {role}")
        for row in rows
        for role, expected in zip(roles, row.expected, strict=True)
    ]


@pytest.mark.parametrize(("row", "role", "expected"), expectations(ROWS, ROLES))
def test_site_url(world, row, role, expected):
    path, response = fetch(world, role, row)
    assert check(response, expected, values_of(world)), (
        f"{row.method.upper()} {path} as {role}: expected {expected}, got {answer(response)}"
    )


@pytest.mark.parametrize(("row", "role", "expected"), expectations(ADMIN_ROWS, ADMIN_ROLES))
def test_admin_url(world, row, role, expected):
    path, response = fetch(world, role, row)
    assert check(response, expected, values_of(world)), (
        f"GET {path} as {role}: expected {expected}, got {answer(response)}"
    )


@pytest.mark.parametrize(("path", "name"), admin_urls_without_arguments())
def test_no_admin_access_without_an_admin_login(world, path, name):
    """Anonymous visitors, members and editors without the TOTP step get no admin page: a
    redirect to the login (members: to their profile, which says why; editors without an app:
    to setting one up; a session that skipped its app's code is logged out), a 404 or a 405."""
    refused = {}
    for role in ("anonymous", "member_a", "member_b", *NO_MFA_ROLES):
        response = world.clients[role].get(path)
        if response.status_code == 200:
            ok = name in ADMIN_ASSETS
        elif role in NO_MFA_ROLES:
            ok = response.status_code in (404, 405) or any(
                to.matches(response) for to in (TOTP_SETUP, LOGIN)
            )
        else:
            ok = response.status_code in (404, 405) or LOGIN.matches(response)
            ok = ok or (role != "anonymous" and PROFILE.matches(response))
        if not ok:
            refused[role] = answer(response)
    assert not refused, f"GET {path} ({name}) let in: {refused}"


@pytest.mark.parametrize("role", ROLES)
def test_every_live_page_answers_everyone(world, role):
    """Every published page of the demo tree, with every route it lists in the sitemap."""
    assert len(world.page_paths) > 50, "the demo tree should be here"
    failures = {}
    for path in world.page_paths:
        response = world.clients[role].get(path)
        if response.status_code != 200:
            failures[path] = answer(response)
    assert not failures, f"as {role}: {failures}"


def test_every_named_url_has_a_row():
    """A new URL pattern outside the admin must get a row above: decide who may see it."""
    named = {name for _route, name, in_admin in url_patterns() if name and not in_admin}
    covered = {row.name for row in ROWS}
    assert named - covered == set(), "URL patterns without a row in the matrix"
    assert covered - named == set(), "rows for URL patterns that no longer exist"


def test_every_admin_row_is_a_real_admin_url():
    from django.urls import resolve

    for row in ADMIN_ROWS:
        match = resolve(row.path.format(home=3, a_example=3, b_adoption=3))
        assert match.view_name == row.name, row
