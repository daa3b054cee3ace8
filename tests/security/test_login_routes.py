"""One way to log in: allauth's, with its rate limits, verification and second step (issue #12).

A penetration test logged in at Wagtail's front-end form ``/_util/login/`` (it comes with
``wagtail.urls``) with an editor's password alone, then re-authenticated by password, read the
recovery codes, "re-authenticated" with one of them and reached ``/admin/``. These tests walk that
chain and its variants, and list every URL pattern Django, Wagtail and allauth register so that
a new login route anywhere fails here until it is allauth's or hands over to it.
"""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth import views as django_auth_views
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from wagtail.admin.views import account as wagtail_account_views
from wagtail.models import Page, PageViewRestriction

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from members.accounts import mfa
from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, ensure_totp, login_with_mfa, totp_code
from tests.security.test_mfa import EDITOR_EMAIL, EDITOR_PASSWORD, MEMBER_EMAIL, MEMBER_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_PATH = "/konto/login/"


@pytest.fixture
def editor(demo):
    return get_user_model().objects.get(email=EDITOR_EMAIL)


@pytest.fixture
def recovery_code(editor):
    return RecoveryCodes.activate(editor).get_unused_codes()[0]


def path_of(response):
    return urlsplit(response["Location"]).path


def next_of(response):
    return parse_qs(urlsplit(response["Location"]).query).get("next", [None])[0]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wagtails_front_end_login_logs_nobody_in(client, editor):
    response = client.post(
        "/_util/login/?next=/admin/", {"username": EDITOR_EMAIL, "password": EDITOR_PASSWORD}
    )
    assert response.status_code == 302
    assert path_of(response) == LOGIN_PATH
    assert next_of(response) == "/admin/"
    assert not signed_in(client)
    assert path_of(client.get("/admin/")) == LOGIN_PATH


def test_front_end_login_redirect_never_leaves_the_site(client):
    response = client.get("/_util/login/?next=https://angripare.example/")
    assert response["Location"] == "/konto/login/?next=%2F"


def test_the_penetration_testers_chain_ends_on_the_login_page(client, editor, recovery_code):
    """The exact chain of the report, from a session that logged in with a password alone."""
    client.post("/_util/login/", {"username": EDITOR_EMAIL, "password": EDITOR_PASSWORD})
    # However such a session came about (the route above no longer opens one), it gets nothing.
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")

    reauth = client.post(
        "/konto/reauthenticate/",
        {"password": EDITOR_PASSWORD, "next": "/konto/2fa/recovery-codes/"},
    )
    assert path_of(reauth) == LOGIN_PATH
    assert not signed_in(client)

    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    codes = client.get("/konto/2fa/recovery-codes/")
    assert path_of(codes) == LOGIN_PATH
    assert recovery_code not in codes.content.decode()

    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    upgrade = client.post("/konto/2fa/reauthenticate/?next=/admin/", {"code": recovery_code})
    assert path_of(upgrade) == LOGIN_PATH
    assert path_of(client.get("/admin/")) == LOGIN_PATH
    assert not signed_in(client)
    unused = Authenticator.objects.get(user=editor, type=Authenticator.Type.RECOVERY_CODES)
    assert recovery_code in unused.wrap().get_unused_codes(), "the code was never even tried"


