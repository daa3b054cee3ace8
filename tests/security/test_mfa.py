"""Two-factor authentication: every account with admin access logs in with TOTP; members need not.

The logins here go through allauth's real forms (password, then the code from the app), so the
test sees what an editor sees; ``tests/mfa_helpers.py`` is held to the same behaviour.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.test import TestCase

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from examples.demo import loader
from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, login_with_mfa, totp_code

pytestmark = pytest.mark.django_db

EDITOR_EMAIL = "redaktor@example.se"
EDITOR_PASSWORD = loader.DEMO_USERS["editor"]["password"]
MEMBER_EMAIL = "medlem@example.se"
MEMBER_PASSWORD = loader.DEMO_USERS["member"]["password"]
ADMIN_PASSWORD = "en-lång-admin-fras-2026"


@pytest.fixture
def editor(demo):
    return get_user_model().objects.get(email=EDITOR_EMAIL)


@pytest.fixture
def superuser(db):
    """A superuser without an authenticator, as ``createsuperuser`` leaves one."""
    user = get_user_model().objects.create_superuser(
        username="chef@example.se", email="chef@example.se", password=ADMIN_PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def password_login(client, email, password, next_url="/admin/"):
    return client.post(f"/konto/login/?next={next_url}", {"login": email, "password": password})


def confirm_password(client, password, next_url):
    """allauth asks for the password again before the authenticator settings change."""
    response = client.post("/konto/reauthenticate/", {"password": password, "next": next_url})
    assert response["Location"] == next_url


def path_of(response):
    return urlsplit(response["Location"]).path


def test_demo_editor_has_the_documented_totp_secret(editor):
    assert loader.DEMO_EDITOR_TOTP_SECRET == DEMO_EDITOR_TOTP_SECRET
    totp = Authenticator.objects.get(user=editor, type=Authenticator.Type.TOTP)
    assert totp.wrap().validate_code(totp_code(DEMO_EDITOR_TOTP_SECRET))


def test_admin_login_goes_through_allauth(client, editor):
    response = client.get("/admin/")
    assert path_of(response) == "/konto/login/"
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == ["/admin/"]
    wagtail_form = client.get("/admin/login/?next=/admin/pages/")
    assert wagtail_form.status_code == 302
    assert wagtail_form["Location"] == "/konto/login/?next=%2Fadmin%2Fpages%2F"


def test_admin_login_redirect_never_leaves_the_site(client):
    response = client.get("/admin/login/?next=https://angripare.example/")
    assert response["Location"] == "/konto/login/?next=%2Fadmin%2F"


def test_password_alone_does_not_open_the_admin(client, editor):
    response = password_login(client, EDITOR_EMAIL, EDITOR_PASSWORD)
    assert path_of(response) == "/konto/2fa/authenticate/"
    assert path_of(client.get("/admin/")) == "/konto/login/", "not logged in before the code"
    page = client.get("/konto/2fa/authenticate/")
    assert "Skriv koden från din app" in page.content.decode()

    wrong = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "Koden stämmer inte" in wrong.content.decode()

    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(DEMO_EDITOR_TOTP_SECRET)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_login_by_email_code_also_asks_for_the_totp_code(client, editor, mailoutbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/konto/login/code/", {"email": EDITOR_EMAIL})
    code = re.search(r"^\s*([A-Z0-9-]{4,})\s*$", mailoutbox[-1].body, re.MULTILINE).group(1)
    response = client.post("/konto/login/code/confirm/", {"code": code})
    assert path_of(response) == "/konto/2fa/authenticate/"
    assert path_of(client.get("/admin/")) == "/konto/login/"


def test_session_without_the_totp_step_is_logged_out(client, editor):
    client.force_login(editor)  # e.g. a session from before TOTP was turned on
    response = client.get("/admin/documents/")
    assert path_of(response) == "/konto/login/"
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == ["/admin/documents/"]
    assert "_auth_user_id" not in client.session, "the session is ended, not upgraded"
    page = client.get(response["Location"]).content.decode()
    assert "Av säkerhetsskäl behöver du logga in igen" in page

    response = password_login(client, EDITOR_EMAIL, EDITOR_PASSWORD, "/admin/documents/")
    assert path_of(response) == "/konto/2fa/authenticate/"
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(DEMO_EDITOR_TOTP_SECRET)})
    assert response["Location"] == "/admin/documents/"
    assert client.get("/admin/documents/").status_code == 200


def test_admin_without_totp_is_sent_to_set_it_up(client, superuser):
    assert path_of(password_login(client, superuser.email, ADMIN_PASSWORD)) == "/admin/"
    response = client.get("/admin/")
    assert path_of(response) == "/konto/2fa/totp/activate/"
    reauthenticate = client.get(response["Location"], follow=True)
    explanation = "Ditt konto har tillgång till redaktörsverktyget"
    assert explanation in reauthenticate.content.decode(), "the reason is said first"
    confirm_password(client, ADMIN_PASSWORD, "/konto/2fa/totp/activate/")
    page = client.get("/konto/2fa/totp/activate/")
    html = page.content.decode()
    assert explanation in html
    assert "tvåstegsverifiering" in html

    secret = re.search(r'<code id="totp-secret"[^>]*>([A-Z2-7]+)</code>', html).group(1)
    qr = re.search(r'<img src="(data:image/svg\+xml;base64,[^"]+)"[^>]*alt="([^"]+)"', html)
    assert qr, "the QR code is an image"
    assert qr.group(2).startswith("QR-kod")
    img_src = re.search(r"img-src ([^;]+)", page["Content-Security-Policy"]).group(1).split()
    assert "data:" in img_src, "the CSP lets the QR code's data URI show"

    response = client.post("/konto/2fa/totp/activate/", {"code": totp_code(secret)})
    assert path_of(response) == "/konto/2fa/recovery-codes/"
    codes_page = client.get("/konto/2fa/recovery-codes/").content.decode()
    assert 'href="/admin/"' in codes_page
    assert client.get("/admin/").status_code == 200, "the activation code counts as the step"


def test_wrong_activation_code_is_refused_in_swedish(client, superuser):
    password_login(client, superuser.email, ADMIN_PASSWORD)
    confirm_password(client, ADMIN_PASSWORD, "/konto/2fa/totp/activate/")
    client.get("/konto/2fa/totp/activate/")
    response = client.post("/konto/2fa/totp/activate/", {"code": "123"})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert not Authenticator.objects.filter(user=superuser).exists()


def test_admin_accounts_cannot_switch_totp_off(client, editor):
    login_with_mfa(client, editor)
    confirm_password(client, EDITOR_PASSWORD, "/konto/2fa/totp/deactivate/")
    response = client.post("/konto/2fa/totp/deactivate/")
    assert "kan inte stängas av" in response.content.decode()
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert "Stäng av tvåstegsverifiering" not in client.get("/konto/2fa/").content.decode()


def test_members_are_not_asked_for_a_code(client, demo):
    response = password_login(client, MEMBER_EMAIL, MEMBER_PASSWORD, next_url="/konto/profil/")
    assert response["Location"] == "/konto/profil/"
    assert client.get("/konto/profil/").status_code == 200
    admin = client.get("/admin/")
    assert path_of(admin) == "/konto/profil/", "refused, and never pushed into TOTP"
    refused = client.get("/konto/profil/").content.decode()
    assert "Ditt konto har inte tillgång till redaktörsverktyget" in refused


def test_members_may_turn_totp_on_and_off(client, demo):
    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    password_login(client, MEMBER_EMAIL, MEMBER_PASSWORD, next_url="/konto/2fa/")
    index = client.get("/konto/2fa/").content.decode()
    assert "Slå på med en autentiseringsapp" in index
    confirm_password(client, MEMBER_PASSWORD, "/konto/2fa/totp/activate/")
    html = client.get("/konto/2fa/totp/activate/").content.decode()
    secret = re.search(r'<code id="totp-secret"[^>]*>([A-Z2-7]+)</code>', html).group(1)
    client.post("/konto/2fa/totp/activate/", {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    client.post("/konto/2fa/totp/deactivate/")
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def test_login_with_mfa_helper_opens_the_admin(client, superuser):
    login_with_mfa(client, superuser)
    assert client.get("/admin/").status_code == 200


def test_totp_code_matches_rfc_6238():
    """RFC 6238's SHA-1 test vector (secret "12345678901234567890", T=59 s), cut to 6 digits."""
    assert totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59) == "287082"
    assert totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=1111111109) == "081804"
