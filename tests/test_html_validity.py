"""The Nu HTML Checker finds no error in the HTML the server sends (issue 15, "Done when").

Every page of the sitemap, the search with and without results, the 404 page, the account
forms (empty and with errors) and a member's pages (empty and with errors) are rendered by the
test client on the demo site and checked in one batch by vnu.jar (tests/html_checker.py).
Invalid markup is what assistive technology and browsers repair each in their own way, so a
page that validates reads the same everywhere. Without Java or the jar the test skips with a
message, under ``CI`` it fails.
"""

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from examples.models import ExamplePage
from tests import html_checker, sitemap
from tests.members.test_sharing import form_data

pytestmark = pytest.mark.django_db

# A document the checker must fault: proves that it read the batch and that its report is parsed.
KNOWN_BAD = b'<!DOCTYPE html><html lang="sv"><title>x</title><p><div>fel</p>'


def render(client, documents, name, path, data=None, status=200):
    response = client.post(path, data) if data is not None else client.get(path)
    assert response.status_code == status, (name, response.status_code)
    assert response["Content-Type"].startswith("text/html"), name
    documents[name] = response.content


def public_documents():
    client = Client()
    documents = {}
    paths = sitemap.paths(client)
    assert len(paths) > 60  # the demo's examples, goals, counties, seminars and pages
    for path in paths:
        render(client, documents, path, path)
    for path in (
        "/goda-exempel/?sida=2",
        "/sok/",
        "/sok/?q=barn",
        "/sok/?q=barn&omrade=skola&sida=2",
        "/sok/?q=xyzzyqwertyzz",
        "/sok/?q=skola+Ume%C3%A5&kopior=alla",  # a municipality widened, every copy listed
        "/konto/login/",
        "/konto/login/code/",
        "/konto/signup/",
        "/konto/password/reset/",
    ):
        render(client, documents, path, path)
    render(client, documents, "404 /finns-inte/", "/finns-inte/", status=404)
    render(
        client,
        documents,
        "POST /konto/login/ (fel lösenord)",
        "/konto/login/",
        {"login": "medlem@example.se", "password": "fel"},
    )
    render(
        client,
        documents,
        "POST /konto/signup/ (fel)",
        "/konto/signup/",
        {"email": "inte-en-adress", "password1": "a", "password2": "b"},
    )
    render(
        client,
        documents,
        "POST /konto/password/reset/ (fel)",
        "/konto/password/reset/",
        {"email": "inte-en-adress"},
    )
    return documents


def member_documents():
    client = Client()
    client.force_login(get_user_model().objects.get(email="medlem@example.se"))
    documents = {}
    for path in ("/konto/profil/", "/dela/", "/konto/email/", "/konto/password/change/"):
        render(client, documents, f"medlem {path}", path)
    render(
        client,
        documents,
        "medlem POST /dela/ (fel)",
        "/dela/",
        form_data(county="", summary="", target_areas=[], stage="", submit="1"),
        status=400,
    )
    response = client.post("/dela/", form_data(draft="1"))
    assert response.status_code == 302, "the member's draft was not saved"
    page = ExamplePage.objects.get(owner__email="medlem@example.se")
    for path in ("/mina-exempel/", f"/mina-exempel/{page.pk}/andra/"):
        render(client, documents, f"medlem {path}", path)
    new_stage = f"/mina-exempel/{page.pk}/nytt-steg/"
    render(client, documents, f"medlem {new_stage}", new_stage)
    render(client, documents, f"medlem POST {new_stage} (fel)", new_stage, {"stage": "99"}, 400)
    return documents


def test_the_server_html_of_every_public_account_and_member_page_is_valid(demo):
    html_checker.require_checker()
    documents = {"known bad": KNOWN_BAD, **public_documents(), **member_documents()}
    problems = html_checker.check(documents)
    assert any(p.document == "known bad" for p in problems), "the checker read nothing"
    errors = [str(p) for p in problems if p.document != "known bad"]
    assert errors == [], f"{len(errors)} errors in {len(documents) - 1} pages:\n" + "\n".join(
        errors
    )
