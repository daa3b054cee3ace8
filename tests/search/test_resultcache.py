"""The database search's kept answers (``search.resultcache``): served again without searching,
and never older than the index.

The test settings keep answers on (one process, whose memory is the cache every part shares);
each test here reads the search page or ``run_search`` as a visitor's request would.
"""

import re
import shutil

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

from examples.models import ExamplePage
from search import resultcache
from search.backends import run_search
from search.backends.base import SearchParams
from search.backends.database import DatabaseBackend
from website import pagecache

pytestmark = pytest.mark.django_db

SEARCH_TABLES = re.compile(r"search_(searchmatch|searchdocument|fts|searchfacetvalue|indexedword)")


def search_statements(captured) -> list[str]:
    return [query["sql"] for query in captured if SEARCH_TABLES.search(query["sql"])]


def found(query: str, **filters) -> set[int]:
    results, _notice = run_search(SearchParams(query=query, filters=filters))
    return {hit.page_id for hit in results.hits}


@pytest.fixture
def example(demo):
    return ExamplePage.objects.get(slug="sexit-jamtland")


def test_the_same_search_again_reads_no_index_and_shows_the_same_page(demo, client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    rendered = client.get("/sok/", {"q": "äldre", "lan": "uppsala-lan"}).content
    settings.SEARCH_CACHE_SECONDS = 300
    client.get("/sok/", {"q": "äldre", "lan": "uppsala-lan"})
    with CaptureQueriesContext(connection) as again:
        second = client.get("/sok/", {"q": "äldre", "lan": "uppsala-lan"})
    assert second.status_code == 200
    # Neither the index nor the examples' rows: the results and filters are kept as HTML.
    assert search_statements(again.captured_queries) == []
    assert not [q for q in again.captured_queries if "examples_" in q["sql"]]
    assert second.content == rendered
    assert "Äldremottagningar" in second.content.decode()


def test_an_edited_title_shows_at_once_in_the_kept_results(
    example, client, django_capture_on_commit_callbacks
):
    assert "SEXIT" in client.get("/sok/", {"q": "sexit"}).content.decode()
    example.title = "SEXIT – samtal om tandborstning"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    assert "samtal om tandborstning" in client.get("/sok/", {"q": "sexit"}).content.decode()


def test_the_database_stepping_in_for_elasticsearch_is_never_kept_as_html(demo):
    results, _notice = run_search(SearchParams(query="barn"))
    assert resultcache.layout_key(results, "") == f"{results.cache_key}:layout"
    assert resultcache.layout_key(results, "Sökmotorn svarar inte just nu.") is None


def test_another_filter_or_page_is_another_answer(demo):
    everywhere = found("barn")
    in_blekinge = found("barn", lan=("blekinge-lan",))
    assert in_blekinge and in_blekinge < everywhere
    assert found("barn") == everywhere
    second_page, _ = run_search(SearchParams(query="barn", page=2, per_page=2))
    first_page, _ = run_search(SearchParams(query="barn", page=1, per_page=2))
    assert {h.page_id for h in first_page.hits}.isdisjoint({h.page_id for h in second_page.hits})


def test_a_published_change_is_found_at_once(example, django_capture_on_commit_callbacks):
    assert example.pk not in found("tandborstning")  # kept: nothing has that word
    example.title = "SEXIT – samtal om tandborstning"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    assert example.pk in found("tandborstning")


def test_an_unpublished_example_is_gone_from_the_kept_answer(
    example, django_capture_on_commit_callbacks
):
    assert example.pk in found("sexit")
    with django_capture_on_commit_callbacks(execute=True):
        example.unpublish()
    assert example.pk not in found("sexit")


def test_the_index_write_retires_the_answers_only_once_committed(
    example, django_capture_on_commit_callbacks
):
    """A search racing the write may keep the old answer, but only under the generation that the
    bump after the commit retires."""
    assert example.pk in found("sexit")
    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        DatabaseBackend().apply([], [example.pk])
        assert pagecache.generation() == before
        assert example.pk in found("sexit")  # what a racing search, outside this transaction, sees
    assert pagecache.generation() != before
    assert example.pk not in found("sexit")


def test_nothing_is_kept_when_turned_off(demo, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    found("samverkan")
    with CaptureQueriesContext(connection) as again:
        found("samverkan")
    assert search_statements(again.captured_queries)


def test_nothing_is_kept_while_a_purge_has_not_reached_the_cache(demo, monkeypatch):
    """``generation()`` is None until a lost purge lands: no answer of before may be served."""
    monkeypatch.setattr(resultcache, "generation", lambda: None)
    found("samverkan")
    with CaptureQueriesContext(connection) as again:
        found("samverkan")
    assert search_statements(again.captured_queries)


def test_a_deploy_that_changes_the_search_data_changes_every_key(tmp_path, monkeypatch):
    copy = tmp_path / "search"
    shutil.copytree(resultcache.SEARCH_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(resultcache, "SEARCH_DIR", copy)
    resultcache.fingerprint.cache_clear()
    try:
        before = resultcache.key(SearchParams(query="barn"), "database", "g")
        resultcache.fingerprint.cache_clear()
        with (copy / "data" / "synonyms.txt").open("a", encoding="utf-8") as synonyms:
            synonyms.write("\nkorvkiosk, gatukök\n")
        after = resultcache.key(SearchParams(query="barn"), "database", "g")
    finally:
        resultcache.fingerprint.cache_clear()
    assert before != after
