"""Where an example runs: its own municipalities, and the places other apps know of.

Why a registry: the example's own municipalities are part of the example (``examples``), but
where it has spread since — organisations that report "Vi har också infört detta", places the
owner records inside their own organisation — is kept by an app built on ``examples``
(``adoptions``), which the example page, the overview, the map and the search cannot import
(``tests/test_layering.py``). That app registers a provider from its ``AppConfig.ready()``;
``places_for`` joins the origin and every provider's places.

A provider is ``provider(example_ids) -> iterable of Place`` and must answer for any number of
examples in a constant number of queries (the overview asks for thousands at once).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


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


_providers: dict[str, Callable[[list[int]], Iterable[Place]]] = {}


def register_provider(name: str, provider: Callable[[list[int]], Iterable[Place]]) -> None:
    """Add (or replace) a source of places, called with a list of example page ids."""
    _providers[name] = provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def provided_places(example_ids: list[int]) -> dict[int, list[Place]]:
    """Every registered provider's places for ``example_ids``, per example id."""
    places: dict[int, list[Place]] = defaultdict(list)
    if not example_ids:
        return places
    for provider in _providers.values():
        for place in provider(list(example_ids)):
            places[place.example_id].append(place)
    return places
