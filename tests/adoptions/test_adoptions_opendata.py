"""Adoptions and spread places in the open data: the API's example, the CSV and the Atom feed."""

from django.utils import timezone

import pytest

from adoptions.models import Adoption
from examples.models import ExamplePage
from tests.adoptions.conftest import make_adoption
from tests.opendata.test_csv import export, rows
from tests.opendata.test_feeds import feed

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_the_api_example_lists_adoptions_and_spread_places(client, example):
    make_adoption(
        example,
        None,
        contact_name="Karin Andersson",
        contact_email="karin@example.se",
        contact_consent_at=timezone.now(),
        published_at=timezone.now(),
    )
    make_adoption(example, None, organisation="Utan samtycke", contact_name="Bo")
    make_adoption(example, None, organisation="Ej granskad", status=Adoption.Status.SUBMITTED)
    body = client.get(f"{API}/exempel/{example.pk}/").json()
    by_name = {a["organisation"]: a for a in body["adoptions"]}
    assert set(by_name) == {"Västerås stad", "Utan samtycke"}
    adoption = by_name["Västerås stad"]
    assert adoption["municipality"]["code"] == "1980" and adoption["county"]["code"] == "19"
    assert adoption["started"] == "2024-03-01" and adoption["started_precision"] == "month"
    assert adoption["stage"]["number"] == 2
    assert [c["stage"]["number"] for c in adoption["stage_history"]] == [2]
    assert adoption["contact"] == {"name": "Karin Andersson", "email": "karin@example.se"}
    assert by_name["Utan samtycke"]["contact"] is None
    assert body["spread_places"] == []


def test_the_demo_spread_is_in_the_api(client):
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    body = client.get(f"{API}/exempel/{cross.pk}/").json()
    places = body["spread_places"]
    # Karlskoga, where Cross started, is the example's own municipality, not a spread place.
    # Six in all with Karlskoga, as the seed says: Karlskoga and five more.
    assert [p["name"] for p in places] == ["fem kommuner i Örebro län"]
    assert places[0]["count"] == 5 and places[0]["county"]["code"] == "18"
    assert places[0]["since"] is None  # the seeds give no date: none is invented


def test_the_openapi_document_describes_adoptions(client):
    document = client.get(f"{API}/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert {"AdoptionOut", "SpreadPlaceOut", "ExampleDetailOut"} <= set(schemas)
    assert "samtyckt" in schemas["AdoptionOut"]["properties"]["contact"]["description"]


def test_the_csv_lists_the_places_of_spread_with_scb_codes(client):
    table = {row["titel"]: row for row in rows(export(client))}
    cross = table["Cross i Örebro län"]
    assert cross["spridning"] == "fem kommuner i Örebro län (18)"
    assert cross["spridningskoder"] == "18"


def test_the_feed_lists_new_adoptions_with_contact_only_on_consent(client, example):
    make_adoption(example, None, published_at=timezone.now(), contact_email="dold@example.se")
    make_adoption(example, None, organisation="Ej granskad", status=Adoption.Status.SUBMITTED)
    _root, entries = feed(client, "/flode/nya-inforanden/")
    titles = [e.find("{http://www.w3.org/2005/Atom}title").text for e in entries]
    assert titles == ["Västerås stad (Västerås) har infört Samverkan med civilsamhället"]
    response = client.get("/flode/nya-inforanden/").content.decode()
    assert "dold@example.se" not in response
    assert 'href="/flode/nya-inforanden/"' in client.get("/").content.decode()
