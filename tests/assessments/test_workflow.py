"""The assessment workflow end to end, as the people in it see it: the owner asks, an editor
assigns two assessors, each answers blind to the other, the editor publishes the agreed result,
the owner gets a mail, reads it in "Mina exempel", answers, and asks again after a change."""

from django.core import mail
from django.utils import timezone

import pytest

from assessments import services
from assessments.models import Assessment, Comment
from tests.assessments.conftest import answers_data, member_client, staff_client

pytestmark = pytest.mark.django_db


def test_the_whole_workflow(
    example, owner, assessor_a, assessor_b, editor, criteria, django_capture_on_commit_callbacks
):
    owner_client = member_client(owner)
    # The owner asks for an assessment of their published example.
    response = owner_client.post(
        f"/mina-exempel/{example.pk}/bedomning/",
        {"action": "request", "note": "Vi vill gärna få återkoppling."},
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(example=example)
    assert assessment.status == Assessment.Status.REQUESTED

    # The editors' queue lists it; an editor assigns two assessors.
    editor_client = staff_client(editor)
    queue = editor_client.get("/bedomning/arenden/").content.decode()
    assert example.title in queue and "Vi vill gärna få återkoppling." in queue
    response = editor_client.post(
        f"/bedomning/arenden/{assessment.pk}/",
        {"action": "assign", "assessors": [assessor_a.pk, assessor_b.pk]},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.ASSIGNED
    assert assessment.criteria_version.number == 1
    assert assessment.revision_id == example.live_revision_id
    assert assessment.content_date == example.last_published_at

    # Assessor A answers; A never sees B's answers, B never sees A's, until both are in.
    a_client, b_client = staff_client(assessor_a), staff_client(assessor_b)
    a_task = assessment.assignments.get(assessor=assessor_a)
    b_task = assessment.assignments.get(assessor=assessor_b)
    assert example.title in a_client.get("/bedomning/uppdrag/").content.decode()
    response = a_client.post(
        f"/bedomning/uppdrag/{a_task.pk}/",
        answers_data(criteria, motivation="Alvas motivering.", internal_note="Alvas anteckning."),
    )
    assert response.status_code == 302
    b_page = b_client.get(f"/bedomning/uppdrag/{b_task.pk}/").content.decode()
    assert "Alvas motivering." not in b_page and "Alvas anteckning." not in b_page
    a_page = a_client.get(f"/bedomning/uppdrag/{a_task.pk}/").content.decode()
    assert "Den andra bedömarens svar visas här när båda har lämnat in." in a_page
    # Another assessor's task is not there for A.
    assert a_client.get(f"/bedomning/uppdrag/{b_task.pk}/").status_code == 404
    b_client.post(
        f"/bedomning/uppdrag/{b_task.pk}/",
        answers_data(criteria, result="delvis", motivation="Bertils motivering."),
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.READY
    a_page = a_client.get(f"/bedomning/uppdrag/{a_task.pk}/").content.decode()
    assert "Bertils motivering." in a_page

    # Nothing is public before the editor publishes.
    assert "Bedömningen gäller" not in example.url
    assert "Bertils motivering." not in owner_client.get(example.url).content.decode()

    # The editor publishes the agreed result; the owner's mail goes after the commit.
    data = answers_data(criteria, result="uppfyllt", motivation="Enig motivering.")
    data["summary"] = "Offentlig sammanfattning."
    del data["internal_note"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/bedomning/arenden/{assessment.pk}/publicera/", data)
        assert mail.outbox == []
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "är bedömt" in mail.outbox[0].subject
    assert f"/mina-exempel/{example.pk}/bedomning/" in mail.outbox[0].body

    # The example page says Bedömt, the version, each criterion's result and motivation.
    page = owner_client.get(example.url).content.decode()
    assert "Bedömt" in page and "kriterieversion 1" in page
    assert "Offentlig sammanfattning." in page and "Enig motivering." in page
    assert criteria[0].name in page
    assert "Alvas anteckning." not in page and "Bedömningen gäller versionen" not in page

    # The owner reads it in "Mina exempel" and answers.
    listing = owner_client.get("/mina-exempel/").content.decode()
    assert f"/mina-exempel/{example.pk}/bedomning/" in listing
    mine = owner_client.get(f"/mina-exempel/{example.pk}/bedomning/").content.decode()
    assert "Offentlig sammanfattning." in mine and "Enig motivering." in mine
    owner_client.post(
        f"/mina-exempel/{example.pk}/bedomning/",
        {"action": "comment", "text": "Tack, vi tar med oss det."},
    )
    assert Comment.objects.get(assessment=assessment).author == owner
    # Assessors and editors see the answer.
    assert (
        "Tack, vi tar med oss det."
        in a_client.get(f"/bedomning/uppdrag/{a_task.pk}/").content.decode()
    )
    assert (
        "Tack, vi tar med oss det."
        in editor_client.get(f"/bedomning/arenden/{assessment.pk}/").content.decode()
    )

    # Re-assessment: refused before the example changes, accepted after.
    response = owner_client.post(f"/mina-exempel/{example.pk}/bedomning/", {"action": "request"})
    assert response.status_code == 400
    assert "har inte ändrats sedan den senaste bedömningen" in response.content.decode()
    example.refresh_from_db()
    example.save_revision().publish()
    page = owner_client.get(example.url).content.decode()
    date = timezone.localtime(assessment.content_date)  # the page shows local dates
    assert "Bedömningen gäller versionen från" in page
    assert f"{date.day} " in page
    response = owner_client.post(f"/mina-exempel/{example.pk}/bedomning/", {"action": "request"})
    assert response.status_code == 302
    assert Assessment.objects.filter(example=example, status="begard").count() == 1


def test_a_mail_outage_never_undoes_the_publication(
    example, assessor_a, editor, criteria, django_capture_on_commit_callbacks, monkeypatch
):
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a])
    task = assessment.assignments.get()
    services.submit_answers(task, {c.pk: ("delvis", "M.") for c in criteria}, "S.", "")

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("assessments.services.send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(assessment, editor, {c.pk: ("delvis", "M.") for c in criteria}, "S.")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.PUBLISHED


def test_publishing_waits_for_every_assessor(example, assessor_a, assessor_b, editor, criteria):
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a, assessor_b])
    services.submit_answers(
        assessment.assignments.get(assessor=assessor_a),
        {c.pk: ("delvis", "M.") for c in criteria},
        "S.",
        "",
    )
    response = staff_client(editor).get(f"/bedomning/arenden/{assessment.pk}/publicera/")
    assert response.status_code == 302
    with pytest.raises(services.WorkflowError):
        services.publish(assessment, editor, {}, "S.")


def test_old_assessments_keep_their_criteria_version(client, example, assessor_a, editor, criteria):
    from assessments.models import CriteriaVersion, Criterion

    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a])
    v2 = CriteriaVersion.objects.create(number=2, valid_from="2027-01-01", published=True)
    Criterion.objects.create(version=v2, group="G", name="Nytt", question="F?")
    assessment.refresh_from_db()
    assert assessment.criteria_version.number == 1
    # The criteria page shows version 2 now, and version 1 stays reachable.
    page = client.get("/bedomning/kriterier/").content.decode()
    assert "Version 2" in page and "/bedomning/kriterier/version-1/" in page
    old = client.get("/bedomning/kriterier/version-1/").content.decode()
    assert "Det här är en äldre version." in old and criteria[0].name in old
