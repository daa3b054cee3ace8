"""Maps of Sweden drawn on the server as inline SVG from real boundaries: no JavaScript, no tiles.

The boundaries are ``examples/data/map/sweden.json``, made by ``scripts/build_map.py`` from
Open Knowledge Sweden's simplified GeoJSON (see the script for provenance; the attribution is
in the file and ``includes/sweden_map.html`` shows it under every map). Every county and
municipality path is in one coordinate system, so a county's map is the national one cropped
with a ``viewBox`` around its municipalities.

Three maps, one template:

* ``county_map`` (the overview): the 21 counties coloured by their number of examples, each a
  link to its county page, where its municipalities are one click away;
* ``municipality_map`` (a county page): the county's municipalities coloured by the number of
  examples that run there, adopters counted, each a link to the search filtered to it;
* ``places_map`` (an example page): the municipalities where it runs, coloured by stage, the
  origin marked with a ring, on the counties around them.

Each area is an ``<a>`` whose ``aria-label`` says its name and number (there is no other text
inside it), colour is never the only cue (every figure is also in a table beside the map, and
the legend names each class) and each area has a dark outline against the light background.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from examples.models.taxonomy import Stage
from examples.overview.charts import MAP_CLASSES, map_class

MAP_FILE = Path(__file__).resolve().parent / "data" / "map" / "sweden.json"
MARGIN = 60  # viewBox units (about 10 km) around a cropped map


@functools.cache
def geometry() -> dict:
    """The committed boundaries, read once per process."""
    return json.loads(MAP_FILE.read_text("utf-8"))


def attribution() -> str:
    return geometry()["attribution"]


@dataclass(frozen=True)
class Area:
    code: str
    d: str
    href: str
    label: str
    css: str
    origin: bool = False


def _viewbox(boxes) -> str:
    boxes = list(boxes)
    left = min(box[0] for box in boxes) - MARGIN
    top = min(box[1] for box in boxes) - MARGIN
    right = max(box[2] for box in boxes) + MARGIN
    bottom = max(box[3] for box in boxes) + MARGIN
    return f"{left} {top} {right - left} {bottom - top}"


def _count_legend(counts, noun):
    """One item per class, with how many areas are in it (``noun(n)`` says "8 län")."""
    legend = []
    for cls in MAP_CLASSES:
        areas = sum(1 for n in counts if cls.holds(n))
        legend.append({"css": cls.css, "label": cls.label, "areas": noun(areas)})
    return legend


def _counties(n):
    return ngettext("%(count)s län", "%(count)s län", n) % {"count": n}


def _municipalities(n):
    return ngettext("%(count)s kommun", "%(count)s kommuner", n) % {"count": n}


def county_map(rows, county_urls: dict) -> dict:
    """The overview's map: ``rows`` are ``overview.CountyRow``s, ``county_urls`` by county id."""
    shapes = geometry()["counties"]
    areas = []
    for row in rows:
        shape = shapes.get(row.county.code)
        if shape is None:
            continue
        areas.append(
            Area(
                code=row.county.code,
                d=shape["d"],
                href=county_urls.get(row.county.pk, ""),
                label=ngettext(
                    "%(name)s: %(count)s exempel", "%(name)s: %(count)s exempel", row.total
                )
                % {"name": row.county.name, "count": row.total},
                css=map_class(row.total).css,
            )
        )
    return {
        "id": "county-map",
        "title": _("Karta över Sveriges län med antalet goda exempel i varje län"),
        "viewbox": f"0 0 {geometry()['width']} {geometry()['height']}",
        "size": "national",
        "background": [],
        "areas": areas,
        "legend_title": _("Teckenförklaring: antal exempel i länet"),
        "legend": _count_legend([row.total for row in rows], _counties),
        "attribution": attribution(),
    }


def municipality_map(county, counts: dict, municipalities, search_url: str) -> dict:
    """A county page's map: ``counts`` is examples per municipality id (adopters counted)."""
    shapes = geometry()["municipalities"]
    areas, boxes, numbers = [], [], []
    for municipality in municipalities:
        shape = shapes.get(municipality.code)
        if shape is None:
            continue
        count = counts.get(municipality.pk, 0)
        numbers.append(count)
        boxes.append(shape["box"])
        areas.append(
            Area(
                code=municipality.code,
                d=shape["d"],
                href=f"{search_url}?kommun={municipality.slug}",
                label=ngettext("%(name)s: %(count)s exempel", "%(name)s: %(count)s exempel", count)
                % {"name": municipality.name, "count": count},
                css=map_class(count).css,
            )
        )
    if not areas:
        return {}
    return {
        "id": "municipality-map",
        "title": _("Karta över kommunerna i %(county)s med antalet goda exempel som körs i varje")
        % {"county": county.name},
        "viewbox": _viewbox(boxes),
        "size": "county",
        "background": [],
        "areas": areas,
        "legend_title": _("Teckenförklaring: antal exempel i kommunen"),
        "legend": _count_legend(numbers, _municipalities),
        "attribution": attribution(),
    }


STAGE_CSS = {stage.value: f"map-stage-{stage.value}" for stage in Stage}