def test_reauthentication_never_counts_as_the_second_step(editor, recovery_code):
    """Even where a session holds a password login, a code typed to re-authenticate is no login."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    client = Client()
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": 1.0, "email": EDITOR_EMAIL},
        {"method": "password", "at": 2.0, "reauthenticated": True},
        {"method": "mfa", "at": 3.0, "type": "recovery_codes", "reauthenticated": True},
    ]
    session["account_authentication_methods_user"] = str(editor.pk)
    session.save()
    assert path_of(client.get("/admin/")) == LOGIN_PATH
    assert not signed_in(client)


def test_a_session_that_passed_the_step_sees_its_recovery_codes(client, editor, recovery_code):
    login_with_mfa(client, editor)
    client.post(
        "/konto/reauthenticate/",
        {"password": EDITOR_PASSWORD, "next": "/konto/2fa/recovery-codes/"},
    )
    page = client.get("/konto/2fa/recovery-codes/")
    assert page.status_code == 200
    assert recovery_code in page.content.decode()


def test_a_password_only_session_cannot_switch_a_members_app_off(client, demo):
    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    ensure_totp(member, DEMO_EDITOR_TOTP_SECRET)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    client.post(
        "/konto/reauthenticate/",
        {"password": MEMBER_PASSWORD, "next": "/konto/2fa/totp/deactivate/"},
    )
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/konto/2fa/totp/deactivate/")
    assert path_of(response) == LOGIN_PATH
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()

    # The member's own full login (password, then the app's code) can.
    client.post("/konto/login/", {"login": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    client.post("/konto/2fa/authenticate/", {"code": totp_code(DEMO_EDITOR_TOTP_SECRET)})
    assert signed_in(client)
    assert client.get("/konto/2fa/").status_code == 200


def test_a_member_without_an_app_stays_signed_in(client, demo):
    client.post("/konto/login/", {"login": MEMBER_EMAIL, "password": MEMBER_PASSWORD})
    assert client.get("/konto/profil/").status_code == 200
    assert signed_in(client)


def test_restricted_pages_send_visitors_to_allauths_login(client, demo):
    page = Page.objects.get(slug="kontakt")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert path_of(response) == LOGIN_PATH
    assert next_of(response) == page.url


# Every login route the frameworks mount --------------------------------------------------------

# Views that log a user in (or could, with a setting): Django's and Wagtail's forms.
LOGIN_VIEW_CLASSES = (
    django_auth_views.LoginView,
    django_auth_views.PasswordResetConfirmView,
    wagtail_account_views.LoginView,
)
# Not logins: Wagtail's forms for a page's or a document's own password (no user signs in).
PAGE_PASSWORD_VIEWS = {
    "wagtailcore_authenticate_with_password",
    "wagtaildocs_authenticate_with_password",
}
# Ours, which only redirect to allauth's login.
REDIRECTS_TO_ALLAUTH = {mfa.admin_login, mfa.frontend_login}
SAMPLE_ARGUMENTS = {"<int:": "1", "<str:": "x", "<uidb64>": "MQ", "<token>": "set-password"}


def patterns_with_views(patterns=None, prefix=""):
    """(route, name, view) for every URL pattern, shadowed ones included."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from patterns_with_views(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name, pattern.callback


def is_login_view(route: str, name: str | None, callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    module = getattr(view_class or callback, "__module__", "") or ""
    words = f"{route} {name or ''}".lower()
    return (
        (view_class is not None and issubclass(view_class, LOGIN_VIEW_CLASSES))
        or module.startswith(("django.contrib.auth", "allauth"))
        or any(word in words for word in ("login", "auth", "password", "2fa", "mfa"))
    )


def concrete_path(route: str) -> str | None:
    """The route with sample values for its arguments, or None for a regex route."""
    if "^" in route or "(?P" in route:
        return None
    path = "/" + route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        placeholder = path[start : end + 1]
        sample = next((v for k, v in SAMPLE_ARGUMENTS.items() if placeholder.startswith(k)), "1")
        path = path[:start] + sample + path[end + 1 :]
    return path


def allowed(func, url_name) -> bool:
    view_class = getattr(func, "view_class", None)
    module = getattr(view_class or func, "__module__", "") or ""
    return (
        module.startswith("allauth.")
        or func in REDIRECTS_TO_ALLAUTH
        or url_name in PAGE_PASSWORD_VIEWS
        or module == "members.privacy.views"  # account deletion re-checks the password
    )


def test_every_login_route_is_allauths_or_redirects_there():
    found, refused = [], []
    for route, name, callback in patterns_with_views():
        if not is_login_view(route, name, callback):
            continue
        path = concrete_path(route)
        found.append(path or route)
        if path is None:
            func, url_name = callback, name
        else:
            try:
                match = resolve(path)
            except Resolver404:
                continue
            func, url_name = match.func, match.url_name
        if url_name == "wagtail_serve":
            continue  # not a route of its own: the page tree's catch-all
        if allowed(func, url_name):
            continue
        view_class = getattr(func, "view_class", None)
        if view_class is not None and issubclass(view_class, wagtail_account_views.LoginView):
            refused.append(f"{path}: Wagtail's login form")
            continue
        # Wagtail's admin password reset, when switched off, answers 404 before any form.
        if path and Client().get(path).status_code == 404:
            continue
        refused.append(f"{path or route} ({name}): {getattr(func, '__module__', func)}")
    assert "/_util/login/" in found and "/admin/login/" in found, found
    assert not refused, "login routes outside allauth:\n" + "\n".join(refused)
