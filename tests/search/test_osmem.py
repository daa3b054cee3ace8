"""The Elasticsearch backend against a live HTTP server (osmem-server, see ``osmem.py``).

Every test gets an empty clone of the session's server. What is checked is what a real server
shows and a fake node cannot: index lifecycle and alias swaps, bulk writes, the queue replayed
after an outage, reconcile, the query body being accepted and answered (tiers, facets,
highlights, suggestions), ``search_index check`` on the shapes a server returns, the result
window and refused requests. osmem ignores some Swedish analysis filters, so relevance is not
tested here (``test_relevance.py`` does that against Elasticsearch itself).
"""

import logging
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from examples.models import ExamplePage
from search import indexing
from search.backends import REJECTED_NOTICE, run_search
from search.backends.base import SearchParams, SearchRequestError
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import IndexChange
from tests.search import osmem

pytestmark = pytest.mark.django_db


def live_public_count():
    return ExamplePage.objects.live().public().count()


def slugs(backend, **kwargs):
    results = backend.search(SearchParams(per_page=50, **kwargs))
    by_id = dict(ExamplePage.objects.values_list("pk", "slug"))
    return [by_id[hit.page_id] for hit in results.hits]


@pytest.fixture
def built(demo, osmem_backend):
    osmem_backend.rebuild(lambda line: None)
    return osmem_backend


def test_create_then_rebuild_swaps_the_alias_and_drops_the_old_index(demo, osmem_backend):
    client = osmem_backend.client
    first = osmem_backend.create()
    assert osmem_backend.create() == first  # idempotent
    assert list(client.indices.get_alias(name=osmem_backend.alias)) == [first]
    assert osmem_backend.status()["documents"] == 0

    lines = []
    second = osmem_backend.rebuild(lines.append)
    assert second != first
    assert list(client.indices.get_alias(name=osmem_backend.alias)) == [second]
    assert list(client.indices.get(index=f"{osmem_backend.alias}-*")) == [second]
    assert f"Tog bort föregående index {first}" in lines
    assert osmem_backend.status() == {
        "alias": osmem_backend.alias,
        "index": second,
        "documents": live_public_count(),
    }


def test_check_finds_no_difference_right_after_a_rebuild(built):
    # The server returns copy_to as a list and adds search_as_you_type's defaults.
    live = built.client.indices.get_mapping(index=built.current_index())
    title = live[built.current_index()]["mappings"]["properties"]["title"]
    assert isinstance(title["copy_to"], list)
    assert built.check() == []


def test_check_command_on_the_live_index(osmem_site, demo):
    call_command("search_index", "rebuild", stdout=StringIO())
    out = StringIO()
    call_command("search_index", "check", stdout=out)
    assert "stämmer" in out.getvalue()
    osmem_site.client.indices.put_mapping(
        index=osmem_site.current_index(), properties={"extra": {"type": "keyword"}}
    )
    with pytest.raises(CommandError, match="stämmer inte med koden"):
        call_command("search_index", "check", stdout=StringIO())


def test_bulk_writes_and_deletes_and_a_missing_delete_is_no_error(built):
    sexit = indexing.indexable_examples().get(slug="sexit-jamtland")
    source = indexing.build_source(sexit) | {"title": "SEXIT – samtal om tandborstning"}
    built.apply([source], [2**30])
    assert built.search(SearchParams(query="tandborstning")).total == 1
    built.apply([], [sexit.pk])
    assert sexit.pk not in built.indexed_hashes()
    assert len(built.indexed_hashes()) == live_public_count() - 1


def test_publishing_during_an_outage_is_replayed_by_sync(
    osmem_site, demo, monkeypatch, django_capture_on_commit_callbacks
):
    call_command("search_index", "rebuild", stdout=StringIO())
    example = ExamplePage.objects.get(slug="sexit-jamtland")
    down = ElasticsearchBackend(client=osmem.client("http://127.0.0.1:9"), prefix=None)
    monkeypatch.setattr(indexing, "elasticsearch_index", lambda: down)

    example.title = "SEXIT – nu med tandborstning"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    pending = IndexChange.objects.get(page_id=example.pk, applied_at=None)
    assert "svarar inte" in pending.last_error
    with pytest.raises(CommandError, match="väntar fortfarande: .*svarar inte"):
        call_command("search_index", "sync", stdout=StringIO())

    monkeypatch.setattr(indexing, "elasticsearch_index", lambda: osmem_site)  # back again
    call_command("search_index", "sync", stdout=StringIO())
    assert not IndexChange.objects.filter(applied_at=None).exists()
    hits = osmem_site.search(SearchParams(query="tandborstning")).hits
    assert [hit.page_id for hit in hits] == [example.pk]


