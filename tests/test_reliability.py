"""A failing mail server or search engine never rolls back or loses anyone's work.

Each action a member or an editor takes runs once with the mail server refusing the connection,
once with it failing with an ``SMTPException`` (as a server that drops the line or refuses the
login does, which is not a ``ConnectionError``), and once with Elasticsearch unreachable. Each
time the work is in the database, the person sees the usual success message, and the change is
queued for the index: with Elasticsearch down it waits, and ``search_index sync`` applies it
once the server is back. Faults start only when the action starts, so the setup is unharmed;
the requests run inside ``django_capture_on_commit_callbacks`` so that what runs after the
commit (mails, index updates) runs, and fails, as it would in production.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

import pytest

from examples.models import ExamplePage, Stage
from members.models import MEMBERS_GROUP
from search import indexing
from search.backends import elasticsearch as elasticsearch_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import IndexChange, SearchDocument
from tests.members.test_sharing import form_data
from tests.mfa_helpers import login_with_mfa
from tests.search.fakes import FakeElasticsearch

pytestmark = pytest.mark.django_db
User = get_user_model()


class SMTPFailure(BaseEmailBackend):
    """A mail server that drops the connection: ``SMTPServerDisconnected`` on every use."""

    def error(self):
        return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def open(self):
        raise self.error()

    def send_messages(self, email_messages):
        raise self.error()


class ConnectionRefused(SMTPFailure):
    """No mail server listening at all."""

    def error(self):
        return ConnectionRefusedError(111, "Connection refused")


MAIL_BACKENDS = {"smtp": SMTPFailure, "refused": ConnectionRefused}


@dataclass
class Fault:
    kind: str
    settings: object
    monkeypatch: object
    server: FakeElasticsearch | None = None

    def start(self):
        if self.kind in MAIL_BACKENDS:
            backend = MAIL_BACKENDS[self.kind]
            self.settings.EMAIL_BACKEND = f"{backend.__module__}.{backend.__qualname__}"
            return
        self.server = FakeElasticsearch(up=False)
        client = self.server.client()
        self.settings.ELASTICSEARCH_URL = "http://fake-elasticsearch:9200"
        self.settings.SEARCH_ELASTICSEARCH_AUTO_INDEX = True
        self.monkeypatch.setattr(elasticsearch_backend, "default_client", lambda: client)
        backend = ElasticsearchBackend(client=client)
        self.monkeypatch.setattr(indexing, "elasticsearch_index", lambda: backend)

    def index_catches_up(self, page_id: int, live: bool):
        """The database index is current now; Elasticsearch once it is back and sync runs."""
        assert SearchDocument.objects.filter(pk=page_id).exists() == live
        if self.server is None:
            return
        assert IndexChange.objects.filter(page_id=page_id, applied_at=None).exists()
        self.server.up = True
        call_command("search_index", "sync", stdout=StringIO())
        alias = ElasticsearchBackend(client=self.server.client()).alias
        assert (str(page_id) in self.server.documents.get(alias, {})) == live
        assert not IndexChange.objects.filter(page_id=page_id, applied_at=None).exists()


@pytest.fixture(params=["smtp", "refused", "search"])
def fault(request, settings, monkeypatch, demo):
    return Fault(request.param, settings, monkeypatch)


@pytest.fixture
def member(demo):
    user = User.objects.create_user(username="anna@example.se", email="anna@example.se")
    user.set_password("rätt-lösenord")
    user.save()
    user.groups.add(Group.objects.get(name=MEMBERS_GROUP))
    return user


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def editor_client(demo):
    client = Client()
    login_with_mfa(client, User.objects.get(email="redaktor@example.se"))
    return client


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def last_message(response):
    """The message the action left (setup steps on the same client may have left others)."""
    stored = list(get_messages(response.wsgi_request))
    assert stored, "no message"
    return stored[-1].level_tag, str(stored[-1]).strip()


def submitted(member_client, member, **fields):
    response = member_client.post("/dela/", {**form_data(**fields), "submit": "1"})
    assert response.status_code == 302
    return ExamplePage.objects.get(owner=member)


def published(member_client, member):
    page = submitted(member_client, member)
    page.current_workflow_state.current_task_state.approve(user=None)
    indexing.sync()  # as after the commit, so only the action under test leaves changes pending
    return ExamplePage.objects.get(pk=page.pk)


def decide(editor_client, page, action, comment):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return editor_client.post(url, {"comment": comment})


# The member's work ---------------------------------------------------------------------------


def test_a_draft_is_saved(fault, member_client, member, django_capture_on_commit_callbacks):
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post("/dela/", {**form_data(title="Mitt utkast"), "draft": "1"})
    assert response.status_code == 302
    assert last_message(response) == ("success", "Utkastet ”Mitt utkast” är sparat.")
    page = ExamplePage.objects.get(owner=member)
    assert page.get_latest_revision_as_object().title == "Mitt utkast" and not page.live


def test_a_submission_for_review_is_kept(
    fault, member_client, member, django_capture_on_commit_callbacks
):
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post("/dela/", {**form_data(), "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert last_message(response) == (
        "success",
        "Tack! ”Hälsosamtal i skolan” är skickat för granskning.",
    )
    page = ExamplePage.objects.get(owner=member)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Granskas" in member_client.get("/mina-exempel/").content.decode()


def test_a_new_stage_is_kept(fault, member_client, member, django_capture_on_commit_callbacks):
    page = published(member_client, member)
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        today = timezone.localdate()
        response = member_client.post(
            f"/mina-exempel/{page.pk}/nytt-steg/",
            {"stage": Stage.REGULAR, "month": today.month, "year": today.year},
        )
    assert response.status_code == 302
    assert last_message(response) == (
        "success",
        "Det nya steget är sparat och skickat för granskning.",
    )
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().stage == Stage.REGULAR
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_withdrawal_takes_effect(
    fault, member_client, member, client, django_capture_on_commit_callbacks
):
    page = published(member_client, member)
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/mina-exempel/{page.pk}/aterkalla/")
    assert response.status_code == 302
    assert last_message(response) == ("success", "”Hälsosamtal i skolan” är återkallat.")
    assert not ExamplePage.objects.get(pk=page.pk).live
    assert client.get(page.url).status_code == 404
    fault.index_catches_up(page.pk, live=False)


def test_an_account_deletion_completes(
    fault, member_client, member, django_capture_on_commit_callbacks
):
    page = published(member_client, member)
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post("/konto/radera/", {"password": "rätt-lösenord"})
    assert response.status_code == 302
    level, text = last_message(response)
    assert level == "success" and text.startswith(
        "Ditt konto och dina personuppgifter är raderade."
    )
    assert not User.objects.filter(email="anna@example.se").exists()
    kept = ExamplePage.objects.get(pk=page.pk)
    assert kept.live and kept.owner is None
    fault.index_catches_up(page.pk, live=True)


# The editor's work ---------------------------------------------------------------------------


def test_an_approval_stands_when_the_decision_mail_fails(
    fault, member_client, member, editor_client, django_capture_on_commit_callbacks
):
    page = submitted(member_client, member)
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(editor_client, page, "approve", "Fint exempel.")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    # No error: only the confirmation of what the decision did.
    assert messages_of(response) == [f"”{page.title}” är godkänt i granskningen och publicerat."]
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.live
    task_state = TaskState.objects.filter(workflow_state__object_id=str(page.pk)).get()
    assert task_state.status == TaskState.STATUS_APPROVED and task_state.comment == "Fint exempel."
    assert "Publicerad" in member_client.get("/mina-exempel/").content.decode()
    fault.index_catches_up(page.pk, live=True)


def test_a_rejection_stands_when_the_decision_mail_fails(
    fault, member_client, member, editor_client, django_capture_on_commit_callbacks
):
    page = submitted(member_client, member)
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(editor_client, page, "reject", "Beskriv resultaten.")
    assert response.status_code == 302
    assert messages_of(response) == [
        f"”{page.title}” är skickat tillbaka från granskningen. Medlemmen får ett mejl om det."
    ]
    html = member_client.get("/mina-exempel/").content.decode()
    assert "Avslagen" in html and "Beskriv resultaten." in html


def test_publishing_in_the_admin_goes_through(
    fault, editor_client, client, django_capture_on_commit_callbacks
):
    page = ExamplePage.objects.get(slug="sexit-jamtland")
    draft = page.get_latest_revision_as_object()
    draft.title = "SEXIT – nu i hela länet"
    draft.save_revision()
    fault.start()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{url}?id={page.pk}&next=/admin/pages/", {})
    assert response.status_code == 302, response.content.decode()[:500]
    assert last_message(response)[0] == "success"
    assert ExamplePage.objects.get(pk=page.pk).title == "SEXIT – nu i hela länet"
    assert "SEXIT – nu i hela länet" in client.get(page.url).content.decode()
    fault.index_catches_up(page.pk, live=True)
    assert SearchDocument.objects.get(pk=page.pk).title == "SEXIT – nu i hela länet"


def test_unpublishing_in_the_admin_goes_through(
    fault, editor_client, client, django_capture_on_commit_callbacks
):
    page = ExamplePage.objects.get(slug="sexit-jamtland")
    fault.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    level, text = last_message(response)
    assert level == "success" and "SEXIT" in text and "opublicerad" in text
    assert not ExamplePage.objects.get(pk=page.pk).live
    assert client.get(page.url).status_code == 404
    fault.index_catches_up(page.pk, live=False)
