"""The level and the published assessment in the API (and its OpenAPI document), the CSV and
the "Nya bedömningar" feed; nothing internal ever leaves."""

import csv
import io
import json

from django.utils import timezone

import pytest

from tests.assessments.test_pages import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(example, editor, assessor_a, criteria, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index, the mail
        services_assessment = publish(
            example, editor, assessor_a, criteria, motivation="Offentlig."
        )
    assignment = services_assessment.assignments.get()
    assignment.internal_note = "Hemlig anteckning."
    assignment.save()
    return services_assessment


def test_the_api_gives_level_and_results(client, example, assessed, criteria):
    data = client.get(f"/api/v1/exempel/{example.pk}/").json()
    assert data["level"] == "bedomt"
    assessment = data["assessment"]
    assert assessment["criteria_version"] == 1
    assert assessment["criteria_url"].endswith("/bedomning/kriterier/version-1/")
    assert assessment["changed_since"] is False
    assert assessment["results"][0] == {
        "group": criteria[0].group,
        "criterion": criteria[0].name,
        "result": "uppfyllt",
        "result_label": "Uppfyllt",
        "motivation": "Offentlig.",
    }
    assert "Hemlig anteckning." not in json.dumps(data)


def test_an_unassessed_example_is_shared_in_the_api(client, example):
    data = client.get(f"/api/v1/exempel/{example.pk}/").json()
    assert data["level"] == "delat" and data["assessment"] is None


def test_the_api_list_costs_the_same_queries_with_more_assessed_examples(
    client, example, assessed, editor, assessor_a, criteria
):
    from examples.models import ExamplePage
    from tests.assessments.test_pages import cold_queries

    first, _body = cold_queries(client, "/api/v1/exempel/?per_sida=100")
    for other in ExamplePage.objects.live().exclude(pk=example.pk)[:3]:
        publish(other, editor, assessor_a, criteria)
    again, body = cold_queries(client, "/api/v1/exempel/?per_sida=100")
    assert again == first
    assert sum(r["level"] == "bedomt" for r in json.loads(body)["results"]) == 4


def test_the_openapi_document_describes_the_assessment(client):
    schema = client.get("/api/v1/openapi.json").json()
    schemas = schema["components"]["schemas"]
    assert schemas["ExampleOut"]["properties"]["level"]["enum"] == ["delat", "bedomt"]
    assert "criteria_version" in schemas["AssessmentOut"]["properties"]
    assert set(schemas["CriterionResultOut"]["properties"]["result"]["enum"]) == {
        "uppfyllt",
        "delvis",
        "inte_uppfyllt",
        "inte_bedomt",
    }


def test_the_csv_has_level_date_version_and_results(client, example, assessed, criteria):
    response = client.get("/sok/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    row = next(r for r in rows if r["id"] == str(example.pk))
    assert row["nivå"] == "Bedömt"
    assert row["kriterieversion"] == "1"
    assert row["bedömd"] == timezone.localtime(assessed.published_at).date().isoformat()
    assert row["bedömning per kriterium"].startswith(f"{criteria[0].name}: uppfyllt")
    assert {r["nivå"] for r in rows if r["id"] != str(example.pk)} == {"Delat"}


def test_the_feed_lists_new_assessments(client, example, assessed):
    response = client.get("/flode/bedomda/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{example.title} är bedömt" in body
    assert "kriterieversion 1" in body
    assert "Hemlig anteckning." not in body


def test_a_withdrawn_example_leaves_the_feed(client, example, assessed):
    example.unpublish()
    assert f"{example.title} är bedömt" not in client.get("/flode/bedomda/").content.decode()


def test_the_api_filters_on_the_level(client, example, assessed):
    data = client.get("/api/v1/exempel/?niva=bedomt").json()
    assert [r["id"] for r in data["results"]] == [example.pk]
    shared = client.get("/api/v1/exempel/?niva=delat").json()
    assert example.pk not in [r["id"] for r in shared["results"]] and shared["count"] > 0
