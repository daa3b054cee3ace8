"""Figures for the overview and the start page, each in one query whatever the number of examples.

Every figure counts published, public examples only (``listing.live_examples``).
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery

from examples import listing
from examples.models.pages import StageChange
from examples.models.taxonomy import County, GoalArea, Stage
from examples.sorting import swedish_sort_key


@dataclass
class CountyRow:
    """One county's examples per step of the ladder, for the table, the chart and the map."""

    county: County
    by_stage: list[int] = field(default_factory=lambda: [0] * len(Stage))

    @property
    def total(self) -> int:
        return sum(self.by_stage)


def county_stage_rows(examples=None) -> tuple[list[CountyRow], list[int]]:
    """All 21 counties (none left out for having no examples) and the country's totals per step.

    Two queries: the counties, and the examples counted per county and stage.
    """
    examples = listing.live_examples() if examples is None else examples
    rows = {county.pk: CountyRow(county) for county in County.objects.all()}
    totals = [0] * len(Stage)
    stages = [stage.value for stage in Stage]
    counted = examples.order_by().values("county_id", "stage").annotate(n=Count("pk"))
    for item in counted:
        if item["stage"] not in stages:
            continue
        index = stages.index(item["stage"])
        totals[index] += item["n"]
        if item["county_id"] in rows:
            rows[item["county_id"]].by_stage[index] += item["n"]
    ordered = sorted(rows.values(), key=lambda row: swedish_sort_key(row.county.name))
    return ordered, totals


def goal_areas_with_counts():
    """The three goal areas, each with its number of examples and its goals with theirs.

    An example counts once in an area however many of the area's goals it affects, and in
    every area where it affects a goal. Two queries (areas, goals).
    """
    live = listing.live_examples().values("pk")
    return (
        GoalArea.objects.annotate(
            example_count=Count(
                "goals__examples", filter=Q(goals__examples__in=live), distinct=True
            )
        )
        .prefetch_related(Prefetch("goals", queryset=listing.goals_with_counts()))
        .order_by("sort_order", "name")
    )


def recent_stage_changes(limit: int = 5) -> list[StageChange]:
    """The latest moves between steps, newest first, each with ``previous_stage`` set.

    A move is an entry of an example's dated stage history whose step differs from the entry
    before it (in date order, as the example page's timeline shows them). An example's first
    entry is where its history starts, not a move, so it is left out: the feed never claims a
    step that nobody reported. One query; ``change.page`` is the published example.
    """
    # The entry before each one in the same example's timeline (the later of two on one day
    # is the one with the higher id). A correlated lookup rather than a window over every
    # history: walking the newest entries first, the database stops after ``limit`` moves,
    # through the indexes on (date, id) and (page, date, id).
    earlier = StageChange.objects.filter(page_id=OuterRef("page_id")).filter(
        Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), pk__lt=OuterRef("pk"))
    )
    previous = earlier.order_by("-date", "-pk").values("stage")[:1]
    return list(
        StageChange.objects.filter(page__in=listing.live_examples())
        .annotate(previous_stage=Subquery(previous))
        .filter(previous_stage__isnull=False)
        .exclude(previous_stage=F("stage"))
        .select_related("page")
        .order_by("-date", "-pk")[:limit]
    )
