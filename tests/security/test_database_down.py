"""The database does not answer: every page is a calm Swedish 503 with Retry-After, no trace.

The failure is made the way a stopped server shows itself: every attempt to get a database
cursor raises ``OperationalError`` (or ``InterfaceError``, a connection already closed).
"""

from unittest import mock

from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

import pytest

from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db

PAGES = ["/", "/goda-exempel/sexit-jamtland/", "/sok/?q=barn", "/konto/login/", "/api/v1/exempel/"]


def database_down(error=OperationalError):
    message = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    return mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=error(message))


def assert_friendly_503(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Webbplatsen är tillfälligt otillgänglig" in html
    assert '<html lang="sv">' in html
    for leak in ("Traceback", "OperationalError", "Connection refused", "5432", "psycopg"):
        assert leak not in html
    assert "object-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_get_the_503_page(demo, path):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(path)
    assert_friendly_503(response)


def test_a_signed_in_member_gets_it_too(demo):
    """The session and the user are read from the database before any view runs."""
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(email="medlem@example.se"))
    with database_down():
        response = client.get("/mina-exempel/")
    assert_friendly_503(response)


def test_an_editor_in_the_admin_gets_it_too(demo):
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    with database_down(InterfaceError):
        response = client.post("/admin/pages/", {})
    assert_friendly_503(response)


def test_other_errors_stay_a_500(demo, monkeypatch):
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(
        "search.views.run_search", mock.Mock(side_effect=RuntimeError("a bug, not an outage"))
    )
    response = client.get("/sok/?q=barn")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
    assert "a bug" not in response.content.decode()


def test_the_page_is_served_once_the_database_is_back(demo):
    client = Client(raise_request_exception=False)
    with database_down():
        assert client.get("/").status_code == 503
    assert client.get("/").status_code == 200
