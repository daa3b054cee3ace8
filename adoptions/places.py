"""The ``examples.spread`` provider: published adoptions and the owner's spread places.

Three queries for any number of examples: the adoptions (with their places), their stage
histories (one prefetch), and the spread places.
"""

from __future__ import annotations

from django.db.models import Prefetch

from adoptions.models import Adoption, AdoptionStageChange, SpreadPlace
from examples.spread import Place


def published_adoptions(example_ids):
    return (
        Adoption.objects.filter(example_id__in=example_ids, status=Adoption.Status.PUBLISHED)
        .select_related("municipality", "county")
        .prefetch_related(
            Prefetch("stage_history", queryset=AdoptionStageChange.objects.order_by("date", "pk"))
        )
        .order_by("started_on", "pk")
    )


def adoption_place(adoption) -> Place:
    history = tuple((c.date, c.precision, c.stage) for c in adoption.timeline())
    return Place(
        example_id=adoption.example_id,
        kind="adoption",
        name=adoption.organisation,
        municipality_id=adoption.municipality_id,
        county_id=adoption.county_id,
        since=adoption.started_on,
        precision=adoption.started_precision,
        stage=adoption.stage,
        history=history,
    )


def spread_place(place) -> Place:
    return Place(
        example_id=place.example_id,
        kind="internal",
        name=place.label,
        municipality_id=place.municipality_id,
        county_id=place.county_id,
        since=place.date,
        precision=place.precision,
        stage=place.stage,
        count=place.count,
        history=((place.date, place.precision, place.stage),) if place.date and place.stage else (),
    )


def spread_places(example_ids):
    return SpreadPlace.objects.filter(example_id__in=example_ids).select_related(
        "municipality", "county"
    )


def places_for(example_ids) -> list[Place]:
    """The spread provider (``examples.spread.register_provider``): ``example_ids`` is a list or
    a queryset of ``pk``, which stays a subquery."""
    places = [adoption_place(a) for a in published_adoptions(example_ids)]
    places += [spread_place(p) for p in spread_places(example_ids)]
    return places
