"""The numbers behind "Översikt" and "Tagit nästa steg", and the SVG drawn from them.

``data`` aggregates with the ORM (one query per figure, whatever the number of examples);
``charts`` turns the figures into geometry that the ``includes/overview_*.html`` templates draw
as inline SVG, so the charts need no JavaScript and no service outside the site.
"""

from examples.overview.charts import county_stage_chart
from examples.overview.data import (
    CountyRow,
    SpreadRow,
    county_stage_rows,
    goal_areas_with_counts,
    recent_stage_changes,
    spread_lists,
)

__all__ = [
    "CountyRow",
    "county_stage_chart",
    "county_stage_rows",
    "goal_areas_with_counts",
    "recent_stage_changes",
    "SpreadRow",
    "spread_lists",
]
