"""The JSON API: held to its own OpenAPI document, equal to the search page, paginated, private data
kept out, and a constant number of queries per page."""

import contextlib

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, assume, given, settings

from examples.models import ExamplePage, Stage
from search.paging import beyond_window
from tests.opendata.conftest import CONTACT_EMAIL, CONTACT_NAME, unfolded

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def wsgi_app():
    """The site as a WSGI app, keeping the test's database transaction open between requests
    (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def ids(client, path=f"{API}/exempel/", **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def search_page(client, **params):
    """The ids on one page of the search page, and its number of pages."""
    response = client.get("/sok/", params)
    assert response.status_code == 200
    examples = response.context["examples"]
    return [item["example"].pk for item in examples.object_list], examples.paginator.num_pages


def test_every_operation_conforms_to_the_openapi_document(demo, contact_example, wsgi_app):
    """Schemathesis generates requests from the document and checks every answer against it
    (status codes, content types, response schemas, no server errors)."""
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/exempel/", "/api/v1/exempel/{example_id}/"}
    for operation in operations:
        examples = 30 if operation.path == "/api/v1/exempel/" else 3

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The result window is a rule across two parameters, which the schema cannot hold:
            # a page past it is a documented 400 (test_a_page_past_the_result_window_...).
            query = case.query or {}
            with contextlib.suppress(KeyError, TypeError, ValueError):
                assume(not beyond_window(int(query["sida"]), int(query.get("per_sida", 20))))
            case.call_and_validate()

        check()


def test_openapi_document_is_served_and_the_docs_page_is_our_own(client):
    document = client.get(f"{API}/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Goda exempel för hälsa"
    # ninja's Swagger UI page loads from a CDN: it is off.
    assert client.get(f"{API}/docs", follow=True).status_code == 404
    page = client.get("/api/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{API}/openapi.json"' in html
    assert "cdn" not in html.lower()
    assert '<script src="http' not in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "barn"},
        {"lan": "jonkopings-lan"},
        {"lan": ["blekinge-lan", "jonkopings-lan"], "sortering": "steg"},
        {"steg": ["2", "3"], "sortering": "nyast"},
        {"q": "samverkan", "steg": "2"},
        {"omrade": "skola"},
        {"mal": "mal-1"},
        {"tagg": "strategiförhälsa", "q": "familjecentral"},
        {"kommun": "ostersund"},
        {"lan": "finns-inte"},
    ],
)
def test_filters_give_the_search_pages_results(demo, client, add_examples, params):
    """The same examples in the same order, except that the search page folds the near-copies
    of one text into one hit (``search.nearcopies``; the demo has such a pair) and the API lists
    every example."""
    add_examples(12)  # enough for a second page of the unfiltered search
    listed, pages = search_page(client, **params)
    if pages > 1:
        listed += search_page(client, **params, sida=2)[0]
    assert unfolded(ids(client, **params, per_sida=100), listed) == listed


def test_a_municipality_no_example_names_is_said_to_be_widened(demo, client):
    """As the search page says "Inga exempel nämner Umeå – visar exempel från Västerbottens
    län.", the list says which municipality was widened to which county."""
    body = client.get(f"{API}/exempel/", {"q": "Umeå"}).json()
    assert body["widened"] == [{"place": "Umeå", "county": "Västerbottens län"}]
    assert {example["county"]["name"] for example in body["results"]} == {"Västerbottens län"}
    assert client.get(f"{API}/exempel/", {"q": "Karlskoga"}).json()["widened"] == []


def test_an_example_has_every_documented_field_and_no_contact(demo, client, contact_example):
    body = client.get(f"{API}/exempel/{contact_example.pk}/").json()
    assert body["title"] == "Kontakttestet i Åre"
    assert body["url"] == contact_example.get_full_url()
    assert body["county"]["code"] == contact_example.county.code
    assert body["stage"] == {"number": 2, "label": Stage.TRIAL.label}
    assert body["stage_history"][-1]["stage"]["number"] == 2
    assert body["organisations"] == [
        {
            "name": "Åre kommun",
            "kind": "kommun",
            "kind_label": "Kommun",
            "role": "huvudman",
            "role_label": "Huvudman",
        }
    ]
    assert {"name": "strategiförhälsa", "slug": "strategiforhalsa"} in body["tags"]
    assert body["period"] == {"start_year": None, "end_year": None}
    assert body["first_published_at"]
    for key in body:
        assert "contact" not in key


