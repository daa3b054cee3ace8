"""The CSV export's rows, read as plain values in eleven queries, however many rows there are.

Why not ``open_examples()``: building a page model, a prefetch cache per relation and a URL
through Wagtail's routing for every row cost about 3 ms a row (10 s for 3 000 examples, with the
worker held all along). Here the export costs eight ``values_list`` queries (and three for the assessments) (the pages with their
county, then each relation through its link table joined to the columns a cell shows), and a
page's URL is its parent's URL plus its slug, so Wagtail's routing runs once per parent page. The ids go to the database as one parameter (an array on
PostgreSQL, a JSON list on SQLite): thousands of ``%s`` placeholders cost more to build and parse
than the database takes to answer. What a row holds and its order are those of ``opendata.data``
(the API and the feeds), which ``tests/opendata/test_csv.py`` checks row by row.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models.expressions import RawSQL

from wagtail.models import Page

from assessments.exports import latest_by_example
from examples import listing
from examples.models import ExampleOrganisation, ExamplePage, ExamplePageTag, Stage, StageChange

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
)


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
    stage_since: object  # the date of the last change to the current stage, or None
    goals: list
    tags: list[str]
    start_year: int | None
    end_year: int | None
    organisations: list[tuple[str, str]]  # (name, role label)
    first_published_at: object
    last_published_at: object
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


def _stage_since(ids: RawSQL) -> dict[int, tuple[int, object]]:
    """Each page's last dated change (stage, date), in ``StageChange.sort_key`` order."""
    last: dict[int, tuple[int, object]] = {}
    for page_id, stage, day in (
        StageChange.objects.filter(page_id__in=ids)
        .order_by("page_id", "date", "pk")
        .values_list("page_id", "stage", "date")
    ):
        last[page_id] = (stage, day)
    return last


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
    wanted = id_set(ids)
    pages = {
        values[0]: values
        for values in listing.live_examples().filter(pk__in=wanted).values_list(*PAGE_FIELDS)
    }
    relations = {name: _terms(name, wanted) for name in TERMS}
    tags = _tags(wanted)
    organisations = _organisations(wanted)
    history = _stage_since(wanted)
    assessments = latest_by_example(wanted)
    for pk in ids:
        if pk not in pages:
            continue
        _pk, title, url_path, summary, county, code, stage, start, end, first, last = pages[pk]
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
            assessment=assessments.get(pk),
        )
