"""Choosing the backend: Elasticsearch when ``ELASTICSEARCH_URL`` is set, else the database.

``run_search`` answers from the database backend, with a notice, when Elasticsearch fails.
"""

import logging

from django.conf import settings

from search.backends.base import SearchBackendError, SearchParams, SearchResults, Suggestion
from search.backends.database import DatabaseBackend

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Sökmotorn svarar inte just nu. Resultaten kommer från en enklare sökning och kan skilja sig "
    "något."
)


def get_backend():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    return DatabaseBackend()


def run_search(params: SearchParams, backend=None) -> tuple[SearchResults, str]:
    """The results and a notice for the visitor (empty unless the database had to step in)."""
    backend = backend or get_backend()
    try:
        return backend.search(params), ""
    except SearchBackendError as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        logger.warning("Sökningen gick till databasen: %s", exc)
        return DatabaseBackend().search(params), FALLBACK_NOTICE


def run_suggest(prefix: str, limit: int = 8, backend=None) -> list[Suggestion]:
    backend = backend or get_backend()
    try:
        return backend.suggest(prefix, limit)
    except SearchBackendError as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        logger.warning("Förslagen kom från databasen: %s", exc)
        return DatabaseBackend().suggest(prefix, limit)


__all__ = [
    "FALLBACK_NOTICE",
    "SearchBackendError",
    "SearchParams",
    "SearchResults",
    "get_backend",
    "run_search",
    "run_suggest",
]
