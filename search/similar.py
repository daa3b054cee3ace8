"""Similar examples for ``examples.similar``: Elasticsearch's more-like-this when it runs.

Registered in ``SearchConfig.ready``. The database backend has no text similarity of its own, and
a failing Elasticsearch is no reason to fail a page: both answer [], and the examples app then
scores related examples in the database.
"""

import logging

from search import backends

logger = logging.getLogger(__name__)


def more_like_this(page_id: int, limit: int) -> list[int]:
    backend = backends.get_backend()
    if not hasattr(backend, "more_like_this"):
        return []
    try:
        return backend.more_like_this(page_id, limit)
    except backends.SearchBackendError as exc:
        logger.warning("Relaterade exempel räknades i databasen: %s", exc)
        return []
