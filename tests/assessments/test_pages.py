"""The example page's level and result in a constant number of queries, the criteria page,
and hostile input on the workflow's forms."""

from django.core.cache import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import services
from assessments.models import Assessment, Comment
from tests.assessments.conftest import answers_data, member_client, staff_client
from tests.security.test_fuzz import FUZZ, VALUE

pytestmark = pytest.mark.django_db


def publish(example, editor, assessor, criteria, motivation="M."):
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor])
    answers = {c.pk: ("uppfyllt", motivation) for c in criteria}
    services.submit_answers(assessment.assignments.get(), answers, "S.", "")
    return services.publish(assessment, editor, answers, "Sammanfattning.")


def test_an_unassessed_example_says_delat(client, example):
    page = client.get(example.url).content.decode()
    assert "Delat" in page and "/bedomning/kriterier/" in page
    assert 'id="bedomning"' not in page


def cold_queries(client, path) -> tuple[int, str]:
    """The queries of a request with every cache empty (the template fragments and the
    per-process memos follow the cache's generation), so two counts compare like with like."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_example_page_costs_the_same_queries_with_more_assessments(
    client, example, editor, assessor_a, criteria
):
    cold_queries(client, example.url)  # what the first request of a process reads once
    publish(example, editor, assessor_a, criteria)
    one, page = cold_queries(client, example.url)
    assert "Bedömt" in page
    for _ in range(3):
        example.save_revision().publish()
        example.refresh_from_db()
        publish(example, editor, assessor_a, criteria)
    four, page = cold_queries(client, example.url)
    assert "Bedömt" in page
    assert four == one


def test_the_criteria_page_lists_every_group(client, criteria):
    page = client.get("/bedomning/kriterier/").content.decode()
    for group in {c.group for c in criteria}:
        assert group.replace("&", "&amp;") in page
    assert criteria[0].guidance in page


def test_a_missing_result_keeps_what_was_typed(example, editor, assessor_a, criteria):
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a])
    task = assessment.assignments.get()
    data = answers_data(criteria, motivation="Min text som inte får försvinna.")
    del data[f"result_{criteria[0].pk}"]
    data[f"result_{criteria[1].pk}"] = "påhittat"
    response = staff_client(assessor_a).post(f"/bedomning/uppdrag/{task.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Fel:" in page and f"Välj en bedömning för ”{criteria[0].name}”." in page
    assert "Välj ett av alternativen." in page
    assert "Min text som inte får försvinna." in page
    task.refresh_from_db()
    assert task.submitted_at is None


def test_a_result_without_a_motivation_asks_for_one(example, editor, assessor_a, criteria):
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a])
    data = answers_data(criteria)
    data[f"motivation_{criteria[0].pk}"] = "   "
    response = staff_client(assessor_a).post(
        f"/bedomning/uppdrag/{assessment.assignments.get().pk}/", data
    )
    assert response.status_code == 400
    assert "Motivera bedömningen" in response.content.decode()


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(["summary", "internal_note", "result_x", "motivation_x", "action"]), VALUE
    )
)
def test_hostile_input_on_the_assessors_form_never_fails(fuzz_task, data):
    client, task, criteria = fuzz_task
    cache.clear()  # the rate limit counts members' posts; each example starts afresh
    payload = {k.replace("_x", f"_{criteria[0].pk}"): v for k, v in data.items()}
    response = client.post(f"/bedomning/uppdrag/{task.pk}/", payload)
    assert response.status_code in (302, 400)


@FUZZ
@given(text=VALUE, action=st.sampled_from(["comment", "request", "", "x\x00"]))
def test_hostile_input_on_the_owners_page_never_fails(fuzz_owner, text, action):
    client, example = fuzz_owner
    cache.clear()
    response = client.post(
        f"/mina-exempel/{example.pk}/bedomning/", {"action": action, "text": text, "note": text}
    )
    assert response.status_code in (302, 400)
    for comment in Comment.objects.all():
        assert "\x00" not in comment.text
    Assessment.objects.filter(example=example).exclude(status="publicerad").delete()


@pytest.fixture
def fuzz_task(example, editor, assessor_a, criteria):
    assessment = services.request_assessment(example, editor)
    services.assign(assessment, [assessor_a])
    return staff_client(assessor_a), assessment.assignments.get(), criteria


@pytest.fixture
def fuzz_owner(example, owner, editor, assessor_a, criteria):
    publish(example, editor, assessor_a, criteria)
    example.save_revision().publish()
    return member_client(owner), example


@FUZZ
@given(
    assessors=st.lists(VALUE, max_size=4),
    action=st.sampled_from(["assign", "comment", "cancel", "", "\x00"]),
    text=VALUE,
)
def test_hostile_input_on_the_editors_page_never_fails(fuzz_manage, assessors, action, text):
    client, assessment = fuzz_manage
    cache.clear()
    response = client.post(
        f"/bedomning/arenden/{assessment.pk}/",
        {"action": action, "assessors": assessors, "text": text},
    )
    assert response.status_code in (302, 400)
    Assessment.objects.filter(pk=assessment.pk).update(status="begard")


@FUZZ
@given(example=VALUE)
def test_hostile_input_on_the_queue_never_fails(fuzz_manage, example):
    client, _assessment = fuzz_manage
    cache.clear()
    response = client.post("/bedomning/arenden/", {"example": example})
    assert response.status_code == 302


@pytest.fixture
def fuzz_manage(example, editor):
    return staff_client(editor), services.request_assessment(example, editor)
