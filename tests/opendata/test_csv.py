"""CSV export of a search: BOM, semicolons, å/ä/ö, the search's rows, no formulas, no contacts."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from examples.models import ExamplePage
from opendata.csv import BOM, HEADER, safe_cell
from tests.opendata.conftest import CONTACT_EMAIL, CONTACT_NAME

pytestmark = pytest.mark.django_db


def export(client, **params):
    response = client.get("/sok/export.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="goda-exempel-')
    return b"".join(response.streaming_content)


def rows(raw: bytes) -> list[dict]:
    assert raw.startswith(BOM.encode())
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_starts_with_the_bom_and_parses(demo, client):
    raw = export(client)
    assert raw[:3] == b"\xef\xbb\xbf"
    table = rows(raw)
    assert list(table[0]) == list(HEADER)
    assert len(table) == ExamplePage.objects.live().public().count()


def test_swedish_letters_survive(demo, client):
    table = rows(export(client, lan="jamtlands-lan"))
    assert {row["län"] for row in table} == {"Jämtlands län"}
    sexit = next(row for row in table if row["titel"] == "SEXIT")
    assert sexit["länskod"] == "23"
    assert "strategiförhälsa" in sexit["taggar"]
    assert sexit["adress"].endswith("/goda-exempel/sexit-jamtland/")


def test_rows_are_the_search_results_in_order(demo, client):
    params = {"q": "barn", "sortering": "steg"}
    response = client.get("/sok/", params)
    expected = [str(item["example"].pk) for item in response.context["examples"].object_list]
    assert [row["id"] for row in rows(export(client, **params))] == expected


def test_every_page_of_the_search_is_exported(demo, client, add_examples):
    add_examples(20)
    total = ExamplePage.objects.live().public().count()
    assert total > 12
    assert len(rows(export(client))) == total


def test_formula_injection_is_neutralised(demo, client, add_examples):
    (page,) = add_examples(1, title='=HYPERLINK("http://evil")', summary="+1+2")
    table = rows(export(client, q="hyperlink"))
    row = next(r for r in table if r["id"] == str(page.pk))
    assert row["titel"] == '\'=HYPERLINK("http://evil")'
    assert row["ingress"] == "'+1+2"
    for value in ("-1", "@SUM(A1)", "\tx", "=1"):
        assert safe_cell(value) == "'" + value
    assert safe_cell("Östersund") == "Östersund"
    assert safe_cell(None) == ""


def test_no_contact_data(demo, client, contact_example):
    raw = export(client).decode("utf-8-sig")
    assert "Kontakttestet i Åre" in raw
    assert CONTACT_EMAIL not in raw
    assert CONTACT_NAME not in raw
    assert "Folkhälsostrateg" not in raw


@pytest.mark.parametrize(
    "params",
    [{"sida": "x"}, {"q": "\x00" * 50}, {"lan": "<>"}, {"sortering": "nej"}, {"q": "x" * 5000}],
)
def test_bad_parameters_give_a_file(demo, client, params):
    assert rows(export(client, **params)) is not None


def test_query_count_is_constant(demo, client, add_examples):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            export(client)
        return len(ctx.captured_queries)

    export(client)  # warm what is kept per process until the next change (sites, taxonomy)
    few = count()
    add_examples(30)
    export(client)
    assert count() == few
