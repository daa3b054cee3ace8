"""What a program on another site relies on: CORS for reading, ETag/Last-Modified with 304, Swedish
errors that name no model of ours, 404 past the last page, the tags, one language in values."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from examples.models import ExamplePage
from opendata.http import EXPOSED_HEADERS
from tests.factories import ExamplePageFactory
from tests.opendata.conftest import index

pytestmark = pytest.mark.django_db

API = "/api/v1"
ORIGIN = "https://kommun.example.se"


@pytest.mark.parametrize(
    "path",
    [
        f"{API}/exempel/",
        f"{API}/lan/",
        f"{API}/openapi.json",
        "/flode/nya-exempel/",
        "/sok/export.csv",
        "/sok/export.xlsx",
    ],
)
def test_cors_lets_other_sites_read_without_credentials(demo, client, path):
    response = client.get(path, headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        path,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match, X-Secret",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert preflight["Access-Control-Allow-Headers"] == "if-none-match"  # not X-Secret
    assert "Access-Control-Allow-Credentials" not in preflight


def test_cors_never_allows_writing_or_other_pages(demo, client):
    refused = client.options(
        f"{API}/exempel/", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Methods" not in refused
    # The site's own pages and forms are not open to other sites' scripts.
    for path in ("/", "/sok/", "/konto/logga-in/"):
        assert "Access-Control-Allow-Origin" not in client.get(path, headers={"Origin": ORIGIN})


def test_etag_and_last_modified_answer_304(demo, client):
    url = f"{API}/exempel/?lan=jamtlands-lan"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client.get(url)
    assert again["ETag"] == etag  # derived from the content: the same on every worker
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    other = client.get(f"{API}/exempel/?lan=gotlands-lan")
    assert other["ETag"] != etag
    assert client.get(url, headers={"If-None-Match": '"gammal"'}).status_code == 200


def test_head_is_the_get_without_a_body(demo, client):
    got = client.get(f"{API}/lan/")
    head = client.head(f"{API}/lan/", headers={"Origin": ORIGIN})
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"
    assert client.head(f"{API}/lan/", headers={"If-None-Match": got["ETag"]}).status_code == 304


def test_a_change_ends_the_304(demo, client):
    """A published edit renews the page-cache generation, so both validators move on."""
    url = f"{API}/exempel/?lan=jamtlands-lan"
    first = client.get(url)
    page = ExamplePage.objects.live().filter(county__slug="jamtlands-lan").first()
    page.title = "Ett nytt namn"
    page.save_revision().publish()
    index([page])
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert "Ett nytt namn" in changed.content.decode()


def test_errors_are_swedish_and_name_no_model(demo, client):
    missing = client.get(f"{API}/exempel/99999/")
    assert missing.status_code == 404
    body = missing.json()
    assert body == {"detail": "Det finns inget publicerat exempel med id 99999."}
    bad_id = client.get(f"{API}/exempel/x/")
    assert bad_id.status_code == 422
    assert bad_id.json()["detail"] == "Ogiltig förfrågan: example_id ska vara ett heltal."
    bad = client.get(f"{API}/exempel/", {"sida": "x", "per_sida": "0", "sortering": "bäst"}).json()
    assert bad["errors"] == [
        "sortering ska vara något av: 'relevans', 'nyast', 'steg' eller 'spridning'.",
        "sida ska vara ett heltal.",
        "per_sida ska vara minst 1.",
    ]
    assert bad["detail"] == "Ogiltig förfrågan: " + " ".join(bad["errors"])
    for response in (missing, bad_id):
        text = response.content.decode()
        assert "ExamplePage" not in text and "matches the given query" not in text
        assert "Not Found" not in text


def test_errors_name_no_model_even_under_debug(demo, client, settings):
    settings.DEBUG = True
    text = client.get(f"{API}/exempel/99999/").content.decode()
    assert "ExamplePage" not in text


def test_a_page_past_the_end_is_404(demo, client, add_examples):
    add_examples(3)
    first = client.get(f"{API}/exempel/", {"per_sida": 5}).json()
    last = first["pages"]
    assert client.get(f"{API}/exempel/", {"per_sida": 5, "sida": last}).status_code == 200
    past = client.get(f"{API}/exempel/", {"per_sida": 5, "sida": last + 1})
    assert past.status_code == 404
    assert past.json()["detail"].startswith(f"Sidan {last + 1} finns inte")
    # Page 1 of a search nothing matches is an empty list, not an error.
    empty = client.get(f"{API}/exempel/", {"lan": "finns-inte"})
    assert empty.status_code == 200
    assert empty.json()["results"] == []
    assert client.get(f"{API}/exempel/", {"lan": "finns-inte", "sida": 2}).status_code == 404


def test_every_answer_is_in_the_openapi_document(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    listing = paths[f"{API}/exempel/"]["get"]["responses"]
    assert set(listing) >= {"200", "304", "400", "404", "422", "429"}
    one = paths[f"{API}/exempel/{{example_id}}/"]["get"]["responses"]
    assert set(one) >= {"200", "304", "404", "422"}
    for path, operations in paths.items():
        assert "304" in operations["get"]["responses"], path


def test_tags_of_published_examples(demo, client, example_index):
    tags = client.get(f"{API}/taggar/").json()
    names = [t["name"] for t in tags]
    assert names == sorted(names, key=str.lower)
    everyone = next(t for t in tags if t["name"] == "strategiförhälsa")
    assert everyone["examples"] == ExamplePage.objects.live().public().count()
    # The slug filters the examples, as on the search page.
    listed = client.get(f"{API}/exempel/", {"tagg": everyone["slug"], "per_sida": 100}).json()
    assert listed["count"] == everyone["examples"]
    # A tag only on a draft is nobody's business yet.
    draft = ExamplePageFactory(parent=example_index, live=False)
    draft.tags.add("hemligt-utkast")
    draft.save()
    assert "hemligt-utkast" not in client.get(f"{API}/taggar/").content.decode()


def test_role_values_are_swedish_like_kind(demo, client, contact_example):
    body = client.get(f"{API}/exempel/{contact_example.pk}/").json()
    assert body["organisations"][0]["role"] == "huvudman"
    assert body["organisations"][0]["kind"] == "kommun"
    schema = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    assert set(schema["OrganisationOut"]["properties"]["role"]["enum"]) == {
        "huvudman",
        "samverkanspart",
    }


def test_exposed_headers_cover_what_a_client_reads():
    for header in ("ETag", "Last-Modified", "Retry-After"):
        assert header in EXPOSED_HEADERS


def test_the_tags_cost_the_same_queries_however_many(demo, client, add_examples):
    def count():
        client.get(f"{API}/taggar/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/taggar/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n, page in enumerate(add_examples(15)):
        page.tags.add(f"tagg nummer {n}", "gemensam")
        page.save()
    assert len(client.get(f"{API}/taggar/").json()) >= 16
    assert count() == few
