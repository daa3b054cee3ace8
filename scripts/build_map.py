"""Project and simplify Sweden's municipality and county boundaries into compact SVG path data.

Usage: python scripts/build_map.py [PATH/TO/shared/geo] [examples/data/map/sweden.json]

The source is ``../shared/geo`` (simplified GeoJSON from Open Knowledge Sweden's
okfse/sweden-geojson, commit ff67bcb: municipalities from Valmyndigheten's open boundaries via
Opendatasoft, counties from jnordgren/swedish_data_map_geojson; "Feel free to reuse"). Production
has no ``../shared``, so the result is committed: ``examples/data/map/sweden.json`` holds one
SVG path per county (SCB länskod) and per municipality (SCB kommunkod), all in one coordinate
system, so a county page can crop the national map with a ``viewBox`` instead of storing its
own. ``examples/maps.py`` draws them; the attribution travels inside the file and is shown under
every map.

Projection: equirectangular with a cos(62°) correction (62° N is about the middle of Sweden),
scaled so that the country is ``HEIGHT`` units tall; one unit is about 160 metres, fine enough
for the smallest municipality (Sundbyberg) on its county's map. Rings are simplified with
Douglas–Peucker at ``TOLERANCE`` units (well under a pixel on any page) and written as relative
path commands with integer coordinates, which keeps the file and the pages small.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

HEIGHT = 10000
TOLERANCE = 2.0
LATITUDE = math.radians(62)
ATTRIBUTION = (
    "Kartdata: Open Knowledge Sweden (okfse/sweden-geojson), kommungränser från Valmyndigheten "
    "via Opendatasoft, länsgränser från jnordgren/swedish_data_map_geojson."
)
ROOT = Path(__file__).resolve().parent.parent


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"unexpected geometry {geometry['type']}")


def simplify(points, tolerance):
    """Douglas–Peucker, iterative (rings can be long), keeping the first and last point."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def path_data(rings):
    """Integer relative path commands: ``M x y l dx dy … z`` per ring, tiny rings dropped."""
    parts = []
    for ring in rings:
        points = []
        for x, y in ring:
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        (x0, y0), *rest = points
        steps = []
        previous = (x0, y0)
        for x, y in rest:
            steps.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        parts.append(f"M{x0} {y0}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def build(source: Path) -> dict:
    municipalities = json.loads((source / "swedish_municipalities.geojson").read_text("utf-8"))
    counties = json.loads((source / "swedish_regions.geojson").read_text("utf-8"))
    features = municipalities["features"] + counties["features"]
    scale_x = math.cos(LATITUDE)
    lons, lats = [], []
    for feature in features:
        for polygon in polygons(feature["geometry"]):
            for ring in polygon:
                for lon, lat in ring:
                    lons.append(lon * scale_x)
                    lats.append(lat)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    factor = HEIGHT / (north - south)
    width = math.ceil((east - west) * factor)

    def project(ring):
        return [((lon * scale_x - west) * factor, (north - lat) * factor) for lon, lat in ring]

    def shape(geometry):
        rings = []
        box = [math.inf, math.inf, -math.inf, -math.inf]
        for polygon in polygons(geometry):
            for ring in polygon:
                projected = project(ring)
                for x, y in projected:
                    box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
                rings.append(simplify(projected, TOLERANCE))
        return {
            "d": path_data(rings),
            "box": [math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])],
        }

    result = {
        "attribution": ATTRIBUTION,
        "width": width,
        "height": HEIGHT,
        "counties": {},
        "municipalities": {},
    }
    for feature in counties["features"]:
        code = f"{int(feature['properties']['l_id']):02d}"
        result["counties"][code] = shape(feature["geometry"])
    for feature in municipalities["features"]:
        properties = feature["properties"]
        item = shape(feature["geometry"])
        lat, lon = properties["geo_point_2d"]
        ((x, y),) = project([(lon, lat)])
        item["county"] = properties["lan_code"]
        item["label"] = [round(x), round(y)]
        result["municipalities"][properties["id"]] = item
    result["counties"] = dict(sorted(result["counties"].items()))
    result["municipalities"] = dict(sorted(result["municipalities"].items()))
    return result


def main(argv):
    source = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "geo"
    target = Path(argv[2]) if len(argv) > 2 else ROOT / "examples" / "data" / "map" / "sweden.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = build(source)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(
        f"{target}: {len(data['counties'])} counties, {len(data['municipalities'])} "
        f"municipalities, {target.stat().st_size // 1024} KiB"
    )


if __name__ == "__main__":
    main(sys.argv)
