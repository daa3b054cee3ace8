"""Reading a search from the URL. Anything a visitor can type gives a valid search, never an error.

The whole state is in GET parameters: ``q`` (the words), one parameter per facet (repeatable:
``lan``, ``omrade``, ``malgrupp``, ``steg``, ``mal``, ``tagg``, ``kommun``), ``sortering`` and
``sida``; the search page alone also reads ``kopior=alla`` (every near-copy listed,
``search/nearcopies.py``), which ``to_query_string`` keeps. The query is cut to
``MAX_QUERY_LENGTH`` characters, control characters become spaces, and facet values must look
like slugs; everything else is dropped.
"""

import re
import unicodedata
from urllib.parse import urlencode

from examples.tags import fold_slug
from search.backends.base import MAX_QUERY_LENGTH, PER_PAGE, SORTS, SearchParams
from search.facets import FACETS, MAX_VALUES_PER_FACET
from search.paging import MAX_RESULT_WINDOW

# No page can lie further than the result window (one hit a page); the views answer a page past
# the window for their page size with a 400 (``search.paging``).
MAX_PAGE = MAX_RESULT_WINDOW
SLUG_RE = re.compile(r"^[\w-]{1,120}$")


def clean_query(raw: str) -> str:
    """At most ``MAX_QUERY_LENGTH`` characters of printable text, spaces collapsed."""
    raw = raw[: MAX_QUERY_LENGTH * 4]
    printable = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} else ch
        for ch in raw
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def clean_values(values: list[str]) -> tuple[str, ...]:
    cleaned = []
    for value in values[: MAX_VALUES_PER_FACET * 2]:
        value = value.strip()
        if not value.isascii():  # a tag slug from before they were folded (examples.tags)
            value = fold_slug(value)
        if SLUG_RE.match(value) and value not in cleaned:
            cleaned.append(value)
    return tuple(cleaned[:MAX_VALUES_PER_FACET])


def parse_params(data) -> SearchParams:
    """A ``SearchParams`` from a QueryDict (or any mapping with ``get``/``getlist``)."""
    filters = {facet.param: clean_values(data.getlist(facet.param)) for facet in FACETS}
    sort = data.get("sortering", "")
    try:
        page = int(data.get("sida", "1"))
    except (TypeError, ValueError):
        page = 1
    return SearchParams(
        query=clean_query(data.get("q", "")),
        filters={param: values for param, values in filters.items() if values},
        sort=sort if sort in SORTS else "relevans",
        page=min(max(page, 1), MAX_PAGE),
        per_page=PER_PAGE,
    )


def to_query_string(params: SearchParams, *, page: int | None = None, sort=None, **changes) -> str:
    """The URL query of a search, with optional changes; defaults are left out."""
    pairs = []
    if params.query:
        pairs.append(("q", params.query))
    filters = dict(params.filters)
    filters.update(changes)
    for facet in FACETS:
        for value in filters.get(facet.param, ()):
            pairs.append((facet.param, value))
    sort = sort or params.sort
    if sort != "relevans":
        pairs.append(("sortering", sort))
    if params.all_copies:
        pairs.append(("kopior", "alla"))
    if page and page > 1:
        pairs.append(("sida", page))
    return urlencode(pairs)