def places_map(places, municipalities_by_id: dict, counties_by_id: dict, search_url: str):
    """An example page's map: each named municipality where it runs, coloured by its stage
    there (the highest reported), the origin ringed; the counties it touches are the frame."""
    shapes = geometry()
    by_municipality: dict[int, dict] = {}
    for place in places:
        municipality = municipalities_by_id.get(place.municipality_id)
        if municipality is None or municipality.code not in shapes["municipalities"]:
            continue
        entry = by_municipality.setdefault(
            municipality.pk, {"municipality": municipality, "stage": None, "origin": False}
        )
        if place.stage and (entry["stage"] is None or place.stage > entry["stage"]):
            entry["stage"] = place.stage
        entry["origin"] = entry["origin"] or place.kind == "origin"
    county_codes = {
        county.code
        for county in (counties_by_id.get(place.county_id) for place in places)
        if county is not None
    }
    county_codes |= {entry["municipality"].code[:2] for entry in by_municipality.values()}
    if not by_municipality:
        return {}
    areas = []
    for entry in sorted(by_municipality.values(), key=lambda e: e["municipality"].name):
        municipality, stage = entry["municipality"], entry["stage"]
        parts = [municipality.name]
        if entry["origin"]:
            parts.append(str(_("här startade arbetet")))
        parts.append(str(_("steg %(stage)s") % {"stage": stage}) if stage else str(_("steg okänt")))
        areas.append(
            Area(
                code=municipality.code,
                d=shapes["municipalities"][municipality.code]["d"],
                href=f"{search_url}?kommun={municipality.slug}",
                label=", ".join(parts),
                css=STAGE_CSS.get(stage, "map-stage-unknown"),
                origin=entry["origin"],
            )
        )
    frame = [
        shapes["counties"][code] for code in sorted(county_codes) if code in shapes["counties"]
    ]
    legend = [
        {"css": STAGE_CSS[stage.value], "label": _("Steg %(stage)s") % {"stage": stage.value}}
        for stage in Stage
    ]
    return {
        "id": "places-map",
        "title": _("Karta över kommunerna där exemplet körs, färgade efter steg"),
        "viewbox": _viewbox(shape["box"] for shape in frame),
        "size": "county",
        "background": [shape["d"] for shape in frame],
        "areas": areas,
        "legend_title": _("Teckenförklaring: steg på trappan"),
        "legend": legend,
        "origin_legend": True,
        "attribution": attribution(),
    }


def places_vocabulary() -> dict:
    """Counties and municipalities by id, and municipalities per county, kept per process until
    the next change under "Taxonomi" (``website.pagecache.shared``, as ``examples.details``)."""
    from examples.details import vocabulary
    from examples.models import County
    from website.pagecache import shared

    municipalities = vocabulary()["municipalities"]

    def load():
        totals: dict[int, int] = {}
        for municipality in municipalities.values():
            totals[municipality.county_id] = totals.get(municipality.county_id, 0) + 1
        return {"counties": {c.pk: c for c in County.objects.all()}, "totals": totals}

    kept = shared("map-places-vocabulary", load)
    return {"municipalities": municipalities, **kept}


KIND_LABELS = {
    "origin": _("där arbetet startade"),
    "adoption": _("infört av en annan organisation"),
    "internal": _("spridning inom den egna organisationen"),
}


def _timeline(places) -> list[dict]:
    """Places over time: when each started and each later step, oldest first; undated last.

    The origin's later steps are the example's own stage history, which the page shows just
    above, so only its start is repeated here.
    """
    events = []
    for place in places:
        kind = KIND_LABELS.get(place.kind, "")
        what = (
            ngettext("%(count)s kommun", "%(count)s kommuner", place.count) % {"count": place.count}
            + (f" ({place.name})" if place.name else "")
            if place.count and not place.municipality_id
            else place.name
        )
        first_stage = place.history[0][2] if place.history else place.stage
        events.append(
            {
                "date": place.since,
                "precision": place.precision,
                "place": what,
                "kind": kind,
                "stage": first_stage,
                "start": True,
                "url": place.url,
            }
        )
        if place.kind == "origin":
            continue
        for date, precision, stage in place.history[1:]:
            events.append(
                {
                    "date": date,
                    "precision": precision,
                    "place": what,
                    "kind": "",
                    "stage": stage,
                    "start": False,
                    "url": place.url,
                }
            )
    events.sort(key=lambda e: (e["date"] is None, e["date"] or 0, not e["start"], e["place"]))
    return events


def example_spread(page, details, search_url: str) -> dict:
    """What the example page's "Var körs exemplet?" section shows: map, coverage, timeline.

    No query beyond the providers' (the page's own municipalities and history come from
    ``details``; the vocabularies are kept per process).
    """
    from examples import spread

    places = spread.places_of(page, details)
    vocabulary = places_vocabulary()
    per_county, national = spread.coverage(
        places, vocabulary["municipalities"], vocabulary["counties"], vocabulary["totals"]
    )
    return {
        "places": places,
        "map": places_map(places, vocabulary["municipalities"], vocabulary["counties"], search_url),
        "coverage": per_county,
        "national": national,
        "counted_only": national.counted > 0,
        "timeline": _timeline(places),
        "others": [place for place in places if place.kind != spread.ORIGIN],
    }
