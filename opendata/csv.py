"""CSV export of a search (``/sok/export.csv`` with the search page's GET parameters).

Made for Swedish Excel: UTF-8 with a byte order mark (so å, ä and ö come out right), semicolons
between fields (Swedish Excel uses the comma as decimal separator and expects ``;``), CRLF line
ends. Several values in one cell are separated by ", " (by " | " for goals and organisations,
whose names may hold commas). At most ``MAX_ROWS`` rows, read in a fixed number of queries
(``opendata/rows.py``) and streamed (``StreamingHttpResponse``). A cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
never runs it as a formula (CSV injection). Control characters are taken out of every cell
(``website.text``: Word's line break U+000B becomes a newline, which is quoted), so a reader
never splits a row where the database holds one. No contact person's details are exported.
"""

import csv
from collections.abc import Iterator
from datetime import datetime

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from opendata import data
from opendata.rows import HEADER, ExampleRow, PreciseDate, cells, example_rows, local_time
from search.forms import parse_params, to_query_string
from website.ratelimit import search_budget, too_many_requests
from website.text import clean_text

MAX_ROWS = 10_000
BOM = "\ufeff"
DELIMITER = ";"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The value as text without control characters, defused if a spreadsheet would read it
    as a formula."""
    if value is None:
        return ""
    text = clean_text(str(value))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def text(value) -> str:
    """A typed cell (``opendata.rows.cells``) as CSV text: a date as precisely as it is known
    ("2023", "2023-03", "2023-03-07"), a time in Swedish time with its offset
    ("2026-03-07 14:05+01:00")."""
    if isinstance(value, PreciseDate):
        return value.isoformat()
    if isinstance(value, datetime):
        return local_time(value).isoformat(sep=" ", timespec="minutes")
    return value


def row(example: ExampleRow) -> list[str]:
    return [safe_cell(text(cell)) for cell in cells(example)]


class _Echo:
    """A file-like object whose ``write`` hands back the line (Django's streaming CSV recipe)."""

    def write(self, value):
        return value


def lines(ids: list[int], request) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=DELIMITER, lineterminator="\r\n")
    yield BOM + writer.writerow(HEADER)
    for example in example_rows(ids, request):
        yield writer.writerow(row(example))


def export_limited(request, retry_after: int):
    """The search's 429 page; its retry link leads to the search, not to another download."""
    query = to_query_string(parse_params(request.GET))
    return too_many_requests(
        request,
        retry_after,
        {
            "search_query": request.GET.get("q", "")[:200],
            "retry_url": reverse("search") + (f"?{query}" if query else ""),
        },
    )


@search_budget("export", respond=export_limited)
def search_csv(request):
    """The examples of a search, all pages of it (up to ``MAX_ROWS``), as a CSV file."""
    _params, results = data.search(request.GET, per_page=MAX_ROWS)
    ids = [hit.page_id for hit in results.hits]
    response = StreamingHttpResponse(
        (line.encode() for line in lines(ids, request)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="goda-exempel-{stamp}.csv"'
    response["X-Robots-Tag"] = "noindex"
    return response
