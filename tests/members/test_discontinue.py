""" "Markera som avslutat" and "Återuppta" in "Mina exempel": guided, confirmed, reviewed.

The owner's mark goes through the editors' review like a new stage: nothing changes on the
public page until an editor approves, and every step keeps what was typed.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

import pytest

from examples.models import ExamplePage
from members.privacy.services import export_data
from members.sharing import services
from tests.factories import ExamplePageFactory
from tests.members.test_sharing import form_data

pytestmark = pytest.mark.django_db

LAST_MONTH = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="anna@example.se", email="anna@example.se", password="x", first_name="Anna"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


@pytest.fixture
def published(client, member, editor):
    """The member's example, shared and approved: live on the site."""
    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)
    page.current_workflow_state.current_task_state.approve(user=editor)
    mail.outbox.clear()
    return ExamplePage.objects.get(pk=page.pk)


def mark(**overrides):
    return {
        "month": LAST_MONTH.month,
        "year": LAST_MONTH.year,
        "reason": "ingen-effekt",
        "reason_text": "",
        "replaced_by_url": "",
        "lesson": "Mät effekten tidigt.",
        **overrides,
    }


def approve(page, editor):
    page = ExamplePage.objects.get(pk=page.pk)
    page.current_workflow_state.current_task_state.approve(user=editor)
    return ExamplePage.objects.get(pk=page.pk)


def test_the_owner_marks_confirms_and_the_editors_review(client, published, editor):
    url = f"/mina-exempel/{published.pk}/avsluta/"
    assert "Markera som avslutat" in client.get("/mina-exempel/").content.decode()

    # The form, then a confirmation that shows what the page will say; nothing is stored yet.
    confirm = client.post(url, mark())
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Gav inte effekt" in text and "Mät effekten tidigt." in text
    assert "Ja, markera som avslutat" in text
    assert ExamplePage.objects.get(pk=published.pk).get_latest_revision().pk == (
        published.get_latest_revision().pk
    )

    # "Ändra" brings the form back with what was typed.
    edit = client.post(url, {**mark(), "edit": "1"}).content.decode()
    assert "Mät effekten tidigt." in edit and "Fortsätt" in edit

    response = client.post(url, {**mark(), "confirm": "1"})
    assert response.status_code == 302
    page = ExamplePage.objects.get(pk=published.pk)
    assert page.discontinued_on is None  # the live version is unchanged until review
    assert page.current_workflow_state is not None
    rows = client.get("/mina-exempel/").content.decode()
    assert "Avslutat" in rows and "Återuppta" in rows

    page = approve(page, editor)
    assert page.discontinued_on == LAST_MONTH
    assert page.discontinued_precision == "month"
    assert page.discontinued_reason == "ingen-effekt"
    assert page.discontinued_lesson == "Mät effekten tidigt."
    assert len(page.stage_timeline) == 1  # the history stays as it was
    client.logout()
    assert "Arbetet har avslutats" in client.get(page.url).content.decode()


def test_the_owner_resumes_and_the_label_goes_after_review(client, member, published, editor):
    services.discontinue(
        published, member, on=LAST_MONTH, reason="finansiering", lesson="Planera driften."
    )
    page = approve(published, editor)
    assert page.is_discontinued

    url = f"/mina-exempel/{page.pk}/ateruppta/"
    assert "Ja, återuppta" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    page = approve(page, editor)
    assert not page.is_discontinued
    assert page.discontinued_lesson == ""
    assert "Markera som avslutat" in client.get("/mina-exempel/").content.decode()


