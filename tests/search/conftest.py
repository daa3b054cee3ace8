"""Fixtures of the search tests: every backend available here, and the relevance report.

The database backend runs on the test database (SQLite, or PostgreSQL when DATABASE_URL says
so). Elasticsearch runs only when ELASTICSEARCH_URL is set: the tests are skipped without it and
fail when it is set but the server does not answer. osmem-server (``tests/search/osmem.py``), an
in-memory Elasticsearch-compatible server, is started once per session on a free local port and
each test gets its own clone of it: the tests using it skip with a message when it cannot start,
and fail under ``CI``.
"""

from __future__ import annotations

import os
import uuid

import pytest

from search.backends import elasticsearch as elasticsearch_backend
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from tests.search import osmem

RELEVANCE_REPORT: list[str] = []


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "").strip()


def _live_elasticsearch_backend():
    from elasticsearch import Elasticsearch

    url = elasticsearch_url()
    client = Elasticsearch(url, request_timeout=10)
    if not client.ping():
        pytest.fail(f"ELASTICSEARCH_URL is set to {url} but no server answers there.")
    prefix = f"goda-exempel-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchBackend(client=client, prefix=prefix)
    backend.rebuild(lambda line: None)
    return backend


@pytest.fixture(scope="session")
def osmem_server():
    """osmem-server for the whole session (replaces the osmem plugin's fixture of this name)."""
    try:
        server = osmem.start_server()
    except osmem.STARTUP_ERRORS as exc:
        message = f"osmem-server could not start: {type(exc).__name__}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (under CI the live-server tests must run)")
        pytest.skip(message)
    yield server
    server.close()


@pytest.fixture
def osmem_backend(osmem_clone):
    """The Elasticsearch backend on an empty osmem-server clone of its own."""
    return ElasticsearchBackend(client=osmem.client(osmem_clone.url), prefix="goda-exempel-test")


@pytest.fixture
def osmem_site(osmem_backend, osmem_clone, settings, monkeypatch):
    """The whole site on osmem-server: views, commands and indexing after commit use it."""
    settings.ELASTICSEARCH_URL = osmem_clone.url
    settings.SEARCH_ELASTICSEARCH_AUTO_INDEX = True
    monkeypatch.setattr(elasticsearch_backend, "default_client", lambda: osmem_backend.client)
    return osmem_backend


@pytest.fixture(params=["database", "osmem", "elasticsearch"])
def search_backend(request, demo):
    """Each backend in turn, holding the demo content."""
    if request.param == "database":
        return DatabaseBackend()
    if request.param == "osmem":
        backend = request.getfixturevalue("osmem_backend")
        backend.rebuild(lambda line: None)
        return backend
    if not elasticsearch_url():
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch to test against")
    backend = _live_elasticsearch_backend()
    request.addfinalizer(
        lambda: backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)
    )
    return backend


@pytest.fixture
def published_in_stockholm(example_index):
    """``published_in_stockholm(title, summary)``: two published, indexed examples in Stockholm's
    county whose title (numbered) and summary say what the test needs them to say."""
    from examples.models import County, ExamplePage
    from tests.factories import ExamplePageFactory
    from tests.opendata.conftest import index

    def publish(title: str, summary: str) -> list:
        stockholm = County.objects.get(code="01")
        pages = []
        for number in range(2):
            page = ExamplePageFactory(
                parent=example_index, title=f"{title} {number}", summary=summary, county=stockholm
            )
            page.save_revision().publish()
            pages.append(ExamplePage.objects.get(pk=page.pk))
        index(pages)
        return pages

    return publish


def ranked(q: str) -> list[str]:
    """The slugs of the database search's first 50 hits for ``q``."""
    from examples.models import ExamplePage
    from search.backends.base import SearchParams

    results = DatabaseBackend().search(SearchParams(query=q, per_page=50))
    by_id = dict(ExamplePage.objects.values_list("pk", "slug"))
    return [by_id[hit.page_id] for hit in results.hits]


def backend_label(backend) -> str:
    from django.db import connection

    return f"{backend.name} ({connection.vendor})" if backend.name == "database" else backend.name


def pytest_terminal_summary(terminalreporter):
    if RELEVANCE_REPORT:
        terminalreporter.section("Swedish relevance set")
        for line in RELEVANCE_REPORT:
            terminalreporter.write_line(line)
