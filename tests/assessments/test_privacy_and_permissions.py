"""GDPR for the assessment workflow, and who may do what in it."""

import json

from django.contrib.auth.models import Group

import pytest

from assessments import services
from assessments.models import Answer, Assessment, Comment
from members.privacy.services import delete_account
from tests.assessments.conftest import make_user, member_client, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(example, owner, assessor_a, editor, criteria):
    assessment = services.request_assessment(example, owner, "Annas begäran.")
    services.assign(assessment, [assessor_a])
    services.submit_answers(
        assessment.assignments.get(),
        {c.pk: ("delvis", "Alvas motivering.") for c in criteria},
        "Alvas sammanfattning.",
        "Alvas anteckning.",
    )
    services.publish(assessment, editor, {c.pk: ("delvis", "M.") for c in criteria}, "S.")
    services.add_comment(assessment, owner, "Ägarens svar.")
    services.add_comment(assessment, assessor_a, "Bedömarens svar.")
    return assessment


def test_the_download_holds_the_members_comments_and_requests(published, owner):
    response = member_client(owner).get("/konto/mina-uppgifter.json")
    data = json.loads(response.content)["bedomningar"]
    assert [c["text"] for c in data["kommentarer"]] == ["Ägarens svar."]
    assert data["begarda_bedomningar"][0]["meddelande"] == "Annas begäran."


def test_the_download_holds_an_assessors_forms(published, assessor_a):
    response = staff_client(assessor_a).get("/konto/mina-uppgifter.json")
    data = json.loads(response.content)["bedomningar"]
    task = data["bedomningsuppdrag"][0]
    assert task["intern_anteckning"] == "Alvas anteckning."
    assert task["svar"][0]["motivering"] == "Alvas motivering."
    assert [c["text"] for c in data["kommentarer"]] == ["Bedömarens svar."]


def test_deleting_a_member_deletes_their_comments_and_request_message(published, owner):
    delete_account(owner)
    published.refresh_from_db()
    assert published.request_note == "" and published.requested_by is None
    assert list(Comment.objects.values_list("text", flat=True)) == ["Bedömarens svar."]
    # The published assessment stays with the example.
    assert published.status == Assessment.Status.PUBLISHED


def test_deleting_an_assessor_keeps_the_answers_without_their_name(published, assessor_a):
    assessor_a.delete()
    assert Answer.objects.filter(assignment__assessment=published).count() > 0
    assert published.assignments.get().assessor is None


def test_an_assessor_cannot_edit_pages(example, assessor_a):
    client = staff_client(assessor_a)
    assert client.get("/admin/").status_code == 200
    response = client.get(f"/admin/pages/{example.pk}/edit/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/images/").status_code in (302, 403)
    # But they reach their tasks, and the admin menu leads there.
    assert client.get("/bedomning/uppdrag/").status_code == 200
    assert "/bedomning/uppdrag/" in client.get("/admin/").content.decode()
    # They may not assign or publish.
    assert client.get("/bedomning/arenden/").status_code == 404


def test_an_assessor_without_an_app_is_sent_to_set_one_up(assessor_a):
    client = member_client(assessor_a)
    response = client.get("/bedomning/uppdrag/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/2fa/totp/activate/")


def test_a_member_cannot_see_another_members_assessment(example, owner, published):
    other = make_user("annan@example.se", "Medlemmar")
    client = member_client(other)
    assert client.get(f"/mina-exempel/{example.pk}/bedomning/").status_code == 404
    assert client.get(f"/bedomning/arenden/{published.pk}/").status_code == 404
    assert client.get(f"/bedomning/uppdrag/{published.assignments.get().pk}/").status_code == 404


def test_a_member_cannot_ask_for_assessment_of_a_draft(example, owner):
    example.unpublish()
    response = member_client(owner).post(
        f"/mina-exempel/{example.pk}/bedomning/", {"action": "request"}
    )
    assert response.status_code == 400
    assert "Bara publicerade exempel kan bedömas." in response.content.decode()
    assert not Assessment.objects.filter(example=example).exists()


def test_the_assessors_group_has_no_page_permissions():
    group = Group.objects.get(name="Bedömare")
    assert not group.page_permissions.exists()
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "assess_examples",
    }


def test_the_hidden_fields_stay_blind_in_the_editors_view_until_submitted(
    example, assessor_a, assessor_b, editor, criteria
):
    """Editors see an answer only once it is handed in; an assessor's draft is never shown."""
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a, assessor_b])
    page = staff_client(editor).get(f"/bedomning/arenden/{assessment.pk}/").content.decode()
    assert "inte inlämnad" in page


def test_a_used_criteria_version_keeps_its_criteria_in_the_admin(example, editor, assessor_a):
    """Removing a criterion that answers rest on is refused with a message, never a 500."""
    from wagtail.admin.panels import get_edit_handler

    from assessments.models import CriteriaVersion

    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a])
    version = CriteriaVersion.objects.get(number=1)
    form_class = get_edit_handler(CriteriaVersion).get_form_class()
    criteria = list(version.criteria.order_by("sort_order"))
    data = {
        "number": "1",
        "valid_from": "2026-12-01",
        "published": "on",
        "introduction": version.introduction,
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-id": str(c.pk),
                f"criteria-{i}-ORDER": str(i + 1),
                f"criteria-{i}-group": c.group,
                f"criteria-{i}-name": c.name,
                f"criteria-{i}-question": c.question,
                f"criteria-{i}-guidance": c.guidance,
            }
        )
    data["criteria-0-DELETE"] = "on"
    form = form_class(data, instance=version, for_user=editor)
    assert not form.is_valid()
    assert "Gör en ny version i stället." in str(form.non_field_errors())
