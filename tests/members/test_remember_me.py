""" "Kom ihåg mig": a member may stay signed in for 14 days; an account with admin access never
outlives the browser, however it logs in (members/accounts/adapter.py, forms.py).
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

import pytest
from allauth.account.models import EmailAddress

from examples.demo import loader
from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db

EDITOR_EMAIL = "redaktor@example.se"
EDITOR_PASSWORD = loader.DEMO_USERS["editor"]["password"]
MEMBER_EMAIL = "medlem@example.se"
MEMBER_PASSWORD = loader.DEMO_USERS["member"]["password"]
FOURTEEN_DAYS = 14 * 24 * 60 * 60


def session_cookie(response):
    return response.cookies[settings.SESSION_COOKIE_NAME]


def ends_with_the_browser(response, client) -> bool:
    """No Max-Age or Expires on the cookie, and the session says so too."""
    cookie = session_cookie(response)
    return (
        not cookie["max-age"]
        and not cookie["expires"]
        and client.session.get_expire_at_browser_close()
    )


def test_the_login_form_says_what_remember_means(client, demo):
    html = client.get("/konto/login/").content.decode()
    assert "Kom ihåg mig på den här datorn" in html
    assert "Du förblir inloggad i 14 dagar." in html
    assert "de loggas ut när webbläsaren stängs" in html


def test_a_member_who_ticks_remember_stays_signed_in_for_14_days(client, demo):
    response = client.post(
        "/konto/login/", {"login": MEMBER_EMAIL, "password": MEMBER_PASSWORD, "remember": "on"}
    )
    assert response["Location"] == "/"
    assert session_cookie(response)["max-age"] == FOURTEEN_DAYS
    assert not client.session.get_expire_at_browser_close()


def test_an_editor_who_ticks_remember_is_signed_out_with_the_browser(client, demo):
    response = client.post(
        "/konto/login/?next=/admin/",
        {"login": EDITOR_EMAIL, "password": EDITOR_PASSWORD, "remember": "on"},
    )
    assert response["Location"].startswith("/konto/2fa/authenticate/")
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(DEMO_EDITOR_TOTP_SECRET)})
    assert response["Location"] == "/admin/"
    assert ends_with_the_browser(response, client)
    assert client.get("/admin/").status_code == 200


def test_an_editor_logging_in_by_emailed_code_is_signed_out_with_the_browser(client, demo):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/konto/login/code/", {"email": EDITOR_EMAIL})
    code = re.search(r"^\s*([A-Z0-9-]{4,})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    client.post("/konto/login/code/confirm/", {"code": code})
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(DEMO_EDITOR_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(email=EDITOR_EMAIL).pk
    )
    assert ends_with_the_browser(response, client)


def test_an_administrator_without_an_app_yet_is_not_remembered_either(client, db):
    """A new superuser logs in by password alone, then is sent to set up TOTP."""
    user = get_user_model().objects.create_superuser(
        username="chef@example.se", email="chef@example.se", password="en-lång-admin-fras-2026"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/konto/login/",
        {"login": user.email, "password": "en-lång-admin-fras-2026", "remember": "on"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert ends_with_the_browser(response, client)


def test_a_member_made_editor_loses_the_remembered_session_in_the_admin(client, demo):
    from django.contrib.auth.models import Group

    from tests.mfa_helpers import login_with_mfa

    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    client.post(
        "/konto/login/", {"login": MEMBER_EMAIL, "password": MEMBER_PASSWORD, "remember": "on"}
    )
    assert not client.session.get_expire_at_browser_close()
    member.groups.add(Group.objects.get(name="Redaktörer"))
    login_with_mfa(client, member)  # the app set up and its code typed in this session
    session = client.session
    session.set_expiry(FOURTEEN_DAYS)  # as "Kom ihåg mig" left it
    session.save()
    assert not client.session.get_expire_at_browser_close()
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expire_at_browser_close()
