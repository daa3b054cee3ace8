"""The database search's answers, kept in the shared cache until the index next changes.

A word that half the examples contain costs PostgreSQL some 100 ms at 10 000 examples: ranking
every matching row (each vector read from TOAST) and counting eleven facets over them. The same
few words are what most visitors type, and the answer cannot change until the index does, so
the whole ``SearchResults`` (hits, total, facet counts, suggestion) is kept under a key made of
the search as the URL describes it and the site-wide generation (``website.pagecache``).
Elasticsearch keeps counts the same way in its request cache; its answers are not kept here.

Correctness rests on one rule: every write to the database index bumps the generation *after*
it is committed (``index_changed``), so a search that runs between a commit and the bump can
only have kept its answer under the generation that the bump retires. A bump that does not
reach Redis is retried by ``generation()``, which serves nothing from the cache until it lands.
The generation is the page cache's, so an index write also purges the kept pages: a publish
purges them anyway, and a rebuild or ``search_index sync`` may change what a page shows.
The key also carries a fingerprint of the search's code and data (``search/*.py``,
``search/data/``): a deploy that changes the analysis or the ranking never answers from before.

Kept only where every process shares the cache (``SEARCH_CACHE_SECONDS``: 0 without
``REDIS_URL``); a Redis outage is a miss. The rate limits run before the search in the view, so
a kept answer still spends the visitor's budget.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from search.backends.base import SearchParams, SearchResults
from website.pagecache import bump, generation

KEY_PREFIX = "search:results"
SEARCH_DIR = Path(__file__).resolve().parent


def cache_seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 0) or 0)


@functools.cache
def fingerprint() -> str:
    """The search's code and data as deployed: what the analysis and the ranking are made of."""
    digest = hashlib.sha256()
    files = sorted([*SEARCH_DIR.glob("*.py"), *SEARCH_DIR.glob("backends/*.py")])
    files += sorted(path for path in (SEARCH_DIR / "data").rglob("*") if path.is_file())
    for path in files:
        digest.update(path.relative_to(SEARCH_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key(params: SearchParams, backend_name: str, current: str) -> str:
    described = json.dumps(
        [
            backend_name,
            params.query,
            sorted((name, list(values)) for name, values in params.filters.items() if values),
            params.sort,
            params.page,
            params.per_page,
            params.collapse,
            params.all_copies,
        ],
        ensure_ascii=False,
    )
    digest = hashlib.sha256(described.encode()).hexdigest()
    return f"{KEY_PREFIX}:{current}:{fingerprint()}:{digest}"


def search(backend, params: SearchParams) -> SearchResults:
    """``backend.search(params)``, answered from the cache when the same search ran since the
    index last changed."""
    seconds = cache_seconds()
    current = generation() if seconds else None
    if current is None:
        return backend.search(params)
    cache_key = key(params, backend.name, current)
    kept = cache.get(cache_key)
    if isinstance(kept, SearchResults):
        return kept
    results = backend.search(params)
    results.cache_key = cache_key
    cache.set(cache_key, results, seconds)
    return results


def layout_key(results: SearchResults, notice: str) -> str | None:
    """The key under which the search page keeps its results and filters as HTML, or None.

    Only for a kept answer: its key names the generation it was computed under, so the HTML is
    retired with it. Never with a notice (the database stepping in for Elasticsearch). Nothing
    in that part of the page depends on who is asking: the cards, the facet counts, the sort
    and paging links and the registered actions (``examples.extensions``) are the same for
    every visitor.
    """
    if notice or not results.cache_key:
        return None
    return f"{results.cache_key}:layout"


def index_changed() -> None:
    """Retire every kept answer once the current transaction (the index write) has committed."""
    transaction.on_commit(bump, robust=True)
