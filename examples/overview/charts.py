"""Geometry of the overview's chart and the maps' colour scale (``examples/maps.py`` draws the maps).

The chart is drawn on the server as inline SVG: no chart service, no JavaScript. Colour is
never the only cue: the chart's columns are labelled by step and every bar carries its number;
every map area is a link named by its place and number. The table on the overview page holds
the same figures.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from examples.models.taxonomy import Stage


@dataclass(frozen=True)
class MapClass:
    """One step of the map's colour scale; ``css`` names the fill (see site.css, "Overview")."""

    low: int
    high: int | None  # None: and more
    css: str

    @property
    def label(self):
        if self.high is None:
            return _("%(low)s eller fler") % {"low": self.low}
        if self.high == self.low:
            return str(self.low)
        return f"{self.low}–{self.high}"

    def holds(self, count: int) -> bool:
        return count >= self.low and (self.high is None or count <= self.high)


# Fixed classes rather than ones stretched to the largest county, so a colour means the same
# number from one visit to the next.
MAP_CLASSES = (
    MapClass(0, 0, "overview-fill-0"),
    MapClass(1, 1, "overview-fill-1"),
    MapClass(2, 2, "overview-fill-2"),
    MapClass(3, 5, "overview-fill-3"),
    MapClass(6, None, "overview-fill-4"),
)


def map_class(count: int) -> MapClass:
    return next(cls for cls in MAP_CLASSES if cls.holds(count))


# The chart: one labelled column of bars per step and one for the total, a row per county.
LABEL_WIDTH, PANEL_WIDTH, PANEL_GAP = 172, 96, 14
HEADER_HEIGHT, ROW_HEIGHT, BAR_HEIGHT = 40, 26, 14
NUMBER_ROOM = 26  # room right of the longest bar for its number


def county_stage_chart(rows, totals):
    """Bars for examples per county and step, all on one scale so that lengths compare."""
    columns = [
        {"label": _("Steg %(number)s") % {"number": stage.value}, "total": False} for stage in Stage
    ]
    columns.append({"label": _("Totalt"), "total": True})
    for index, column in enumerate(columns):
        column["x"] = LABEL_WIDTH + index * (PANEL_WIDTH + PANEL_GAP)
        column["cx"] = column["x"] + PANEL_WIDTH // 2
    largest = max([row.total for row in rows] + [1])
    longest = PANEL_WIDTH - NUMBER_ROOM
    lines = []
    for number, row in enumerate(rows):
        y = HEADER_HEIGHT + number * ROW_HEIGHT
        bars = []
        for column, value in zip(columns, [*row.by_stage, row.total], strict=True):
            width = round(longest * value / largest) if value else 0
            bars.append(
                {
                    "x": column["x"],
                    "width": width,
                    "value": value,
                    "total": column["total"],
                    "number_x": column["x"] + width + 4,
                }
            )
        lines.append(
            {
                "row": row,
                "y": y,
                "bar_y": y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                "text_y": y + ROW_HEIGHT // 2 + 5,
                "bars": bars,
            }
        )
    height = HEADER_HEIGHT + len(rows) * ROW_HEIGHT + 4
    return {
        "width": columns[-1]["x"] + PANEL_WIDTH,
        "height": height,
        "header_y": HEADER_HEIGHT - 14,
        "axis_top": HEADER_HEIGHT - 4,
        "axis_bottom": height,
        "bar_height": BAR_HEIGHT,
        "row_height": ROW_HEIGHT,
        "columns": columns,
        "lines": lines,
        "total": sum(totals),
    }
