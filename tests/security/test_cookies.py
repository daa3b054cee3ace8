"""Cookies: none at all for an anonymous visitor reading the site, only ``csrftoken`` where a
page has a POST form, and in production every cookie Secure, SameSite=Lax, the session HttpOnly.
"""

import pytest

from tests.production import load_production_settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/goda-exempel/",
    "/goda-exempel/sexit-jamtland/",
    "/sok/",
    "/sok/?q=barn&lan=jamtlands-lan",
    "/sok/forslag/?q=barn",
    "/mal/fallskador-hos-aldre/",
    "/lan/jamtlands-lan/",
    "/oversikt/",
    "/api/",
    "/api/v1/exempel/",
    "/finns-inte/",
]
FORM_PAGES = ["/konto/login/", "/konto/signup/", "/konto/password/reset/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_anonymous_visitors_get_no_cookie_on_public_pages(demo, client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    assert dict(response.cookies) == {}, f"{path} set {sorted(response.cookies)}"


@pytest.mark.parametrize("path", FORM_PAGES)
def test_a_page_with_a_post_form_sets_only_the_csrf_cookie(demo, client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert sorted(response.cookies) == ["csrftoken"]
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


COOKIE_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
)


@pytest.fixture(scope="module")
def production_settings():
    """The cookie settings of website.settings.production, loaded as a deployment loads them."""
    return load_production_settings(COOKIE_SETTINGS)


def test_production_cookies_are_secure_httponly_and_lax(production_settings):
    assert production_settings.SESSION_COOKIE_SECURE is True
    assert production_settings.CSRF_COOKIE_SECURE is True
    assert production_settings.SESSION_COOKIE_HTTPONLY is True
    assert production_settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert production_settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_production_cookie_flags_reach_the_browser(demo, client, settings, production_settings):
    for name in COOKIE_SETTINGS:
        setattr(settings, name, getattr(production_settings, name))
    csrf = client.get("/konto/login/").cookies["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"
    response = client.post(
        "/konto/login/", {"login": "medlem@example.se", "password": "demo-medlem-2026"}
    )
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
