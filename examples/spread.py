"""Where an example runs: its own municipalities, and the places other apps know of.

Why a registry: the example's own municipalities are part of the example (``examples``), but
where it has spread since — organisations that report "Vi har också infört detta", places the
owner records inside their own organisation — is kept by an app built on ``examples``
(``adoptions``), which the example page, the overview, the map and the search cannot import
(``tests/test_layering.py``). That app registers a provider from its ``AppConfig.ready()``;
``places_of`` (one example page), ``places_for`` (many) join the origin and every provider's
places; ``reach_of`` counts where many examples run without building a place per origin
municipality (the overview, the county pages, the search index), and ``coverage`` says in how
many of a county's and the country's municipalities one example runs.

A provider is ``provider(example_ids) -> iterable of Place`` and must answer for any number of
examples in a constant number of queries (the overview asks for thousands at once).

When the places of some examples change (a report published, withdrawn or updated, a place
recorded by the owner), the app that keeps them sends ``places_changed`` *after commit*::

    transaction.on_commit(
        lambda: spread.places_changed.send(sender=Adoption, example_ids=[example.pk])
    )

``search`` listens and re-indexes those examples (the "Införd i" facet and the sort by spread)
and the anonymous page cache is purged, so the example, county and overview pages show them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.dispatch import Signal, receiver

# Sent with ``example_ids`` (a list of example page ids) after the change is committed.
places_changed = Signal()


@dataclass(frozen=True)
class Place:
    """One place where an example runs.

    ``municipality_id``/``county_id`` point at ``examples.Municipality``/``examples.County``
    (either may be ``None``: a region reports a county, a count-only report may have neither).
    ``count`` is set when only a number is known ("sex kommuner i Örebro län").
    ``history`` is the place's own dated stages, oldest first: ``((date, precision, stage), …)``.
    """

    example_id: int
    kind: str  # "origin" (the example's own), "adoption" (another organisation), "internal"
    name: str  # what a reader sees: the municipality, the organisation, or the count's wording
    municipality_id: int | None = None
    county_id: int | None = None
    since: datetime.date | None = None
    precision: str = "year"  # "day", "month" or "year", like StageChange.precision
    stage: int | None = None
    count: int | None = None
    url: str = ""
    history: tuple = field(default_factory=tuple)


_providers: dict[str, Callable[[Iterable[int]], Iterable[Place]]] = {}


def register_provider(name: str, provider: Callable[[Iterable[int]], Iterable[Place]]) -> None:
    """Add (or replace) a source of places, called with the example page ids: a list, or for
    every live example a queryset of their ``pk`` to use as a subquery (``reach_of``)."""
    _providers[name] = provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def provided_places(example_ids) -> dict[int, list[Place]]:
    """Every registered provider's places for ``example_ids`` (a list of ids, or a queryset of
    their ``pk``, passed on unread as a subquery), per example id."""
    places: dict[int, list[Place]] = defaultdict(list)
    if not isinstance(example_ids, QuerySet):
        example_ids = list(example_ids)
        if not example_ids:
            return places
    for provider in _providers.values():
        for place in provider(example_ids):
            places[place.example_id].append(place)
    return places


ORIGIN = "origin"


def origin_places(page, municipalities, timeline=()) -> list[Place]:
    """The example's own places: each of its municipalities, or its county when it names none.

    ``municipalities`` and ``timeline`` are what the page already shows (``ExampleDetails``), so
    this asks the database nothing. The origin's history is the example's own stage history.
    """
    history = tuple((change.date, change.precision, change.stage) for change in timeline)
    since = history[0][0] if history else None
    precision = history[0][1] if history else "year"
    if page.start_year and (since is None or page.start_year < since.year):
        since, precision = datetime.date(page.start_year, 1, 1), "year"
    common = {
        "example_id": page.pk,
        "kind": ORIGIN,
        "since": since,
        "precision": precision,
        "stage": page.stage,
        "history": history,
    }
    if municipalities:
        return [
            Place(name=m.name, municipality_id=m.pk, county_id=m.county_id, **common)
            for m in municipalities
        ]
    if page.county_id:
        return [Place(name=page.county.name, county_id=page.county_id, **common)]
    return []


def places_of(page, details) -> list[Place]:
    """Everything an example page shows about where it runs: its origin, then provided places."""
    own = origin_places(page, details.municipalities, details.timeline)
    if not page.pk:
        return own
    return own + provided_places([page.pk]).get(page.pk, [])


def places_for(example_ids) -> dict[int, list[Place]]:
    """The origin and provided places of many examples, per example id: three queries plus the
    providers' own, whatever the number of examples (no history for the origin here)."""
    from examples.models import ExamplePage

    example_ids = list(example_ids)
    places: dict[int, list[Place]] = defaultdict(list)
    if not example_ids:
        return places
    pages = {
        row["pk"]: row
        for row in ExamplePage.objects.filter(pk__in=example_ids).values(
            "pk", "county_id", "county__name", "start_year", "stage"
        )
    }
    through = ExamplePage.municipalities.through
    named = set()
    for row in through.objects.filter(examplepage_id__in=example_ids).values(
        "examplepage_id", "municipality_id", "municipality__name", "municipality__county_id"
    ):
        page = pages.get(row["examplepage_id"])
        if page is None:
            continue
        named.add(page["pk"])
        places[page["pk"]].append(
            Place(
                example_id=page["pk"],
                kind=ORIGIN,
                name=row["municipality__name"],
                municipality_id=row["municipality_id"],
                county_id=row["municipality__county_id"],
                since=datetime.date(page["start_year"], 1, 1) if page["start_year"] else None,
                stage=page["stage"],
            )
        )
    for page in pages.values():
        if page["pk"] not in named and page["county_id"]:
            places[page["pk"]].append(
                Place(
                    example_id=page["pk"],
                    kind=ORIGIN,
                    name=page["county__name"],
                    county_id=page["county_id"],
                    since=datetime.date(page["start_year"], 1, 1) if page["start_year"] else None,
                    stage=page["stage"],
                )
            )
    for example_id, provided in provided_places(example_ids).items():
        places[example_id].extend(provided)
    return places