def test_a_seed_example_in_full(demo, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    body = client.get(f"{API}/exempel/{sexit.pk}/").json()
    assert body["county"] == {"code": "23", "name": "Jämtlands län", "slug": "jamtlands-lan"}
    assert [c["stage"]["number"] for c in body["stage_history"]][-1] == sexit.stage
    with_goals = ExamplePage.objects.live().filter(goals__isnull=False).distinct().first()
    body = client.get(f"{API}/exempel/{with_goals.pk}/").json()
    assert len(body["goals"]) == with_goals.goals.count()
    assert all(goal["area"]["name"] for goal in body["goals"])


def test_contact_data_is_nowhere_in_the_api(demo, client, contact_example):
    for path in (
        f"{API}/exempel/",
        f"{API}/exempel/?q=Kontakttestet",
        f"{API}/exempel/?per_sida=100",
        f"{API}/exempel/{contact_example.pk}/",
        f"{API}/openapi.json",
    ):
        content = client.get(path).content.decode()
        assert CONTACT_EMAIL not in content
        assert CONTACT_NAME not in content
        assert "Folkhälsostrateg" not in content
    assert contact_example.pk in ids(client, q="Kontakttestet")


def test_only_live_public_examples(demo, client, contact_example):
    contact_example.unpublish()
    assert client.get(f"{API}/exempel/{contact_example.pk}/").status_code == 404
    assert contact_example.pk not in ids(client, per_sida=100)
    assert client.get(f"{API}/exempel/999999/").status_code == 404


def test_pagination(demo, client, add_examples):
    add_examples(7)
    total = ExamplePage.objects.live().public().count()
    first = client.get(f"{API}/exempel/", {"per_sida": 5, "steg": "2"}).json()
    assert first["per_page"] == 5
    assert first["pages"] == -(-first["count"] // 5)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/exempel/?steg=2&sida=2&per_sida=5"
    seen = []
    url = f"{API}/exempel/?per_sida=5"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == total
    pages = -(-total // 5)
    last = client.get(f"{API}/exempel/", {"per_sida": 5, "sida": pages}).json()
    assert last["results"]
    assert last["next"] is None
    assert client.get(f"{API}/exempel/", {"per_sida": 5, "sida": 999}).status_code == 404


def test_a_page_past_the_result_window_is_a_clear_400(demo, client):
    # 101 × 100 hits reach past the 10 000 an Elasticsearch index answers for.
    response = client.get(f"{API}/exempel/", {"sida": 101, "per_sida": 100})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "de första 10\N{NO-BREAK SPACE}000 träffarna" in detail and "sida 1–100" in detail
    # Inside the window the same page is only past the last one: a 404, not the window's 400.
    within = client.get(f"{API}/exempel/", {"sida": 100, "per_sida": 100})
    assert within.status_code == 404
    assert within.json()["detail"].startswith("Sidan 100 finns inte")
    document = client.get(f"{API}/openapi.json").json()
    operation = document["paths"]["/api/v1/exempel/"]["get"]
    assert "400" in operation["responses"]
    page_parameter = next(p for p in operation["parameters"] if p["name"] == "sida")
    assert "10000" in page_parameter["description"]


@pytest.mark.parametrize(
    "params",
    [
        {"sida": "x"},
        {"sida": "0"},
        {"sida": "-3"},
        {"per_sida": "1000"},
        {"per_sida": ""},
        {"sortering": "ingen"},
        {"q": "x" * 10_000},
        {"q": '\x00\x01 title:(a OR "b'},
        {"lan": ["<script>", "a" * 500, "jamtlands-lan"] * 20},
        {"steg": "99"},
        {"sida": "99999999999999999999999"},
    ],
)
def test_bad_parameters_never_give_a_server_error(demo, client, params):
    response = client.get(f"{API}/exempel/", params)
    assert response.status_code in {200, 422}
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("example_id", ["x", "-1", "0", "99999999999999999999", "1.5"])
def test_bad_ids_never_give_a_server_error(demo, client, example_id):
    assert client.get(f"{API}/exempel/{example_id}/").status_code in {404, 422}


def test_taxonomy(demo, client):
    counties = client.get(f"{API}/lan/").json()
    assert len(counties) == 21
    assert {"code": "23", "name": "Jämtlands län"}.items() <= next(
        c for c in counties if c["code"] == "23"
    ).items()
    municipalities = client.get(f"{API}/kommuner/").json()
    assert len(municipalities) == 290
    assert {"code": "2380", "name": "Östersund", "slug": "ostersund", "county_code": "23"} in (
        municipalities
    )
    assert len(client.get(f"{API}/mal/").json()) == 22
    assert len(client.get(f"{API}/malomraden/").json()) == 3
    assert [s["number"] for s in client.get(f"{API}/steg/").json()] == [1, 2, 3, 4]
    assert client.get(f"{API}/verksamhetsomraden/").json()
    assert client.get(f"{API}/malgrupper/").json()


def test_query_count_is_constant(demo, client, add_examples):
    def count(per_page):
        url = f"{API}/exempel/?per_sida={per_page}"
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert len(response.json()["results"]) == per_page
        return len(ctx.captured_queries)

    add_examples(50 - ExamplePage.objects.live().count() + 5)
    five, fifty = count(5), count(50)
    assert five == fifty
    assert fifty <= 15
