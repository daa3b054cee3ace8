"""CSV export of a search: BOM, semicolons, å/ä/ö, the search's rows, no formulas, no contacts."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from examples.models import ExamplePage
from opendata.csv import BOM, safe_cell
from opendata.rows import HEADER
from tests.opendata.conftest import CONTACT_EMAIL, CONTACT_NAME, unfolded

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
    listed = [item["example"].pk for item in response.context["examples"].object_list]
    exported = [int(row["id"]) for row in rows(export(client, **params))]
    # The page folds near-copies of one text into one hit; the export lists every example.
    assert unfolded(exported, listed) == listed
    assert len(exported) == response.context["results"].total


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


def precise(change) -> str:
    """The API's date at its precision, as the CSV writes it: "2023", "2023-03", "2023-03-07"."""
    return change["date"][: {"year": 4, "month": 7}.get(change["precision"], 10)]


def test_every_row_says_what_the_api_says(demo, client, contact_example, add_examples):
    """The export reads plain values (``opendata/rows.py``): each cell still agrees with the API."""
    add_examples(3, start_year=2021, end_year=2024)
    table = {row["id"]: row for row in rows(export(client, sortering="nyast"))}
    listed = client.get("/api/v1/exempel/", {"sortering": "nyast", "per_sida": 100}).json()
    assert list(table) == [str(example["id"]) for example in listed["results"]]
    for example in listed["results"]:
        row = table[str(example["id"])]
        history = example["stage_history"]
        current = history[-1] if history and history[-1]["stage"] == example["stage"] else None
        goals = example["goals"]
        owners = [o for o in example["organisations"] if o["role"] == "huvudman"]
        partners = [o for o in example["organisations"] if o["role"] == "samverkanspart"]
        expected = {
            "titel": example["title"],
            "adress": example["url"],
            "ingress": example["summary"],
            "län": example["county"]["name"] if example["county"] else "",
            "länskod": example["county"]["code"] if example["county"] else "",
            "kommuner": ", ".join(m["name"] for m in example["municipalities"]),
            "kommunkoder": ", ".join(m["code"] for m in example["municipalities"]),
            "verksamhetsområden": ", ".join(a["name"] for a in example["target_areas"]),
            "målgrupper": ", ".join(g["name"] for g in example["target_groups"]),
            "steg": str(example["stage"]["number"]) if example["stage"] else "",
            "stegets namn": example["stage"]["label"] if example["stage"] else "",
            "steget sedan": precise(current) if current else "",
            "mål (nummer)": ", ".join(str(g["number"]) for g in goals),
            "mål": " | ".join(g["text"] for g in goals),
            "taggar": ", ".join(t["name"] for t in example["tags"]),
            "startår": str(example["period"]["start_year"] or ""),
            "slutår": str(example["period"]["end_year"] or ""),
            "organisationer": " | ".join(
                f"{o['name']} ({o['role_label'].lower()})" for o in owners + partners
            ),
        }
        assert {key: row[key] for key in expected} == {
            key: safe_cell(value) for key, value in expected.items()
        }, example["title"]
        areas = dict.fromkeys(g["area"]["name"] for g in goals)
        assert set(row["målområden"].split(", ")) == set(areas) or not goals


def test_a_large_export_costs_no_more_queries_than_a_small_one(demo, client):
    """Thousands of rows are read in a fixed number of queries, never a round per few hundred."""
    from io import StringIO

    from django.core.management import call_command

    def count():
        with CaptureQueriesContext(connection) as ctx:
            raw = export(client)
        return len(ctx.captured_queries), len(rows(raw))

    export(client)  # warm what is kept per process until the next change (sites, taxonomy)
    small, small_rows = count()
    call_command("generate_bench_data", "--count", "600", stdout=StringIO())
    call_command("search_index", "rebuild", stdout=StringIO())
    export(client)
    large, large_rows = count()
    assert large_rows == small_rows + 600
    assert large == small


def test_an_export_stops_at_its_row_cap(demo, client, monkeypatch):
    monkeypatch.setattr("opendata.csv.MAX_ROWS", 5)
    assert ExamplePage.objects.live().public().count() > 5
    assert len(rows(export(client))) == 5
