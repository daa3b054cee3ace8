"""Excel export of a search (``/sok/export.xlsx`` with the search page's GET parameters).

The same rows and columns as the CSV (``opendata.rows.COLUMNS``), for the readers that spoil a
CSV: Excel, LibreOffice and pandas read ``0980`` in a CSV as the number 980. Written with
openpyxl (already pinned through Wagtail, declared in ``pyproject.toml``) in write-only mode, so
10 000 rows do not hold a tree of cell objects in memory. Each cell keeps its type:

* SCB codes (``länskod``, ``kommunkoder``) are text cells with the text format ``@``, so their
  leading zeros stay, also when the cell is edited;
* every other string is a text cell as well: openpyxl would take one starting with ``=`` for a
  formula, so the type is set explicitly and no cell is ever a formula;
* ids, stages and years are numbers;
* "steget sedan" is a real date shown only as precisely as it is known (number format ``yyyy``,
  ``yyyy-mm`` or ``yyyy-mm-dd``). A date cell rather than the text "2023": the column then sorts
  and filters as dates in Excel, mixed with dates known to the day; the cell's value is the first
  day of the year or month, and the CSV and API say the precision in words;
* publication times are Swedish time with their offset in the number format
  (``yyyy-mm-dd hh:mm "+01:00"``): Excel stores no zone in a time, so the format says it.
"""

import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from opendata import csv as csv_export
from opendata import data
from opendata.rows import HEADER, Code, PreciseDate, cells, example_rows, local_time
from website.ratelimit import search_budget
from website.text import clean_text

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Goda exempel"
# Excel's limit on the characters in a cell; a longer text would make the file unreadable.
MAX_CELL_CHARS = 32_767
DATE_FORMATS = {"year": "yyyy", "month": "yyyy-mm", "day": "yyyy-mm-dd"}
TEXT_FORMAT = "@"


def _offset(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def cell(sheet, value) -> WriteOnlyCell:
    """One typed value (``opendata.rows.cells``) as an Excel cell."""
    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, PreciseDate):
        written = WriteOnlyCell(sheet, value=value.day)
        written.number_format = DATE_FORMATS.get(value.precision, DATE_FORMATS["day"])
        return written
    if isinstance(value, datetime):
        local = local_time(value)
        written = WriteOnlyCell(sheet, value=local.replace(tzinfo=None))
        written.number_format = f'yyyy-mm-dd hh:mm "{_offset(local)}"'
        return written
    if isinstance(value, date | int):
        return WriteOnlyCell(sheet, value=value)
    written = WriteOnlyCell(sheet, value=None)
    written.value = clean_text(str(value))[:MAX_CELL_CHARS]
    written.data_type = "s"  # never a formula, whatever the text starts with
    if isinstance(value, Code):
        written.number_format = TEXT_FORMAT
    return written


def workbook_bytes(ids: list[int], request) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in HEADER:
        written = WriteOnlyCell(sheet, value=title)
        written.font = bold
        header.append(written)
    sheet.append(header)
    for example in example_rows(ids, request):
        sheet.append([cell(sheet, value) for value in cells(example)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@search_budget("export", respond=csv_export.export_limited)
def search_xlsx(request):
    """The examples of a search, all pages of it (up to ``MAX_ROWS``), as an Excel file."""
    _params, results = data.search(request.GET, per_page=csv_export.MAX_ROWS)
    ids = [hit.page_id for hit in results.hits]
    response = HttpResponse(workbook_bytes(ids, request), content_type=CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="goda-exempel-{stamp}.xlsx"'
    response["X-Robots-Tag"] = "noindex"
    return response