def test_reconcile_finds_and_fixes_drift_on_the_server(osmem_site, demo):
    call_command("search_index", "rebuild", stdout=StringIO())
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    other = ExamplePage.objects.live().public().exclude(pk=sexit.pk).first()
    client = osmem_site.client
    client.delete(index=osmem_site.alias, id=str(sexit.pk), refresh=True)
    client.update(
        index=osmem_site.alias, id=str(other.pk), doc={"source_hash": "old"}, refresh=True
    )

    out = StringIO()
    call_command("search_index", "reconcile", "--dry-run", stdout=out)
    assert "Elasticsearch: hittade 1 saknas, 0 ska bort, 1 inaktuella" in out.getvalue()
    call_command("search_index", "reconcile", stdout=StringIO())
    assert indexing.reconcile(osmem_site, fix=False) == {
        "missing": set(),
        "extra": set(),
        "stale": set(),
    }


def test_examples_with_every_word_come_first_then_those_with_most(built):
    results = built.search(SearchParams(query="hembesök äldre zebrafink", per_page=50))
    ranked = slugs(built, query="hembesök äldre zebrafink")
    assert ranked[0] == "forebyggande-hembesok-79-aringar-kalmar-lan"  # two of the three words
    assert results.partial  # no example has all three
    older_only = set(slugs(built, query="äldre")) - {ranked[0]}
    assert older_only and older_only <= set(ranked[1:])  # one word is enough to be listed
    assert not built.search(SearchParams(query="hembesök äldre")).partial


def test_a_close_spelling_finds_the_example_below_the_exact_one(built):
    assert "forebyggande-hembesok-79-aringar-kalmar-lan" in slugs(built, query="hembesöök")


def test_facets_count_on_the_server(built):
    filters = {"lan": ("jonkopings-lan",), "steg": ("2",)}
    results = built.search(SearchParams(filters=filters))
    county_and_stage = ExamplePage.objects.live().public().filter(county__slug="jonkopings-lan")
    assert results.total == county_and_stage.filter(stage=2).count()
    assert results.facets["steg"] == {
        str(stage): county_and_stage.filter(stage=stage).count()
        for stage in set(county_and_stage.values_list("stage", flat=True))
    }


def test_highlights_and_suggestions_from_the_server(built):
    snippet = str(built.search(SearchParams(query="hembesök")).hits[0].snippet)
    assert "<mark>" in snippet.lower() and "<script" not in snippet
    titles = [suggestion.title for suggestion in built.suggest("fam")]
    assert "Lokala hälsocenter och familjecentraler" in titles


def test_more_like_this_never_lists_the_example_itself(built):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    related = built.more_like_this(sexit.pk)
    assert related and sexit.pk not in related


def test_a_page_past_the_window_is_never_sent(built):
    # Elasticsearch answers 400 to from + size > 10 000; the request stays inside.
    results = built.search(SearchParams(page=900, per_page=12))
    assert results.total == live_public_count() and results.hits == []


def test_a_refused_request_is_reported_as_refused_not_as_an_outage(osmem_site, demo, caplog):
    # No index behind the alias: the server answers 404 index_not_found_exception.
    with pytest.raises(SearchRequestError, match=r"avvisade begäran \(404\)"):
        osmem_site.search(SearchParams(query="hembesök"))
    with caplog.at_level(logging.ERROR, logger="search.backends"):
        results, notice = run_search(SearchParams(query="hembesök"))
    assert notice == REJECTED_NOTICE and results.backend == "database"
    assert "index_not_found" in caplog.text and "svarar inte" not in caplog.text
    with pytest.raises(CommandError) as error:
        call_command("search_index", "reconcile", stdout=StringIO())
    assert "avvisade" in str(error.value) and "svarar inte" not in str(error.value)


def test_a_document_the_mapping_refuses_is_a_refused_request(built):
    sexit = indexing.indexable_examples().get(slug="sexit-jamtland")
    built.client.indices.put_mapping(index=built.current_index(), dynamic="strict")
    document = {"_index": built.alias, "_id": sexit.pk, "page_id": sexit.pk, "okänt_fält": "x"}
    built._actions = lambda index, sources, remove_ids: iter([document])
    with pytest.raises(SearchRequestError, match=r"avvisade 1 dokument \(400\)"):
        built.apply([], [])
