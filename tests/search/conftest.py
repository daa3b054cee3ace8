"""Fixtures of the search tests: every backend available here, and the relevance report.

The database backend runs on the test database (SQLite, or PostgreSQL when DATABASE_URL says
so). Elasticsearch runs only when ELASTICSEARCH_URL is set: the tests are skipped without it and
fail when it is set but the server does not answer.
"""

from __future__ import annotations

import os
import uuid

import pytest

from search.backends.database import DatabaseBackend

RELEVANCE_REPORT: list[str] = []


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "").strip()


def _live_elasticsearch_backend():
    from elasticsearch import Elasticsearch

    from search.backends.elasticsearch import ElasticsearchBackend

    url = elasticsearch_url()
    client = Elasticsearch(url, request_timeout=10)
    if not client.ping():
        pytest.fail(f"ELASTICSEARCH_URL is set to {url} but no server answers there.")
    prefix = f"goda-exempel-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchBackend(client=client, prefix=prefix)
    backend.rebuild(lambda line: None)
    return backend


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, demo):
    """Each backend in turn, holding the demo content."""
    if request.param == "database":
        return DatabaseBackend()
    if not elasticsearch_url():
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch to test against")
    backend = _live_elasticsearch_backend()
    request.addfinalizer(
        lambda: backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)
    )
    return backend


def backend_label(backend) -> str:
    from django.db import connection

    return f"{backend.name} ({connection.vendor})" if backend.name == "database" else backend.name


def pytest_terminal_summary(terminalreporter):
    if RELEVANCE_REPORT:
        terminalreporter.section("Swedish relevance set")
        for line in RELEVANCE_REPORT:
            terminalreporter.write_line(line)
