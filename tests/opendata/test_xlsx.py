"""Excel export of a search: read back with openpyxl, as a spreadsheet user or pandas would get it:
codes keep their leading zeros, dates are dates as precise as known, times say their zone, no
cell is a formula, and the rows are the CSV's."""

import csv
import io
from datetime import UTC, date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from examples.models import ExamplePage, StageChange
from opendata.rows import HEADER
from tests.opendata.conftest import CONTACT_EMAIL, CONTACT_NAME

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(client, **params) -> bytes:
    response = client.get("/sok/export.xlsx", params)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="goda-exempel-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    return response.content


def sheet(raw: bytes):
    book = load_workbook(io.BytesIO(raw))
    return book.worksheets[0]


def table(raw: bytes) -> list[dict]:
    """Rows as {header: cell}, keeping openpyxl's cells (value, data type, number format)."""
    rows = list(sheet(raw).iter_rows())
    header = [c.value for c in rows[0]]
    assert header == list(HEADER)
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_scb_codes_keep_their_leading_zeros(demo, client):
    """The reason for the file: Excel reads 0980 in a CSV as 980. Here it stays text."""
    rows = table(export(client, lan="gotlands-lan"))
    gotland = next(r for r in rows if "Gotland" in r["titel"].value)
    assert gotland["länskod"].value == "09"
    assert gotland["länskod"].data_type == "s"
    assert gotland["länskod"].number_format == "@"
    assert gotland["kommunkoder"].value == "0980"
    assert gotland["kommunkoder"].data_type == "s"
    assert isinstance(gotland["id"].value, int)


def test_same_rows_and_columns_as_the_csv(demo, client):
    params = {"q": "barn", "sortering": "steg"}
    raw_csv = b"".join(client.get("/sok/export.csv", params).streaming_content)
    csv_rows = list(
        csv.DictReader(io.StringIO(raw_csv.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    rows = table(export(client, **params))
    assert [str(r["id"].value) for r in rows] == [r["id"] for r in csv_rows]
    assert len(rows) == len(csv_rows) > 0
    for row, csv_row in zip(rows, csv_rows, strict=True):
        assert (row["titel"].value or "") == csv_row["titel"]
        assert (row["kommunkoder"].value or "") == csv_row["kommunkoder"]
        assert str(row["steg"].value or "") == csv_row["steg"]


def test_dates_are_dates_shown_as_precisely_as_known(demo, client):
    page = ExamplePage.objects.live().filter(stage__isnull=False).first()
    StageChange.objects.create(page=page, stage=page.stage, date=date(2023, 1, 1), precision="year")
    raw_csv = b"".join(client.get("/sok/export.csv").streaming_content).decode("utf-8-sig")
    csv_row = next(
        r
        for r in csv.DictReader(io.StringIO(raw_csv, newline=""), delimiter=";")
        if r["id"] == str(page.pk)
    )
    assert csv_row["steget sedan"] == "2023"  # not 2023-01-01: only the year is known
    row = next(r for r in table(export(client)) if r["id"].value == page.pk)
    since = row["steget sedan"]
    assert since.is_date and since.value.date() == date(2023, 1, 1)
    assert since.number_format == "yyyy"


def test_times_are_times_in_swedish_time_with_their_zone(demo, client):
    page = ExamplePage.objects.live().first()
    moment = datetime(2026, 7, 1, 10, 30, tzinfo=UTC)
    ExamplePage.objects.filter(pk=page.pk).update(first_published_at=moment)
    row = next(r for r in table(export(client)) if r["id"].value == page.pk)
    published = row["först publicerad"]
    assert published.is_date
    assert published.value == datetime(2026, 7, 1, 12, 30)  # Stockholm, summer time
    assert published.number_format == 'yyyy-mm-dd hh:mm "+02:00"'
    raw_csv = b"".join(client.get("/sok/export.csv").streaming_content).decode("utf-8-sig")
    assert "2026-07-01 12:30+02:00" in raw_csv


def test_no_cell_is_a_formula_and_text_is_kept_as_typed(demo, client, add_examples):
    (page,) = add_examples(1, title='=HYPERLINK("http://evil")', summary="+1+2\x0bny rad")
    rows = table(export(client, q="hyperlink"))
    row = next(r for r in rows if r["id"].value == page.pk)
    assert row["titel"].data_type == "s"
    assert row["titel"].value == '=HYPERLINK("http://evil")'
    assert row["ingress"].data_type == "s"
    assert row["ingress"].value == "+1+2\nny rad"
    for values in sheet(export(client)).iter_rows():
        assert all(c.data_type != "f" for c in values)


def test_no_contact_data(demo, client, contact_example):
    text = "\n".join(
        str(c.value) for row in sheet(export(client)).iter_rows() for c in row if c.value
    )
    assert "Kontakttestet i Åre" in text
    assert CONTACT_EMAIL not in text
    assert CONTACT_NAME not in text
    assert "Folkhälsostrateg" not in text


@pytest.mark.parametrize(
    "params",
    [{"sida": "x"}, {"q": "\x00" * 50}, {"lan": "<>"}, {"sortering": "nej"}, {"q": "x" * 5000}],
)
def test_bad_parameters_give_a_file(demo, client, params):
    assert table(export(client, **params)) is not None


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


def test_spends_the_export_budget_like_the_csv(demo, client, settings):
    """An Excel file reads as many rows as a CSV: the two share the export's own limit."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_export": "2/h/ip"}
    assert client.get("/sok/export.csv").status_code == 200
    assert client.get("/sok/export.xlsx").status_code == 200
    refused = client.get("/sok/export.xlsx")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_linked_beside_the_csv(demo, client):
    html = client.get("/sok/", {"q": "barn"}).content.decode()
    assert '/sok/export.csv?q=barn"' in html
    assert '/sok/export.xlsx?q=barn"' in html
    assert "/sok/export.xlsx" in client.get("/api/").content.decode()
