"""The "Pågående eller avslutat" facet (``status``) counts alike on both backends.

The database backend (SQLite here, PostgreSQL when ``DATABASE_URL`` names one) and the
Elasticsearch backend on a live osmem-server: every example is either ``pagaende`` or
``avslutade``, a selection filters the hits, the facet is counted without its own selection, and
sorting is not changed by the status.
"""

import datetime

import pytest

from examples.models import DiscontinuedReason, ExamplePage
from search.backends.base import SearchParams
from search.backends.database import DatabaseBackend
from search.indexing import sources_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped(demo):
    """Two demo examples marked "Avslutat" and published."""
    pages = list(ExamplePage.objects.live().public().order_by("pk")[:2])
    for page in pages:
        page.discontinued_on = datetime.date(2024, 5, 1)
        page.discontinued_reason = DiscontinuedReason.FUNDING
        page.save_revision().publish()
    return [page.pk for page in pages]


def check(backend, stopped):
    everything = ExamplePage.objects.live().public().count()
    results = backend.search(SearchParams(per_page=100))
    assert results.facets["status"] == {"pagaende": everything - 2, "avslutade": 2}

    only = backend.search(SearchParams(per_page=100, filters={"status": ("avslutade",)}))
    assert sorted(hit.page_id for hit in only.hits) == sorted(stopped)
    # The facet is counted without its own selection, the others with it.
    assert only.facets["status"] == {"pagaende": everything - 2, "avslutade": 2}
    assert sum(only.facets["steg"].values()) == 2

    ongoing = backend.search(SearchParams(per_page=100, filters={"status": ("pagaende",)}))
    assert ongoing.total == everything - 2
    assert not set(stopped) & {hit.page_id for hit in ongoing.hits}

    # Sorting by stage or date puts nothing ahead because it is discontinued.
    by_date = [hit.page_id for hit in backend.search(SearchParams(per_page=100, sort="nyast")).hits]
    expected = list(
        ExamplePage.objects.live()
        .public()
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert by_date == expected


def test_the_database_backend_counts_the_status(stopped):
    backend = DatabaseBackend()
    backend.apply(sources_for(ExamplePage.objects.values_list("pk", flat=True)).values(), [])
    check(backend, stopped)


def test_elasticsearch_counts_the_status(stopped, osmem_backend):
    osmem_backend.rebuild(lambda line: None)
    check(osmem_backend, stopped)
