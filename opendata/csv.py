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

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from opendata import data
from opendata.rows import ExampleRow, example_rows
from search.forms import parse_params, to_query_string
from website.ratelimit import search_budget, too_many_requests
from website.text import clean_text

MAX_ROWS = 10_000
BOM = "\ufeff"
DELIMITER = ";"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    "id",
    "titel",
    "adress",
    "ingress",
    "län",
    "länskod",
    "kommuner",
    "kommunkoder",
    "verksamhetsområden",
    "målgrupper",
    "steg",
    "stegets namn",
    "steget sedan",
    "mål (nummer)",
    "mål",
    "målområden",
    "taggar",
    "startår",
    "slutår",
    "organisationer",
    "först publicerad",
    "senast publicerad",
    "nivå",
    "bedömd",
    "kriterieversion",
    "bedömning per kriterium",
)


def safe_cell(value) -> str:
    """The value as text without control characters, defused if a spreadsheet would read it
    as a formula."""
    if value is None:
        return ""
    text = clean_text(str(value))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def row(example: ExampleRow) -> list[str]:
    goals = example.goals
    cells = [
        example.id,
        example.title,
        example.url,
        example.summary,
        example.county_name,
        example.county_code,
        ", ".join(m.name for m in example.municipalities),
        ", ".join(m.code for m in example.municipalities),
        ", ".join(a.name for a in example.target_areas),
        ", ".join(g.name for g in example.target_groups),
        example.stage or "",
        example.stage_label,
        example.stage_since.isoformat() if example.stage_since else "",
        ", ".join(str(g.number) for g in goals),
        " | ".join(g.name for g in goals),
        ", ".join(
            dict.fromkeys(g.area_name for g in sorted(goals, key=lambda g: g.area_sort_order))
        ),
        ", ".join(example.tags),
        example.start_year or "",
        example.end_year or "",
        " | ".join(f"{name} ({role.lower()})" for name, role in example.organisations),
        _local(example.first_published_at),
        _local(example.last_published_at),
        *_assessment_cells(example.assessment),
    ]
    return [safe_cell(cell) for cell in cells]


def _assessment_cells(assessment) -> list:
    """Level, date, criteria version and "criterion: result" per criterion (" | " between)."""
    if assessment is None:
        return ["Delat", "", "", ""]
    return [
        "Bedömt",
        timezone.localtime(assessment.published_at).date().isoformat(),
        assessment.criteria_version.number,
        " | ".join(
            f"{r.criterion.name}: {r.get_result_display().lower()}"
            for r in assessment.results.all()
        ),
    ]


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