def test_replaced_by_takes_the_address_of_a_live_example(client, published, example_index):
    successor = ExamplePageFactory(parent=example_index, title="Efterföljaren")
    url = f"/mina-exempel/{published.pk}/avsluta/"
    data = mark(reason="ersatt", replaced_by_url=f"http://testserver{successor.url}")
    confirm = client.post(url, data).content.decode()
    assert "Arbetet fortsätter i ”Efterföljaren”" in confirm
    client.post(url, {**data, "confirm": "1"})
    draft = ExamplePage.objects.get(pk=published.pk).get_latest_revision_as_object()
    assert draft.replaced_by_id == successor.pk


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": ""}, "reason", "Välj varför arbetet avslutades."),
        ({"reason": "annat"}, "reason_text", "Beskriv varför arbetet avslutades."),
        (
            {"replaced_by_url": "/goda-exempel/finns-inte/", "reason": "ersatt"},
            "replaced_by_url",
            "Hittar inget publicerat exempel",
        ),
        (
            {"month": 12, "year": datetime.date.today().year + 1},
            "year",
            "Välj ett giltigt alternativ",
        ),
    ],
)
def test_mistakes_are_named_next_to_the_field_and_nothing_is_lost(
    client, published, overrides, field, message
):
    data = mark(lesson="Det här ska finnas kvar.", **overrides)
    response = client.post(f"/mina-exempel/{published.pk}/avsluta/", {**data, "confirm": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html or f"id_{field}" in html
    assert "Det här ska finnas kvar." in html
    assert (
        ExamplePage.objects.get(pk=published.pk).get_latest_revision_as_object().discontinued_on
        is None
    )


def test_a_month_in_the_future_is_refused(client, published):
    today = datetime.date.today()
    if today.month == 12:
        pytest.skip("no later month this year")
    response = client.post(
        f"/mina-exempel/{published.pk}/avsluta/",
        {**mark(month=today.month + 1, year=today.year), "confirm": "1"},
    )
    assert response.status_code == 400
    assert "Månaden kan inte ligga i framtiden." in response.content.decode()


HOSTILE = [
    {"month": "13", "year": "abc", "reason": "<script>alert(1)</script>"},
    {"month": "-1", "year": "99999999999999999999", "reason": "annat"},
    {"reason": "annat", "reason_text": "\x00\x0b" + "x" * 5000},
    {"reason": "ersatt", "replaced_by_url": "http://["},
    {"reason": "ersatt", "replaced_by_url": "/" + "a" * 600},
    {"reason": "ersatt", "replaced_by_url": "javascript:alert(1)"},
    {"lesson": "y" * 10000},
    {"confirm": "1", "month": ["1", "2"], "reason": ["annat", "ersatt"]},
]


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_posts_never_fail(client, published, data):
    response = client.post(f"/mina-exempel/{published.pk}/avsluta/", {**mark(), **data})
    assert response.status_code in (200, 302, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_data_download_includes_the_mark(client, member, published):
    services.discontinue(
        published, member, on=LAST_MONTH, reason="finansiering", lesson="Planera driften."
    )
    (example,) = export_data(member)["exempel"]
    assert example["avslutat"]["skal"] == "finansiering"
    assert example["avslutat"]["lardom"] == "Planera driften."


def test_an_editor_marking_the_example_mails_the_member_after_the_commit(
    published, editor, django_capture_on_commit_callbacks
):
    page = ExamplePage.objects.get(pk=published.pk)
    page.discontinued_on = LAST_MONTH
    page.discontinued_reason = "finansiering"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)
    (message,) = mail.outbox
    assert message.to == ["anna@example.se"]
    assert "är markerat som avslutat" in message.subject
    assert "märkt Avslutat" in message.body

    mail.outbox.clear()
    page = ExamplePage.objects.get(pk=published.pk)
    page.title = "Nytt namn"  # any other change: no mail about "Avslutat"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)
    assert mail.outbox == []

    page = ExamplePage.objects.get(pk=published.pk)
    page.resume()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)
    (message,) = mail.outbox
    assert "visas som pågående igen" in message.subject


def test_the_members_own_mark_gets_only_the_decision_mail(
    client, member, published, editor, django_capture_on_commit_callbacks
):
    client.post(f"/mina-exempel/{published.pk}/avsluta/", {**mark(), "confirm": "1"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = approve(published, editor)
    assert page.is_discontinued
    member_mails = [m.subject for m in mail.outbox if m.to == ["anna@example.se"]]
    assert member_mails == [f"Ditt exempel ”{page.title}” är publicerat"]
