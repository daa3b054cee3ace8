"""The member's data rights: download everything as JSON, delete the account (policy in
``members/privacy/services.py``, the README's "Personal data" and "Personuppgifter och kakor").
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

import pytest
from allauth.account.models import EmailAddress

from examples.models import ExamplePage
from members.models import MEMBERS_GROUP, MemberProfile
from search.models import IndexChange
from tests.members.test_sharing import form_data

pytestmark = pytest.mark.django_db

PASSWORD = "rätt-häst-batteri-42"
EXPORT_URL = "/konto/mina-uppgifter.json"
DELETE_URL = "/konto/radera/"


def make_member(email, first_name, **profile):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, first_name=first_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    MemberProfile.objects.create(user=user, **profile)
    return user


def contact(name, email):
    return {"contact_name": name, "contact_role": "Folkhälsostrateg", "contact_email": email}


def share(client, editor, title, person, email, publish=True):
    """A member's example through the real forms; published by the editor when ``publish``."""
    response = client.post(
        "/dela/", {**form_data(title=title, **contact(person, email)), "submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ExamplePage.objects.get(title=title)
    if publish:
        page.current_workflow_state.current_task_state.approve(user=editor)
    return ExamplePage.objects.get(pk=page.pk)


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


@pytest.fixture
def anna(db):
    return make_member(
        "anna@example.se",
        "Anna",
        organisation="Umeå kommun",
        title="Folkhälsostrateg",
        contact_consent_at=timezone.now(),
    )


@pytest.fixture
def bertil(db):
    return make_member("bertil@example.se", "Bertil", organisation="Region Gävleborg")


@pytest.fixture
def anna_client(anna):
    client = Client()
    client.force_login(anna)
    return client


@pytest.fixture
def annas_examples(anna_client, editor):
    """A published example with a pending edit under review, and an unpublished draft."""
    published = share(
        anna_client, editor, "Hälsosamtal i skolan", "Anna Andersson", "anna.kontakt@umea.se"
    )
    anna_client.post(
        f"/mina-exempel/{published.pk}/andra/",
        {
            **form_data(title="Hälsosamtal i skolan", **contact("Anna A", "anna.ny@umea.se")),
            "submit": "1",
        },
    )
    draft = anna_client.post(
        "/dela/", form_data(title="Anna utkast", **contact("Anna Utkast", "anna.utkast@umea.se"))
    )
    assert draft.status_code == 302
    return ExamplePage.objects.get(pk=published.pk), ExamplePage.objects.get(title="Anna utkast")


@pytest.fixture
def bertils_example(bertil, editor):
    client = Client()
    client.force_login(bertil)
    return share(client, editor, "Bertils exempel", "Bertil Berg", "bertil.kontakt@gavleborg.se")


# --------------------------------------------------------------------------------------------
# Download
# --------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (EXPORT_URL, DELETE_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url
    assert client.post(DELETE_URL, {"password": PASSWORD}).status_code == 302


def test_the_export_holds_the_members_profile_examples_and_consent(
    anna_client, anna, annas_examples, bertils_example
):
    published, draft = annas_examples
    response = anna_client.get(EXPORT_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mina-uppgifter-')
    assert "no-store" in response["Cache-Control"]
    raw = response.content.decode("utf-8")
    assert "Hälsosamtal" in raw  # ensure_ascii=False: Swedish letters as they are
    data = json.loads(raw)

    assert data["konto"]["e_postadresser"] == [
        {"adress": "anna@example.se", "primar": True, "verifierad": True}
    ]
    assert data["konto"]["fornamn"] == "Anna"
    assert data["konto"]["gick_med"]
    assert data["profil"] == {
        "organisation": "Umeå kommun",
        "roll_eller_titel": "Folkhälsostrateg",
        "lan": None,
    }
    consent = data["samtycken"]["visa_kontaktuppgifter"]
    assert consent["samtycke"] is True and consent["datum"]

    examples = {e["id"]: e for e in data["exempel"]}
    assert set(examples) == {published.pk, draft.pk}
    live = examples[published.pk]
    assert live["publicerad"] and live["adress"].endswith(published.url)
    assert live["status"] == "Ändringar granskas"
    # The latest revision: the pending edit is what the member last gave.
    assert live["kontaktperson"] == {
        "namn": "Anna A",
        "roll": "Folkhälsostrateg",
        "e_post": "anna.ny@umea.se",
    }
    assert live["steghistorik"] and live["steghistorik"][0]["steg"]
    assert live["lan"]
    assert live["organisationer"][0]["namn"] == "Region Jämtland Härjedalen"
    assert "Första stycket." in live["beskrivning"][0]
    assert examples[draft.pk]["adress"] is None and examples[draft.pk]["status"] == "Utkast"

    for other in ("bertil", "Bertil", "Gävleborg", "Bertils exempel"):
        assert other not in raw


def test_the_export_takes_the_same_number_of_queries_for_more_examples(anna_client, anna, editor):
    share(anna_client, editor, "Första", "Anna", "a@umea.se")
    with CaptureQueriesContext(connection) as one:
        anna_client.get(EXPORT_URL)
    share(anna_client, editor, "Andra", "Anna", "a@umea.se")
    share(anna_client, editor, "Tredje", "Anna", "a@umea.se")
    with CaptureQueriesContext(connection) as three:
        data = json.loads(anna_client.get(EXPORT_URL).content)
    assert len(data["exempel"]) == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


# --------------------------------------------------------------------------------------------
# Delete
# --------------------------------------------------------------------------------------------


def test_the_delete_page_explains_the_policy_in_swedish(anna_client, annas_examples):
    response = anna_client.get(DELETE_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Radera ditt konto" in html and "går inte att ångra" in html
    assert "publicerade exempel ligger kvar" in html and "raderas" in html
    assert 'type="password"' in html and 'method="post"' in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    profile = anna_client.get("/konto/profil/").content.decode()
    assert DELETE_URL in profile and EXPORT_URL in profile


def test_a_wrong_password_deletes_nothing(anna_client, anna, annas_examples):
    response = anna_client.post(DELETE_URL, {"password": "fel"})
    assert response.status_code == 400
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert get_user_model().objects.filter(pk=anna.pk).exists()
    assert ExamplePage.objects.filter(owner=anna).count() == 2
    empty = anna_client.post(DELETE_URL, {})
    assert empty.status_code == 400 and "Fyll i ditt lösenord." in empty.content.decode()


def test_deleting_needs_a_post(anna_client, anna):
    anna_client.get(DELETE_URL, {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=anna.pk).exists()


def test_deleting_removes_the_member_and_anonymises_their_published_examples(
    anna,
    anna_client,
    annas_examples,
    bertil,
    bertils_example,
    django_capture_on_commit_callbacks,
):
    published, draft = annas_examples
    public_before = Client().get(published.url).content.decode()
    assert "anna.kontakt@umea.se" in public_before  # shown while she consents
    other_browser = Client()
    other_browser.force_login(anna)
    assert other_browser.get("/konto/profil/").status_code == 200
    bertils_browser = Client()
    bertils_browser.force_login(bertil)
    anna_pk = anna.pk
    assert PageLogEntry.objects.filter(user_id=anna_pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = anna_client.post(DELETE_URL, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Ditt konto och dina personuppgifter är raderade" in response.content.decode()

    # The user tables and sessions.
    assert not get_user_model().objects.filter(pk=anna_pk).exists()
    assert not MemberProfile.objects.filter(user_id=anna_pk).exists()
    assert not EmailAddress.objects.filter(email="anna@example.se").exists()
    assert not any(
        str(s.get_decoded().get("_auth_user_id")) == str(anna_pk) for s in Session.objects.all()
    )
    assert other_browser.get("/konto/profil/").status_code == 302  # logged out everywhere
    assert anna_client.get("/konto/profil/").status_code == 302

    # The published example stays, without her, in the page and every revision.
    page = ExamplePage.objects.get(pk=published.pk)
    assert page.live and page.owner_id is None
    assert (page.contact_name, page.contact_role, page.contact_email) == ("", "", "")
    revisions = page.revisions.all()
    assert revisions.count() >= 2
    for revision in revisions:
        assert revision.user_id is None
        assert revision.content["owner"] is None
        for name in ("contact_name", "contact_role", "contact_email"):
            assert revision.content[name] == "", (revision.pk, name)
    assert page.current_workflow_state is None  # her pending edit is no longer in review
    assert not PageLogEntry.objects.filter(user_id=anna_pk).exists()
    public = Client().get(page.url)
    assert public.status_code == 200
    for trace in ("anna.kontakt@umea.se", "anna.ny@umea.se", "Anna Andersson"):
        assert trace not in public.content.decode()
    assert IndexChange.objects.filter(page_id=page.pk, applied_at__isnull=False).exists()

    # Her draft is gone.
    assert not ExamplePage.objects.filter(pk=draft.pk).exists()
    assert not Revision.objects.filter(object_id=str(draft.pk)).exists()

    # Bertil is untouched.
    assert get_user_model().objects.filter(pk=bertil.pk).exists()
    assert MemberProfile.objects.get(user=bertil).organisation == "Region Gävleborg"
    assert EmailAddress.objects.filter(user=bertil).exists()
    theirs = ExamplePage.objects.get(pk=bertils_example.pk)
    assert theirs.owner_id == bertil.pk and theirs.contact_email == "bertil.kontakt@gavleborg.se"
    assert all(r.content["contact_email"] for r in theirs.revisions.all())
    assert bertils_browser.get("/konto/profil/").status_code == 200
