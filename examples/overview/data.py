"""Figures for the overview and the start page, each in one query whatever the number of examples.

Every figure counts published, public examples only (``listing.live_examples``).
"""

import datetime
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


@dataclass
class SpreadRow:
    """One example in the overview's spread lists: where it runs and what happened this year."""

    page: object
    municipalities: int  # named municipalities plus count-only places' numbers
    gained: int = 0  # places (not the origin) dated this year
    moved_up: bool = False  # a step up in its own stage history this year


def spread_lists(limit: int = 5, today: datetime.date | None = None):
    """The most widely spread examples, and those that moved up a step or gained places this
    year. A constant number of queries whatever the number of examples: where every live example
    runs (``listing.live_reach``, kept until the next change), the year's steps up, the pages.
    """
    year = (today or datetime.date.today()).year
    live = listing.live_examples()
    reach = listing.live_reach()  # kept per process until the next change
    sizes = listing.spread_sizes()
    gained = {
        pk: sum(1 for place in places if place.since and place.since.year == year)
        for pk, places in reach.provided.items()
    }
    earlier = StageChange.objects.filter(page_id=OuterRef("page_id")).filter(
        Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), pk__lt=OuterRef("pk"))
    )
    previous = earlier.order_by("-date", "-pk").values("stage")[:1]
    moved_up = set(
        StageChange.objects.filter(page__in=live.values("pk"), date__year=year)
        .annotate(previous_stage=Subquery(previous))
        .filter(previous_stage__lt=F("stage"))
        .values_list("page_id", flat=True)
    )
    widest = sorted((pk for pk in sizes if sizes[pk] > 1), key=lambda pk: (-sizes[pk], pk))
    widest = widest[:limit]
    news = sorted(
        {pk for pk, n in gained.items() if n} | moved_up,
        key=lambda pk: (-gained.get(pk, 0), -sizes.get(pk, 0), pk),
    )[:limit]
    pages = {page.pk: page for page in live.filter(pk__in=set(widest) | set(news))}

    def row(pk):
        return SpreadRow(
            pages[pk], sizes.get(pk, 0), gained=gained.get(pk, 0), moved_up=pk in moved_up
        )

    return (
        [row(pk) for pk in widest if pk in pages],
        [row(pk) for pk in news if pk in pages],
        year,
    )
