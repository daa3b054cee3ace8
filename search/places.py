"""Places as people name them: every county and municipality of the taxonomy, in all its names.

Read from the taxonomy's own data (``examples/data/counties.csv``, ``municipalities.csv``) and
``search/data/places.txt`` (everyday names: VGR, Region Jämtland Härjedalen, Landstinget …). A
county is "Värmlands län", "Värmland", "Region Värmland", "Värmlands läns landsting", …; it
matches examples naming the county or any municipality in it (the taxonomy text of an example
names its county and municipalities, so examples tagged with them are found though their text
does not name the place). A municipality is "Malmö", "Malmö kommun", "Malmö stad", "Malmö
stads". Names are compared folded (no å/ä/ö needed) and in lower case.

A bare one-word municipality name that is also an ordinary Swedish word ("Mark", "Vara") is a
place only with "kommun" or "stad" after it.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import NamedTuple

from search import lexicon, text

EXAMPLES_DATA = Path(__file__).resolve().parent.parent / "examples" / "data"
MUNICIPALITY_SUFFIXES = ("kommun", "kommuns", "stad", "stads")


def _csv(name: str) -> list[dict[str, str]]:
    with (EXAMPLES_DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _key(phrase: str) -> str:
    return " ".join(text.fold(word) for word in text.words(phrase))


def _genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else name + "s"


@functools.cache
def _names() -> dict[str, tuple[str, ...]]:
    """Folded name -> the names to match (the county's short name and its municipalities)."""
    return {key: place.names for key, place in _places().items()}


class _Place(NamedTuple):
    names: tuple[str, ...]  # the names to match
    itself: int  # how many of them, first, name the place itself, not a municipality in it
    facets: tuple[tuple[str, str], ...]  # the place as search facet values: ("lan", slug) …


@functools.cache
def _places() -> dict[str, _Place]:
    """Folded name -> the place it names."""
    municipalities: dict[str, list[dict[str, str]]] = {}
    for row in _csv("municipalities.csv"):
        municipalities.setdefault(row["county_code"], []).append(row)
    slugs = {row["name"]: row["slug"] for row in _csv("municipalities.csv")}
    result: dict[str, _Place] = {}
    counties: dict[str, tuple[tuple[str, ...], tuple]] = {}
    for row in _csv("counties.csv"):
        short, name = row["short_name"], row["name"]
        targets = (short, *(m["name"] for m in municipalities.get(row["code"], ())))
        facets = (("lan", row["slug"]),)
        counties[_key(name)] = (targets, facets)
        counties[_key(short)] = (targets, facets)
        for variant in (
            name,
            f"{name}s landsting",
            f"region {short}",
            f"landstinget {short}",
            f"landstinget i {short}",
            f"{_genitive(short)} län",
            f"{short} län",
            f"{_genitive(short)} läns landsting",
            f"{short}regionen",
        ):
            result[_key(variant)] = _Place(targets, 1, facets)
        if _key(short) not in _common_words():
            result[_key(short)] = _Place(targets, 1, facets)
    for line in text._data_lines("places.txt"):
        alias, _, official = line.partition("=")
        county = counties.get(_key(official))
        if county:
            targets, facets = county
            result[_key(alias)] = _Place((alias.strip(), *targets), 2, facets)
        else:
            targets = tuple(name.strip() for name in official.split(",") if name.strip())
            facets = tuple(("kommun", slugs[name]) for name in targets if name in slugs)
            names = (alias.strip(), *targets)
            result[_key(alias)] = _Place(names, len(names), facets)
    for row in _csv("municipalities.csv"):
        name = row["name"]
        place = _Place((name,), 1, (("kommun", row["slug"]),))
        for suffix in MUNICIPALITY_SUFFIXES:
            result.setdefault(_key(f"{name} {suffix}"), place)
            result.setdefault(_key(f"{_genitive(name)} {suffix}"), place)
        if _key(name) not in _common_words():
            result.setdefault(_key(name), place)
    return result


@functools.cache
def _common_words() -> frozenset[str]:
    return frozenset(text.fold(word) for word in lexicon.known_words()) | frozenset(
        text.fold(word) for word in text.stop_words()
    )


def place_names(phrase: str) -> tuple[str, ...]:
    """The names a place phrase stands for, or () if it names no county or municipality."""
    return _names().get(_key(phrase), ())


def place_itself(phrase: str) -> tuple[str, ...]:
    """The names among ``place_names`` that name the place itself (a county's own names, not
    its municipalities): an example naming them fits better than one naming a municipality."""
    place = _places().get(_key(phrase))
    return place.names[: place.itself] if place else ()


def place_facets(phrase: str) -> tuple[tuple[str, str], ...]:
    """Where a place phrase is, as search facet values: ``("lan", slug)`` for a county,
    ``("kommun", slug)`` for each municipality a municipality or a local name stands for.
    The search ranks an example that is located there above one whose text only names it."""
    place = _places().get(_key(phrase))
    return place.facets if place else ()


class Surroundings(NamedTuple):
    """Where a municipality lies: what a search for it shows when no example names it."""

    place: str  # the municipality (or a part of a county: "Öland") as written
    county: str  # its county's name ("Västerbottens län")
    county_slug: str


def surroundings(phrase: str) -> Surroundings | None:
    """The county of the municipality (or the part of one county, "Öland", "Skaraborg")
    ``phrase`` names; None for a county, a region across counties' borders or no place."""
    place = _places().get(_key(phrase))
    if not place or not place.facets or any(param != "kommun" for param, _ in place.facets):
        return None
    counties = {_county_of_municipality()[slug] for _, slug in place.facets}
    if len(counties) != 1:
        return None
    name, slug = counties.pop()
    written = place.names[0]
    return Surroundings(written[:1].upper() + written[1:], name, slug)


@functools.cache
def _county_of_municipality() -> dict[str, tuple[str, str]]:
    """Municipality slug -> (its county's name, the county's slug)."""
    counties = {row["code"]: (row["name"], row["slug"]) for row in _csv("counties.csv")}
    return {row["slug"]: counties[row["county_code"]] for row in _csv("municipalities.csv")}


@functools.cache
def place_words() -> frozenset[str]:
    """Every folded word of every place name, with its genitive ("ljusdal", "ljusdals", "region",
    "lans"): what a copy of another municipality's text changes (``search.nearcopies``)."""
    found = set()
    for key in _places():
        for word in key.split():
            found.update((word, _genitive(word)))
    return frozenset(found)
