"""The exports' rows, read as plain values in a constant number of queries, however many rows.

Eight for the examples and their relations, then the places of spread (``_spread``: published
adoptions and the owner's spread places, with their SCB codes) and the published assessments
(``assessments.exports.latest_by_example``).

Why not ``open_examples()``: building a page model, a prefetch cache per relation and a URL
through Wagtail's routing for every row cost about 3 ms a row (10 s for 3 000 examples, with the
worker held all along). Here the export costs eight ``values_list`` queries (the pages with their
county, then each relation through its link table joined to the columns a cell shows), and a
page's URL is its parent's URL plus its slug, so Wagtail's routing runs once per parent page. The ids go to the database as one parameter (an array on
PostgreSQL, a JSON list on SQLite): thousands of ``%s`` placeholders cost more to build and parse
than the database takes to answer. What a row holds and its order are those of ``opendata.data``
(the API and the feeds), which ``tests/opendata/test_csv.py`` checks row by row.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from wagtail.models import Page

from assessments.exports import latest_by_example
from examples import listing
from examples.models import (
    DiscontinuedReason,
    ExampleOrganisation,
    ExamplePage,
    ExamplePageTag,
    Stage,
    StageChange,
)

PAGE_FIELDS = (
    "pk",
    "title",
    "url_path",
    "summary",
    "county__name",
    "county__code",
    "stage",
    "start_year",
    "end_year",
    "first_published_at",
    "last_published_at",
    "discontinued_on",
    "discontinued_precision",
    "discontinued_reason",
    "discontinued_reason_text",
    "discontinued_lesson",
    "replaced_by_id",
    "replaced_by__live",
)


@dataclass(frozen=True)
class PreciseDate:
    """A date known to the day, the month or only the year (``StageChange.precision``)."""

    day: date
    precision: str = "day"

    def isoformat(self) -> str:
        """ISO 8601 at the known precision: "2023", "2023-03" or "2023-03-07"."""
        text = self.day.isoformat()
        return {"year": text[:4], "month": text[:7]}.get(self.precision, text)


class Code(str):
    """An official code (SCB's länskod, kommunkod): text, whose leading zeros are part of it."""

    __slots__ = ()


@dataclass
class ExampleRow:
    """One example as the export lists it; every list already in the open data's order."""

    id: int
    title: str
    url: str
    summary: str
    county_name: str
    county_code: str
    municipalities: list
    target_areas: list
    target_groups: list
    stage: int | None
    stage_label: str
    stage_since: PreciseDate | None  # the last change to the current stage
    goals: list
    tags: list[str]
    start_year: int | None
    end_year: int | None
    organisations: list[tuple[str, str]]  # (name, role label)
    first_published_at: object
    last_published_at: object
    discontinued_on: object = None  # the date the work was marked "Avslutat", or None
    discontinued_precision: str = ""
    discontinued_reason: str = ""
    discontinued_reason_label: str = ""
    discontinued_reason_text: str = ""
    discontinued_lesson: str = ""
    replaced_by: int | None = None  # only while the replacing example is live
    spread: list[tuple[str, str]] = None  # (what a reader sees, SCB code) per place of spread
    assessment: object = None  # the latest published assessments.Assessment, with its results


def id_set(ids: list[int]) -> RawSQL:
    """``ids`` as a subquery of one parameter, for ``field__in=``."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))


class Term(NamedTuple):
    """A linked vocabulary term: what a cell shows of it, and what it is sorted by."""

    name: str
    code: str = ""
    number: int = 0
    sort_order: int = 0
    area_name: str = ""
    area_sort_order: int = 0


# Per relation: the term's columns (read through the link table) and the open data's order.
TERMS = {
    "municipalities": (("name", "code"), lambda t: t.name),
    "target_areas": (("name", "sort_order"), lambda t: (t.sort_order, t.name)),
    "target_groups": (("name", "sort_order"), lambda t: (t.sort_order, t.name)),
    "goals": (
        ("text", "number", "area__name", "area__sort_order"),
        lambda t: t.number,
    ),
}


def _term(relation: str, values: tuple) -> Term:
    if relation == "goals":
        text, number, area_name, area_sort_order = values
        return Term(text, number=number, area_name=area_name, area_sort_order=area_sort_order)
    if relation == "municipalities":
        return Term(values[0], code=values[1])
    return Term(values[0], sort_order=values[1] or 0)


def _terms(relation: str, ids: RawSQL) -> dict[int, list[Term]]:
    """``{page id: [term, …]}`` for one many-to-many relation, joined through its link table."""
    field = ExamplePage._meta.get_field(relation)
    columns, order = TERMS[relation]
    term = field.m2m_reverse_field_name()
    rows = field.remote_field.through.objects.filter(
        **{f"{field.m2m_field_name()}__in": ids}
    ).values_list(field.m2m_field_name(), *(f"{term}__{column}" for column in columns))
    found: dict[int, list[Term]] = {}
    for page_id, *values in rows:
        found.setdefault(page_id, []).append(_term(relation, tuple(values)))
    return {page_id: sorted(terms, key=order) for page_id, terms in found.items()}


def _tags(ids: RawSQL) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    for page_id, name in ExamplePageTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags.setdefault(page_id, []).append(name)
    return {page_id: sorted(names, key=str.lower) for page_id, names in tags.items()}


def _organisations(ids: RawSQL) -> dict[int, list[tuple[str, str]]]:
    """The owner(s) first, then the partners, each in the editor's order (``data.organisations``)."""
    roles = {value: str(label) for value, label in ExampleOrganisation.Role.choices}
    found: dict[int, list] = {}
    for page_id, pk, name, role, sort_order in ExampleOrganisation.objects.filter(
        page_id__in=ids
    ).values_list("page_id", "pk", "name", "role", "sort_order"):
        found.setdefault(page_id, []).append(((role != "owner", sort_order or 0, pk), name, role))
    return {
        page_id: [(name, roles.get(role, role)) for _key, name, role in sorted(entries)]
        for page_id, entries in found.items()
    }


def _stage_since(ids: RawSQL) -> dict[int, tuple[int, PreciseDate]]:
    """Each page's last dated change (stage, date), in ``StageChange.sort_key`` order."""
    last: dict[int, tuple[int, PreciseDate]] = {}
    for page_id, stage, day, precision in (
        StageChange.objects.filter(page_id__in=ids)
        .order_by("page_id", "date", "pk")
        .values_list("page_id", "stage", "date", "precision")
    ):
        last[page_id] = (stage, PreciseDate(day, precision))
    return last


def _spread(ids: RawSQL) -> dict[int, list[tuple[str, str]]]:
    """Where each example has spread (``adoptions``): published adoptions, then the owner's
    places, each as (text, SCB kommunkod or länskod), in two queries."""
    from adoptions.models import Adoption, SpreadPlace, count_wording

    found: dict[int, list[tuple[str, str]]] = {}
    for page_id, organisation, m_name, m_code, c_name, c_code in (
        Adoption.objects.filter(example_id__in=ids, status=Adoption.Status.PUBLISHED)
        .order_by("example_id", "started_on", "pk")
        .values_list(
            "example_id",
            "organisation",
            "municipality__name",
            "municipality__code",
            "county__name",
            "county__code",
        )
    ):
        found.setdefault(page_id, []).append(
            (f"{organisation} i {m_name or c_name}", m_code or c_code or "")
        )
    for page_id, name, count, m_name, m_code, c_name, c_code in (
        SpreadPlace.objects.filter(example_id__in=ids)
        .order_by("example_id", "date", "pk")
        .values_list(
            "example_id",
            "name",
            "count",
            "municipality__name",
            "municipality__code",
            "county__name",
            "county__code",
        )
    ):
        if count:
            text = count_wording(count, c_name or "")
        elif name and m_name:
            text = f"{name} ({m_name})"
        else:
            text = name or m_name or c_name or ""
        found.setdefault(page_id, []).append((text, m_code or c_code or ""))
    return found


class _Urls:
    """Full URLs from url paths: Wagtail's routing once per parent page, then parent URL + slug."""

    def __init__(self, request):
        self.request = request
        self.bases: dict[str, str | None] = {}

    def __call__(self, url_path: str) -> str:
        parent, _, slug = url_path.rstrip("/").rpartition("/")
        if parent not in self.bases:
            full = Page(url_path=url_path).get_full_url(self.request)
            suffix = f"{slug}/"
            self.bases[parent] = full[: -len(suffix)] if full and full.endswith(suffix) else None
        base = self.bases[parent]
        if base is None:  # a page that is its own site's root, or not routable
            return Page(url_path=url_path).get_full_url(self.request) or ""
        return f"{base}{slug}/"


def example_rows(ids: list[int], request) -> Iterator[ExampleRow]:
    """The live, public examples among ``ids``, in that order."""
    if not ids:
        return
    urls = _Urls(request)
    stage_labels = {stage.value: str(stage.label) for stage in Stage}
    reason_labels = {value: str(label) for value, label in DiscontinuedReason.choices}
    wanted = id_set(ids)
    pages = {
        values[0]: values
        for values in listing.live_examples().filter(pk__in=wanted).values_list(*PAGE_FIELDS)
    }
    relations = {name: _terms(name, wanted) for name in TERMS}
    tags = _tags(wanted)
    organisations = _organisations(wanted)
    history = _stage_since(wanted)
    spread = _spread(wanted)
    assessments = latest_by_example(wanted)
    for pk in ids:
        if pk not in pages:
            continue
        (
            _pk,
            title,
            url_path,
            summary,
            county,
            code,
            stage,
            start,
            end,
            first,
            last,
            stopped,
            precision,
            reason,
            reason_text,
            lesson,
            replaced_by,
            replaced_live,
        ) = pages[pk]
        change = history.get(pk)
        yield ExampleRow(
            id=pk,
            title=title,
            url=urls(url_path),
            summary=summary,
            county_name=county or "",
            county_code=code or "",
            municipalities=relations["municipalities"].get(pk, []),
            target_areas=relations["target_areas"].get(pk, []),
            target_groups=relations["target_groups"].get(pk, []),
            stage=stage,
            stage_label=stage_labels.get(stage, ""),
            stage_since=change[1] if change and change[0] == stage else None,
            goals=relations["goals"].get(pk, []),
            tags=tags.get(pk, []),
            start_year=start,
            end_year=end,
            organisations=organisations.get(pk, []),
            first_published_at=first,
            last_published_at=last,
            discontinued_on=stopped,
            discontinued_precision=precision if stopped else "",
            discontinued_reason=reason if stopped else "",
            discontinued_reason_label=reason_labels.get(reason, "") if stopped else "",
            discontinued_reason_text=reason_text if stopped else "",
            discontinued_lesson=lesson if stopped else "",
            replaced_by=replaced_by if stopped and replaced_live else None,
            spread=spread.get(pk, []),
            assessment=assessments.get(pk),
        )


# The columns of the spreadsheet exports ---------------------------------------------------------
#
# One list for the CSV and the Excel file (``opendata/csv.py``, ``opendata/xlsx.py``): a column
# added here appears in both. A cell is a typed value, which each format writes its own way:
# ``str``, ``int``, ``Code`` (text, in Excel too), ``PreciseDate`` (as precise as it is known),
# an aware ``datetime`` (with its zone) or ``None`` (empty).


def _joined(separator: str, values) -> str:
    return separator.join(str(value) for value in values)


def _goal_areas(example: ExampleRow) -> str:
    ordered = sorted(example.goals, key=lambda g: g.area_sort_order)
    return ", ".join(dict.fromkeys(g.area_name for g in ordered))


def _organisations_cell(example: ExampleRow) -> str:
    return " | ".join(f"{name} ({role.lower()})" for name, role in example.organisations)


class Column(NamedTuple):
    header: str
    value: Callable[[ExampleRow], object]


COLUMNS: tuple[Column, ...] = (
    Column("id", lambda e: e.id),
    Column("titel", lambda e: e.title),
    Column("adress", lambda e: e.url),
    Column("ingress", lambda e: e.summary),
    Column("län", lambda e: e.county_name),
    Column("länskod", lambda e: Code(e.county_code) if e.county_code else None),
    Column("kommuner", lambda e: _joined(", ", (m.name for m in e.municipalities))),
    Column("kommunkoder", lambda e: Code(_joined(", ", (m.code for m in e.municipalities)))),
    Column("verksamhetsområden", lambda e: _joined(", ", (a.name for a in e.target_areas))),
    Column("målgrupper", lambda e: _joined(", ", (g.name for g in e.target_groups))),
    Column("steg", lambda e: e.stage or None),
    Column("stegets namn", lambda e: e.stage_label),
    Column("steget sedan", lambda e: e.stage_since),
    Column("mål (nummer)", lambda e: _joined(", ", (g.number for g in e.goals))),
    Column("mål", lambda e: _joined(" | ", (g.name for g in e.goals))),
    Column("målområden", _goal_areas),
    Column("taggar", lambda e: ", ".join(e.tags)),
    Column("startår", lambda e: e.start_year),
    Column("slutår", lambda e: e.end_year),
    Column("organisationer", _organisations_cell),
    Column("först publicerad", lambda e: e.first_published_at),
    Column("senast publicerad", lambda e: e.last_published_at),
    Column(
        "avslutat",
        lambda e: (
            PreciseDate(e.discontinued_on, e.discontinued_precision) if e.discontinued_on else None
        ),
    ),
    Column("avslutat, skäl", lambda e: e.discontinued_reason_label),
    Column("avslutat, förklaring", lambda e: e.discontinued_reason_text),
    Column("ersatt av (id)", lambda e: e.replaced_by),
    Column("avslutat, lärdom", lambda e: e.discontinued_lesson),
    Column(
        "spridning",
        lambda e: " | ".join(f"{text} ({code})" if code else text for text, code in e.spread or []),
    ),
    Column(
        "spridningskoder",
        lambda e: Code(", ".join(dict.fromkeys(code for _text, code in e.spread or [] if code))),
    ),
    Column("nivå", lambda e: _assessment_cells(e.assessment)[0]),
    Column("bedömd", lambda e: _assessment_cells(e.assessment)[1]),
    Column("kriterieversion", lambda e: _assessment_cells(e.assessment)[2]),
    Column("bedömning per kriterium", lambda e: _assessment_cells(e.assessment)[3]),
)
HEADER = tuple(column.header for column in COLUMNS)


def cells(example: ExampleRow) -> list:
    """The example's typed cells, in ``HEADER``'s order."""
    return [column.value(example) for column in COLUMNS]


def _assessment_cells(assessment) -> list:
    """Level, date, criteria version and "criterion: result" per criterion (" | " between)."""
    if assessment is None:
        return ["Delat", None, None, ""]
    return [
        "Bedömt",
        PreciseDate(timezone.localtime(assessment.published_at).date()),
        assessment.criteria_version.number,
        " | ".join(
            f"{r.criterion.name}: {r.get_result_display().lower()}"
            for r in assessment.results.all()
        ),
    ]


def local_time(moment: datetime):
    """An aware time in the site's zone (``TIME_ZONE``, Stockholm): what a Swedish reader expects."""
    return timezone.localtime(moment)
