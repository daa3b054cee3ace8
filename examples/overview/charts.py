"""Geometry of the overview's two SVG figures; the templates ``includes/overview_*.html`` draw it.

Both figures are drawn on the server as inline SVG: no chart service, no JavaScript. Colour is
never the only cue: the chart's columns are labelled by step and every bar carries its number;
every map tile carries its county's name and number. The table on the overview page holds the
same figures.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from examples.models.taxonomy import Stage

# A grid cartogram of Sweden's 21 counties: (column, row) by SCB county code, north to south,
# each county next to its real neighbours as far as a grid allows. Gotland stands alone in the
# east, as the island does.
TILE_POSITIONS = {
    "25": (2, 0),  # Norrbotten
    "24": (2, 1),  # Västerbotten
    "23": (1, 2),  # Jämtland
    "22": (2, 2),  # Västernorrland
    "20": (1, 3),  # Dalarna
    "21": (2, 3),  # Gävleborg
    "17": (0, 4),  # Värmland
    "18": (1, 4),  # Örebro
    "19": (2, 4),  # Västmanland
    "03": (3, 4),  # Uppsala
    "14": (0, 5),  # Västra Götaland
    "05": (1, 5),  # Östergötland
    "04": (2, 5),  # Södermanland
    "01": (3, 5),  # Stockholm
    "13": (0, 6),  # Halland
    "06": (1, 6),  # Jönköping
    "08": (2, 6),  # Kalmar
    "09": (3, 6),  # Gotland
    "12": (0, 7),  # Skåne
    "07": (1, 7),  # Kronoberg
    "10": (2, 7),  # Blekinge
}
TILE_WIDTH, TILE_HEIGHT, TILE_GAP = 140, 70, 6
MAP_MARGIN = 3  # room for the tiles' outline (and the focused tile's) at the edges


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


def county_tile_map(rows):
    """Tiles for the counties in ``rows`` (``data.CountyRow``), placed by ``TILE_POSITIONS``."""
    tiles = []
    for row in rows:
        position = TILE_POSITIONS.get(row.county.code)
        if position is None:  # a county the grid does not know: the table still lists it
            continue
        column, line = position
        x = MAP_MARGIN + column * (TILE_WIDTH + TILE_GAP)
        y = MAP_MARGIN + line * (TILE_HEIGHT + TILE_GAP)
        tiles.append(
            {
                "row": row,
                "x": x,
                "y": y,
                "cx": x + TILE_WIDTH // 2,
                "name_y": y + 28,
                "count_y": y + 52,
                "fill": map_class(row.total),
            }
        )
    columns = 1 + max(column for column, _ in TILE_POSITIONS.values())
    lines = 1 + max(line for _, line in TILE_POSITIONS.values())
    legend = [
        {"fill": cls, "counties": sum(1 for tile in tiles if tile["fill"] == cls)}
        for cls in MAP_CLASSES
    ]
    return {
        "width": 2 * MAP_MARGIN + columns * TILE_WIDTH + (columns - 1) * TILE_GAP,
        "height": 2 * MAP_MARGIN + lines * TILE_HEIGHT + (lines - 1) * TILE_GAP,
        "tile_width": TILE_WIDTH,
        "tile_height": TILE_HEIGHT,
        "tiles": tiles,
        "legend": legend,
    }


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
