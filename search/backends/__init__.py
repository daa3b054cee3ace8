"""Choosing the backend: Elasticsearch when ``ELASTICSEARCH_URL`` is set, else the database.

``run_search`` answers from the database backend, with a notice, when Elasticsearch fails; the
database's answers are kept until the index changes (``search.resultcache``).
"""

import logging

from django.conf import settings

from search import resultcache
from search.backends.base import (
    SearchBackendError,
    SearchParams,
    SearchRequestError,
    SearchResults,
    Suggestion,
)
from search.backends.database import DatabaseBackend

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Sökmotorn svarar inte just nu. Resultaten kommer från en enklare sökning och kan skilja sig "
    "något."
)
REJECTED_NOTICE = (
    "Sökmotorn kunde inte svara på just den här sökningen. Resultaten kommer från en enklare "
    "sökning och kan skilja sig något."
)


def get_backend():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    return DatabaseBackend()


def run_search(params: SearchParams, backend=None) -> tuple[SearchResults, str]:
    """The results and a notice for the visitor (empty unless the database had to step in)."""
    backend = backend or get_backend()
    if isinstance(backend, DatabaseBackend):
        return resultcache.search(backend, params), ""
    try:
        return backend.search(params), ""
    except SearchRequestError as exc:
        # Not an outage: Elasticsearch refused what we sent, which needs fixing, not waiting out.
        logger.error("Elasticsearch avvisade sökningen, som gick till databasen: %s", exc)
        return resultcache.search(DatabaseBackend(), params), REJECTED_NOTICE
    except SearchBackendError as exc:
        logger.warning("Sökningen gick till databasen: %s", exc)
        return resultcache.search(DatabaseBackend(), params), FALLBACK_NOTICE


def run_suggest(prefix: str, limit: int = 8, backend=None) -> list[Suggestion]:
    backend = backend or get_backend()
    try:
        return backend.suggest(prefix, limit)
    except SearchBackendError as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        log = logger.error if isinstance(exc, SearchRequestError) else logger.warning
        log("Förslagen kom från databasen: %s", exc)
        return DatabaseBackend().suggest(prefix, limit)


__all__ = [
    "FALLBACK_NOTICE",
    "REJECTED_NOTICE",
    "SearchBackendError",
    "SearchParams",
    "SearchRequestError",
    "SearchResults",
    "get_backend",
    "run_search",
    "run_suggest",
]