@dataclass
class Reach:
    """Where many examples run, in numbers, by example id: for the overview's lists, the county
    pages' counts and the search's sort, without an object per example or origin municipality
    (the overview reads 10 000 examples)."""

    municipalities: dict = field(default_factory=lambda: defaultdict(set))  # own and provided
    counted: dict = field(default_factory=lambda: defaultdict(int))  # known only as a number
    provided: dict = field(default_factory=lambda: defaultdict(list))  # the providers' places

    def sizes(self) -> dict[int, int]:
        """In how many municipalities each example runs (``spread_size``'s rule)."""
        sizes = {pk: len(ids) for pk, ids in self.municipalities.items()}
        for pk, number in self.counted.items():
            sizes[pk] = sizes.get(pk, 0) + number
        return sizes


def reach_of(example_ids, examples=None) -> Reach:
    """Where the examples run: one query for their own municipalities (as id pairs; ``examples``,
    a queryset of the same examples, is used as a subquery instead of thousands of ids, here
    and in the providers' queries: PostgreSQL takes at most 65 535 parameters a statement, and
    every live example's id made the overview and the county pages fail at 100 000), plus the
    providers' queries."""
    from examples.models import ExamplePage

    example_ids = list(example_ids)
    reach = Reach()
    if not example_ids:
        return reach
    through = ExamplePage.municipalities.through
    pages = examples.values_list("pk", flat=True) if examples is not None else example_ids
    municipalities = reach.municipalities
    for page_id, municipality_id in through.objects.filter(examplepage_id__in=pages).values_list(
        "examplepage_id", "municipality_id"
    ):
        municipalities[page_id].add(municipality_id)
    for example_id, places in provided_places(pages).items():
        reach.provided[example_id].extend(places)
        for place in places:
            if place.municipality_id:
                municipalities[example_id].add(place.municipality_id)
            elif place.count:
                reach.counted[example_id] += place.count
    return reach


def municipality_ids(places: Iterable[Place]) -> set[int]:
    """The distinct municipalities the places name (a county or a bare count names none)."""
    return {place.municipality_id for place in places if place.municipality_id}


def spread_size(places: Iterable[Place]) -> int:
    """How many municipalities an example runs in: the named ones, plus the count-only places'
    numbers (a count cannot be matched to names, so it is added as it is)."""
    places = list(places)
    return len(municipality_ids(places)) + sum(
        place.count or 0 for place in places if not place.municipality_id
    )


def examples_per_municipality(reach: Reach) -> dict[int, int]:
    """How many examples run in each municipality (origin and adopters alike), by its id."""
    counts: dict[int, int] = defaultdict(int)
    for ids in reach.municipalities.values():
        for municipality_id in ids:
            counts[municipality_id] += 1
    return counts


@dataclass
class Coverage:
    """In how many of an area's municipalities an example runs ("4 av 13 kommuner …")."""

    name: str  # the county's name, or "" for the whole country
    named: int  # municipalities named by a place
    counted: int  # municipalities known only as a number
    total: int

    @property
    def runs_in(self) -> int:
        return min(self.named + self.counted, self.total)


def coverage(places, municipalities_by_id: dict, counties_by_id: dict, totals: dict):
    """Per county the example touches (in name order), and nationally; ``totals`` is the number
    of municipalities per county id. A count-only place counts in its county (or only
    nationally when it names none); the template says that those are counted by number."""
    places = list(places)
    named: dict[int, set] = defaultdict(set)
    counted: dict[int | None, int] = defaultdict(int)
    for place in places:
        municipality = municipalities_by_id.get(place.municipality_id)
        if municipality is not None:
            named[municipality.county_id].add(municipality.pk)
        elif place.count:
            counted[place.county_id if place.county_id in counties_by_id else None] += place.count
    counties = sorted(
        {*named, *(pk for pk in counted if pk is not None)},
        key=lambda pk: counties_by_id[pk].name,
    )
    per_county = [
        Coverage(
            counties_by_id[pk].name, len(named.get(pk, ())), counted.get(pk, 0), totals.get(pk, 0)
        )
        for pk in counties
    ]
    national = Coverage(
        "",
        sum(len(ids) for ids in named.values()),
        sum(counted.values()),
        sum(totals.values()),
    )
    return per_county, national


@receiver(places_changed)
def _purge_public_pages(sender, example_ids=(), **kwargs):
    """Where an example runs shows on public pages that are not saved when it changes."""
    from website import pagecache

    pagecache.purge()
