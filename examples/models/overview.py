"""Översikt: where good work is happening, how far it has come and which goals it serves."""

from django.utils.translation import gettext_lazy as _

from examples import listing, maps, overview
from examples.models.sections import SectionPage
from examples.models.taxonomy import Stage

FEED_LENGTH = 8
SPREAD_LENGTH = 5


class OverviewPage(SectionPage):
    """Figures for officials and editors: examples per county and step (table, chart and map),
    per goal area and goal, the stage ladder, and the latest moves between steps.

    Everything is counted from the published examples at each request; the page holds only its
    introduction, so it never goes stale.
    """

    subpage_types = []

    class Meta:
        verbose_name = _("översikt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from examples.templatetags.examples_tags import _index_url
        from website.pagecache import shared

        rows, totals = overview.county_stage_rows()
        base = _index_url({"request": request}, "CountyIndexPage") or ""
        county_urls = {row.county.pk: f"{base}{row.county.slug}/" for row in rows}
        # Reads where every live example runs (190 ms at 10 000 examples): kept per process
        # until the next change, like the vocabularies (a publish or places_changed purges).
        widest, news, year = shared(
            "overview-spread-lists", lambda: overview.spread_lists(SPREAD_LENGTH)
        )
        goal_areas = list(overview.goal_areas_with_counts())
        goal_counts = [goal.example_count for area in goal_areas for goal in area.goals.all()]
        context.update(
            {
                "county_rows": rows,
                "stage_totals": totals,
                "example_total": sum(totals),
                "counties_with_examples": sum(1 for row in rows if row.total),
                "county_chart": overview.county_stage_chart(rows, totals),
                "county_map": maps.county_map(rows, county_urls),
                "widest_spread": widest,
                "spread_news": news,
                "spread_year": year,
                "goal_areas": goal_areas,
                "goal_scale": max(goal_counts, default=0),
                "stage_ladder": listing.stage_ladder(
                    counts={stage.value: n for stage, n in zip(Stage, totals, strict=True)}
                ),
                "stage_feed": overview.recent_stage_changes(FEED_LENGTH),
            }
        )
        return context
