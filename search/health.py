"""The search backend's readiness check for ``/readyz`` (registered in ``SearchConfig.ready``)."""

from django.conf import settings

from search.backends.elasticsearch import default_client
from search.models import SearchMatch

# Seconds a probe waits for Elasticsearch: a load balancer's own timeout is usually a few.
SEARCH_TIMEOUT = 2


class SearchUnavailable(Exception):
    """The search backend did not answer as expected."""


def check_search() -> None:
    """Elasticsearch's ``info`` when it is configured, else a read of the database index."""
    if settings.ELASTICSEARCH_URL:
        if not default_client().options(request_timeout=SEARCH_TIMEOUT).info():
            raise SearchUnavailable
        return
    SearchMatch.objects.only("pk").first()
