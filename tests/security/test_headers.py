"""Security headers on every response, and no caching of anything a signed-in person sees."""

from django.contrib.auth import get_user_model

import pytest

from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/goda-exempel/sexit-jamtland/",
    "/sok/?q=barn",
    "/oversikt/",
    "/konto/login/",
    "/finns-inte/",
    "/api/",
]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_responses_carry_a_strict_policy(demo, client, path):
    response = client.get(path)
    csp = directives(response)
    assert csp["script-src"] == ["'self'"], "no inline scripts, no third-party scripts"
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_signed_in_pages_are_never_cached(demo, client):
    member = get_user_model().objects.get(email="medlem@example.se")
    client.force_login(member)
    for path in ("/", "/mina-exempel/", "/dela/", "/konto/profil/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_anonymous_pages_may_be_cached(demo, client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_the_admin_allows_what_wagtails_widgets_need_and_nothing_from_elsewhere(demo, client):
    editor = get_user_model().objects.get(email="redaktor@example.se")
    login_with_mfa(client, editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = directives(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
