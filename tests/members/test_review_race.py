"""Two editors deciding on the same submission: one transition, and a clear word to the other.

Both editors have the review open; both press "Godkänn". Exactly one approval may count: one
publication, one decision mail to the member, and the second editor reads in Swedish that the
review is already decided, instead of a 500, a 403 or a second publication. The sequential
cases run everywhere; the real race (two threads, two database connections, pressing at the
same moment) needs row locks and runs on PostgreSQL only.
"""

import contextlib
import threading

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

import pytest

from examples.models import ExamplePage
from members.sharing.moderation import EDITORS_GROUP, ReviewAlreadyDecided
from search.models import IndexChange
from tests.members.test_sharing import form_data
from tests.mfa_helpers import login_with_mfa

User = get_user_model()


def make_editor(email):
    editor = User.objects.create_user(
        username=email, email=email, password="x", first_name=email.split("@")[0].title()
    )
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return editor


def submit_example(email="anna@example.se"):
    """A member's example, sent for review through "Dela med dig"."""
    member = User.objects.create_user(username=email, email=email, password="x")
    client = Client()
    client.force_login(member)
    response = client.post("/dela/", {**form_data(tags=""), "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return member, ExamplePage.objects.get(owner=member)


def approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def publications(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def decision_mails(member):
    return [message for message in mail.outbox if message.to == [member.email]]


@pytest.fixture
def editors(demo):
    return make_editor("eva@example.se"), make_editor("olle@example.se")


@pytest.mark.django_db
def test_the_second_editor_to_approve_is_told_and_nothing_happens_twice(
    editors, django_capture_on_commit_callbacks
):
    eva, olle = editors
    member, page = submit_example()
    task_state = page.current_workflow_state.current_task_state
    first, second = Client(), Client()
    login_with_mfa(first, eva)
    login_with_mfa(second, olle)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert first.get(edit).status_code == 200 and second.get(edit).status_code == 200
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = first.post(approve_url(page, task_state), {"comment": "Fint."})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        late = second.post(approve_url(page, task_state), {"comment": "Bra!"})

    assert late.status_code == 302 and late["Location"] == edit
    (text,) = messages_of(late)
    assert text.startswith("”Hälsosamtal i skolan” är redan godkänt av Eva (")
    assert text.endswith("Ditt beslut har inte sparats och inget mer har skickats till medlemmen.")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == eva and task_state.comment == "Fint."
    assert ExamplePage.objects.get(pk=page.pk).live
    assert publications(page) == 1
    assert len(decision_mails(member)) == 1
    assert "Fint." in decision_mails(member)[0].body


@pytest.mark.django_db
def test_a_stale_button_after_a_new_submission_names_who_decided(
    editors, django_capture_on_commit_callbacks
):
    """Olle's tab still shows the first version's button after Eva approved it and the member
    sent a new version: his click must not approve the new version he has not read."""
    eva, olle = editors
    member, page = submit_example()
    old_task_state = page.current_workflow_state.current_task_state
    old_task_state.approve(user=eva, comment="Fint.")
    member_client = Client()
    member_client.force_login(member)
    member_client.post(
        f"/mina-exempel/{page.pk}/andra/", {**form_data(title="Nytt namn", tags=""), "submit": "1"}
    )
    new_state = ExamplePage.objects.get(pk=page.pk).current_workflow_state
    assert new_state is not None and new_state.status == WorkflowState.STATUS_IN_PROGRESS
    client = Client()
    login_with_mfa(client, olle)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(page, old_task_state), {"comment": "Bra!"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    (text,) = messages_of(response)
    assert "är redan godkänt av Eva" in text and "Ditt beslut har inte sparats" in text
    new_state.refresh_from_db()
    assert new_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert new_state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert ExamplePage.objects.get(pk=page.pk).title == form_data()["title"]
    assert publications(page) == 1 and not decision_mails(member)

    # The admin's review modal posts by XHR and expects its JSON step, not a redirect.
    modal = client.post(
        approve_url(page, old_task_state),
        {"comment": "Bra!"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert modal.status_code == 200
    assert modal.json()["step"] == "success"
    assert modal.json()["redirect"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.mark.django_db
@pytest.mark.parametrize("second_action", ["approve", "reject"])
def test_a_decision_on_a_review_loaded_before_the_first_one_is_refused(
    editors, second_action, django_capture_on_commit_callbacks
):
    """The in-memory check Wagtail makes passes for both; the row re-read under a lock does not."""
    eva, olle = editors
    member, page = submit_example()
    state_for_eva = TaskState.objects.get(pk=page.current_workflow_state.current_task_state.pk)
    state_for_olle = TaskState.objects.get(pk=state_for_eva.pk)
    task = state_for_eva.task.specific
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        task.on_action(state_for_eva, eva, "approve", comment="Fint.")
    with (
        pytest.raises(ReviewAlreadyDecided) as refused,
        django_capture_on_commit_callbacks(execute=True),
    ):
        task.on_action(state_for_olle, olle, second_action, comment="Nej.")

    assert "”Hälsosamtal i skolan” är redan godkänt av Eva" in str(refused.value)
    stored = TaskState.objects.get(pk=state_for_eva.pk)
    assert (stored.status, stored.finished_by, stored.comment) == ("approved", eva, "Fint.")
    assert WorkflowState.objects.get(pk=stored.workflow_state_id).status == "approved"
    assert publications(page) == 1 and len(decision_mails(member)) == 1


# The real race: two connections, committed data --------------------------------------------


def in_own_connection(function, *args):
    """Run ``function`` in a thread of its own: its own connection, committing as it goes.

    The test's own connection sits in the transaction pytest-django rolls back, whose rows the
    editors' connections could never see; so the race's rows are made, and removed, elsewhere.
    """
    outcome = {}

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def set_up_the_race():
    eva, olle = make_editor("eva@example.se"), make_editor("olle@example.se")
    member, page = submit_example()
    clients = {}
    for editor in (eva, olle):
        clients[editor.first_name] = client = Client()
        login_with_mfa(client, editor)
    task_state = page.current_workflow_state.current_task_state
    return {"users": [eva, olle, member], "page": page, "clients": clients, "task": task_state}


def remove_the_race(race):
    page = race["page"]
    object_id = str(page.pk)
    WorkflowState.objects.filter(object_id=object_id).delete()
    PageLogEntry.objects.filter(page_id=page.pk).delete()
    ExamplePage.objects.get(pk=page.pk).delete()
    Revision.objects.filter(object_id=object_id).delete()
    IndexChange.objects.filter(page_id=page.pk).delete()
    keys = [client.session.session_key for client in race["clients"].values()]
    Session.objects.filter(session_key__in=keys).delete()
    User.objects.filter(pk__in=[user.pk for user in race["users"]]).delete()


@pytest.fixture
def race(demo):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks and one writer at a time")
    prepared = in_own_connection(set_up_the_race)
    yield prepared
    in_own_connection(remove_the_race, prepared)
    mail.outbox.clear()


@pytest.mark.django_db
def test_two_editors_approving_at_the_same_moment(race, monkeypatch):
    page, task_state, clients = race["page"], race["task"], race["clients"]
    member = race["users"][2]
    mail.outbox.clear()

    # Both requests pass every check before either writes: they meet here, then approve.
    both_checked = threading.Barrier(2, timeout=5)
    original_approve = TaskState.approve

    def approve_together(self, *args, **kwargs):
        # An implementation that locks earlier makes the other request wait here instead.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait()
        return original_approve(self, *args, **kwargs)

    monkeypatch.setattr(TaskState, "approve", approve_together)
    responses, errors = {}, []

    def press_approve(name):
        try:
            responses[name] = clients[name].post(
                approve_url(page, task_state), {"comment": f"Godkänt av {name}."}
            )
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press_approve, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors, errors
    assert sorted(response.status_code for response in responses.values()) == [302, 302]
    stored = TaskState.objects.get(pk=task_state.pk)
    winner = stored.finished_by.first_name
    loser = "Olle" if winner == "Eva" else "Eva"
    assert stored.status == TaskState.STATUS_APPROVED and stored.comment == f"Godkänt av {winner}."
    # The winner reads only the confirmation of their own decision.
    assert messages_of(responses[winner]) == [
        "”Hälsosamtal i skolan” är godkänt i granskningen och publicerat."
    ]
    (text,) = messages_of(responses[loser])
    assert f"är redan godkänt av {winner}" in text and "Ditt beslut har inte sparats" in text
    assert WorkflowState.objects.get(pk=stored.workflow_state_id).status == "approved"
    assert TaskState.objects.filter(workflow_state_id=stored.workflow_state_id).count() == 1
    assert ExamplePage.objects.get(pk=page.pk).live
    assert publications(page) == 1
    assert len(decision_mails(member)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("approve", "”Hälsosamtal i skolan” är godkänt i granskningen och publicerat."),
        ("reject", "”Hälsosamtal i skolan” är skickat tillbaka från granskningen."),
    ],
)
def test_the_editor_is_told_what_the_decision_did(
    editors, django_capture_on_commit_callbacks, action, expected
):
    eva, _olle = editors
    _member, page = submit_example()
    task_state = page.current_workflow_state.current_task_state
    client = Client()
    login_with_mfa(client, eva)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Fint."})
    assert response.status_code == 302
    (text,) = messages_of(response)
    assert text.startswith(expected)
