"""Adoptions for the benchmark's synthetic examples (issue 16).

``make bench`` times "the example page with 50 adoptions" and the overview map over a set where
examples have spread, so after generating the examples ``generate_bench_data`` gives one of them
(a third of the way into the set, not the plain example the bench also times) ``FULL``
published adoptions in as many municipalities, each with two dated stages, and every
``EVERY``-th other synthetic example one to three. Written in bulk, with a constant number of
queries; idempotent (examples that already have adoptions are left alone), so a rerun of
``make bench`` on a kept set adds nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from adoptions.models import Adoption, AdoptionStageChange
from bench.generator import synthetic_examples
from examples.models import Municipality

FULL = 50
EVERY = 20
ORGANISATION = "Syntetisk organisation"


def adopted_example():
    """The synthetic example with ``FULL`` adoptions (None without a synthetic set)."""
    examples = synthetic_examples().order_by("pk")
    total = examples.count()
    return examples[total // 3] if total else None


def _adoptions(example_id, municipalities, count, rng, now):
    """``count`` published adoptions of one example, each in one of ``municipalities``."""
    rows = []
    for _ in range(count):
        municipality = municipalities[rng.randrange(len(municipalities))]
        started = datetime.date(2020 + rng.randint(0, 5), rng.randint(1, 12), 1)
        rows.append(
            Adoption(
                example_id=example_id,
                organisation=f"{ORGANISATION} i {municipality.name}",
                organisation_kind="kommun",
                municipality=municipality,
                county_id=municipality.county_id,
                started_on=started,
                started_precision="month",
                stage=rng.randint(2, 4),
                local_changes="Anpassat till lokala förutsättningar.",
                status=Adoption.Status.PUBLISHED,
                created_at=now,
                published_at=now,
            )
        )
    return rows


def _stage_history(adoptions):
    changes = []
    for adoption in adoptions:
        changes.append(
            AdoptionStageChange(
                adoption=adoption, stage=1, date=adoption.started_on, precision="month"
            )
        )
        changes.append(
            AdoptionStageChange(
                adoption=adoption,
                stage=adoption.stage,
                date=adoption.started_on + datetime.timedelta(days=365),
                precision="month",
            )
        )
    return changes


def ensure(seed: int = 2026) -> int:
    """Give the synthetic set its adoptions unless it has them; return how many were written."""
    example = adopted_example()
    if example is None or Adoption.objects.filter(example__in=synthetic_examples()).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security  # nosec B311
    municipalities = list(Municipality.objects.order_by("code"))
    now = timezone.now()
    # The full example: FULL distinct municipalities, so its map and coverage have FULL places.
    picked = rng.sample(municipalities, min(FULL, len(municipalities)))
    rows = [
        adoption
        for municipality in picked
        for adoption in _adoptions(example.pk, [municipality], 1, rng, now)
    ]
    ids = synthetic_examples().exclude(pk=example.pk).order_by("pk").values_list("pk", flat=True)
    for position, example_id in enumerate(ids.iterator()):
        if position % EVERY == 0:
            rows.extend(_adoptions(example_id, municipalities, rng.randint(1, 3), rng, now))
    with transaction.atomic():
        adoptions = Adoption.objects.bulk_create(rows, batch_size=1000)
        AdoptionStageChange.objects.bulk_create(_stage_history(adoptions), batch_size=1000)
    return len(adoptions)


def summary() -> dict[str, int]:
    """What the report prints: the full example's published adoptions, examples with any."""
    example = adopted_example()
    published = Adoption.objects.filter(status=Adoption.Status.PUBLISHED)
    return {
        "example_adoptions": published.filter(example=example).count() if example else 0,
        "examples_with_adoptions": published.values("example").distinct().count(),
    }
