"""What the open data (API, CSV, Atom) shows of an example's assessment.

The level is "delat" (published after the editors' review) or "bedomt" (an assessment is
published); for "bedomt" the date, the criteria version, the version of the example that was
assessed and, per criterion, the result and its public motivation. Assessors, internal notes
and comments never leave through here. Every function answers for any number of examples in a
constant number of queries.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse

from assessments.models import Assessment, CriterionResult

LEVEL_SHARED = "delat"
LEVEL_ASSESSED = "bedomt"
LEVEL_LABELS = {LEVEL_SHARED: "Delat", LEVEL_ASSESSED: "Bedömt"}


def published_prefetch() -> Prefetch:
    """For a queryset of example pages: ``page.published_assessments``, newest first, each with
    its criteria version and its results in the criteria's order (three queries in all)."""
    results = CriterionResult.objects.select_related("criterion").order_by("criterion__sort_order")
    return Prefetch(
        "assessments",
        queryset=Assessment.objects.published()
        .select_related("criteria_version")
        .prefetch_related(Prefetch("results", queryset=results))
        .order_by("-published_at", "-pk"),
        to_attr="published_assessments",
    )


def latest(page):
    """The example's latest published assessment, from the prefetch (or a query without it)."""
    found = getattr(page, "published_assessments", None)
    if found is None:
        found = list(
            Assessment.objects.published()
            .filter(example_id=page.pk)
            .select_related("criteria_version")
            .order_by("-published_at", "-pk")[:1]
        )
    return found[0] if found else None


def level(page) -> str:
    return LEVEL_ASSESSED if latest(page) else LEVEL_SHARED


def criteria_url(number) -> str:
    return reverse("assessment_criteria_version", args=[number])


def latest_by_example(ids) -> dict[int, Assessment]:
    """{example id: latest published assessment, with results} for the CSV (three queries)."""
    results = CriterionResult.objects.select_related("criterion").order_by("criterion__sort_order")
    found: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.published()
        .filter(example_id__in=ids)
        .select_related("criteria_version")
        .prefetch_related(Prefetch("results", queryset=results))
        .order_by("example_id", "published_at", "pk")
    ):
        found[assessment.example_id] = assessment  # the last one per example is the newest
    return found


def assessed_ids(page_ids) -> set[int]:
    """Which of these examples have a published assessment (one query), for the search index."""
    return set(
        Assessment.objects.published()
        .filter(example_id__in=list(page_ids))
        .values_list("example_id", flat=True)
    )
