"""The index follows the site: publish, unpublish, move, delete, restrictions, renamed labels.

Changes are applied after the commit (``django_capture_on_commit_callbacks`` runs them), never
on a draft save; with Elasticsearch down, publishing still succeeds and the change waits.
"""

import json

from django.db import connection
from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from examples.models import County, ExamplePage, TargetArea
from search import indexing, text
from search.backends.base import SearchParams
from search.backends.database import (
    MAX_TSVECTOR_POSITION,
    PG_WEIGHT_CLASSES,
    DatabaseBackend,
    _ts_lexeme,
    tsvector_literal,
)
from search.backends.elasticsearch import ElasticsearchBackend
from search.facets import FACETS
from search.models import IndexChange, IndexedWord, SearchDocument, SearchFacetValue, SearchMatch
from tests.search.fakes import FakeElasticsearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(demo):
    return ExamplePage.objects.get(slug="sexit-jamtland")


def found(query):
    return {hit.page_id for hit in DatabaseBackend().search(SearchParams(query=query)).hits}


def test_demo_content_is_indexed(demo):
    assert SearchDocument.objects.count() == ExamplePage.objects.live().public().count()
    assert not IndexChange.objects.filter(applied_at=None).exists()


def test_publishing_updates_the_index_after_commit(example, django_capture_on_commit_callbacks):
    example.title = "SEXIT – samtal om tandborstning"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        example.save_revision().publish()
    assert example.pk not in found("tandborstning")  # nothing before the commit
    for callback in callbacks:
        callback()
    assert example.pk in found("tandborstning")
    assert not IndexChange.objects.filter(applied_at=None).exists()


def test_saving_a_draft_changes_nothing(example, django_capture_on_commit_callbacks):
    changes = IndexChange.objects.count()
    example.title = "Utkast om tandborstning"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision()
    assert IndexChange.objects.count() == changes
    assert example.pk not in found("tandborstning")
    assert SearchDocument.objects.get(pk=example.pk).title == "SEXIT"


def test_unpublishing_removes_and_republishing_restores(
    example, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        example.unpublish()
    assert not SearchDocument.objects.filter(pk=example.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    assert example.pk in found("SEXIT")


def test_deleting_removes(example, django_capture_on_commit_callbacks):
    pk = example.pk
    with django_capture_on_commit_callbacks(execute=True):
        example.delete()
    assert not SearchDocument.objects.filter(pk=pk).exists()
    assert IndexChange.objects.filter(page_id=pk, reason="deleted").exists()


def test_view_restrictions_hide_and_show(example, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=example, restriction_type=PageViewRestriction.LOGIN
        )
    assert example.pk not in found("SEXIT")
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert example.pk in found("SEXIT")


def test_restricting_a_section_hides_its_examples(
    demo, example_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=example_index, restriction_type=PageViewRestriction.LOGIN
        )
    assert SearchDocument.objects.count() == 0


def test_a_change_to_many_examples_waits_for_sync_and_shows_none_meanwhile(
    demo, example_index, client, django_capture_on_commit_callbacks, monkeypatch
):
    """More examples than one batch (a restricted section, a renamed tag: up to every example)
    are left to ``search_index sync``; meanwhile the search shows no restricted example, since
    its cards are read from the live, public examples."""
    monkeypatch.setattr(indexing, "BATCH_SIZE", 3)
    indexed = SearchDocument.objects.count()
    assert indexed > 3
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=example_index, restriction_type=PageViewRestriction.LOGIN
        )
    assert IndexChange.objects.filter(applied_at=None).count() == indexed
    assert SearchDocument.objects.count() == indexed  # not yet applied
    html = client.get("/sok/", {"q": "SEXIT"}).content.decode()
    assert "/goda-exempel/sexit-jamtland/" not in html
    assert indexing.sync() == (indexed, 0)
    assert SearchDocument.objects.count() == 0


def test_moving_reindexes(example, django_capture_on_commit_callbacks):
    sibling = example.get_prev_sibling() or example.get_next_sibling()
    with django_capture_on_commit_callbacks(execute=True):
        example.move(sibling, pos="left")
    assert IndexChange.objects.filter(page_id=example.pk, reason="moved").exists()
    assert example.pk in found("SEXIT")


def test_renamed_labels_are_reindexed(demo, django_capture_on_commit_callbacks):
    county = County.objects.get(slug="jamtlands-lan")
    with django_capture_on_commit_callbacks(execute=True):
        county.name = "Jämtlands och Härjedalens län"
        county.save()
    assert ExamplePage.objects.get(slug="sexit-jamtland").pk in found("härjedalens")

    area = TargetArea.objects.get(slug="skola")
    with django_capture_on_commit_callbacks(execute=True):
        area.name = "Grundskola och gymnasium"
        area.save()
    assert ExamplePage.objects.get(slug="sexit-jamtland").pk in found("gymnasium")


def test_contact_details_never_reach_an_index(example, django_capture_on_commit_callbacks):
    example.contact_name = "Kontakta Persson"
    example.contact_role = "Hemlig samordnare"
    example.contact_email = "kontakta.persson@example.se"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    source = indexing.build_source(indexing.indexable_examples().get(pk=example.pk))
    dumped = json.dumps(source, ensure_ascii=False).lower()
    for secret in ("persson", "hemlig", "kontakta.persson@example.se"):
        assert secret not in dumped
        assert not found(secret)
    document = SearchDocument.objects.get(pk=example.pk)
    assert (
        "persson"
        not in " ".join(
            str(getattr(document, f.attname)) for f in SearchDocument._meta.fields
        ).lower()
    )


@override_settings(
    ELASTICSEARCH_URL="http://fake-elasticsearch:9200", SEARCH_ELASTICSEARCH_AUTO_INDEX=True
)
def test_publishing_with_elasticsearch_down_queues_the_change(
    example, monkeypatch, django_capture_on_commit_callbacks
):
    server = FakeElasticsearch(up=False)
    backend = ElasticsearchBackend(client=server.client())
    monkeypatch.setattr(indexing, "elasticsearch_index", lambda: backend)

    example.title = "SEXIT – nu i hela länet"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()  # must not raise

    example.refresh_from_db()
    assert example.title == "SEXIT – nu i hela länet" and example.live
    pending = IndexChange.objects.get(page_id=example.pk, applied_at=None)
    assert pending.attempts == 1 and "ConnectionError" in pending.last_error
    assert server.requests  # it was tried
    assert example.pk in found("länet SEXIT")  # the database fallback is already up to date

    assert indexing.sync() == (0, 1)  # still down: still pending
    server.up = True
    assert indexing.sync() == (1, 0)
    assert not IndexChange.objects.filter(applied_at=None).exists()
    stored = server.documents[backend.alias][str(example.pk)]
    assert stored["title"] == "SEXIT – nu i hela länet"
    assert "contact_name" not in stored


@override_settings(
    ELASTICSEARCH_URL="http://fake-elasticsearch:9200", SEARCH_ELASTICSEARCH_AUTO_INDEX=True
)
def test_unpublishing_deletes_from_elasticsearch(
    example, monkeypatch, django_capture_on_commit_callbacks
):
    server = FakeElasticsearch()
    backend = ElasticsearchBackend(client=server.client())
    monkeypatch.setattr(indexing, "elasticsearch_index", lambda: backend)
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    assert str(example.pk) in server.documents[backend.alias]
    with django_capture_on_commit_callbacks(execute=True):
        example.unpublish()
    assert str(example.pk) not in server.documents[backend.alias]


def test_reconcile_finds_and_fixes_drift(demo):
    backend = DatabaseBackend()
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    SearchDocument.objects.filter(pk=sexit.pk).delete()
    stale = ExamplePage.objects.get(slug="barnsakert-blekinge")
    SearchDocument.objects.filter(pk=stale.pk).update(source_hash="old")
    drift = indexing.reconcile(backend, fix=False)
    assert drift == {"missing": {sexit.pk}, "extra": set(), "stale": {stale.pk}}
    indexing.reconcile(backend)
    assert indexing.reconcile(backend, fix=False) == {
        "missing": set(),
        "extra": set(),
        "stale": set(),
    }


def _index_rows():
    """What the database index holds, per page: every stored column but the time of writing, the
    match row (PostgreSQL), the facet rows (SQLite) and the suggestion vocabulary."""
    columns = [f.attname for f in SearchDocument._meta.concrete_fields if f.name != "indexed_at"]
    documents = {row["page_id"]: row for row in SearchDocument.objects.values(*columns)}
    facets = ["county", "municipalities", "target_areas", "target_groups", "goals", "tags"]
    matches = {
        row["document_id"]: (
            row["stage"],
            row["first_published_at"],
            str(row["search_vector"]),
            [sorted(row[f]) if isinstance(row[f], list) else row[f] for f in facets],
        )
        for row in SearchMatch.objects.values(
            "document_id", "stage", "first_published_at", "search_vector", *facets
        )
    }
    facet_rows = sorted(SearchFacetValue.objects.values_list("document_id", "facet", "value"))
    words = set(IndexedWord.objects.values_list("word", "length"))
    return documents, matches, facet_rows, words


def test_a_batch_builds_the_same_documents_as_each_page_on_its_own(demo):
    pages = list(indexing.indexable_examples())
    one_by_one = {page.pk: indexing.build_source(page) for page in pages}
    batched = indexing.sources_for(one_by_one)
    assert batched == one_by_one
    assert all(source["facets"]["omrade"] for source in batched.values())
    assert any(source["facets"]["kommun"] for source in batched.values())


def test_a_rebuild_writes_what_publishing_wrote(demo):
    """The bulk path (COPY on PostgreSQL) writes the rows ``_upsert`` wrote page by page."""
    published = _index_rows()
    indexing.rebuild_database()
    *rebuilt, rebuilt_words = _index_rows()
    documents, matches, facet_rows, words = published
    assert rebuilt == [documents, matches, facet_rows]
    # Publishing only ever adds words (an earlier text's words stay until the next rebuild), so
    # a rebuild keeps the current texts' words and may drop older ones.
    assert rebuilt_words <= words
    assert {(w, n) for w, n in rebuilt_words if w in ("barnsäkert", "familjecentral")} == {
        ("barnsäkert", 10),
        ("familjecentral", 14),
    }
    assert documents and words
    if connection.vendor == "postgresql":
        assert set(matches) == set(documents)
        assert all(keys for _, _, _, keys in matches.values())
        assert facet_rows == []
    else:
        assert matches == {}
        assert {document for document, _, _ in facet_rows} == set(documents)


def test_postgresql_keeps_no_facet_rows_sqlite_does(demo):
    """PostgreSQL reads the facets from ``SearchMatch``; only SQLite needs a row per value."""
    indexing.rebuild_database()
    expected = sum(
        len(set(values))
        for source in indexing.all_sources()
        for values in source["facets"].values()
    )
    if connection.vendor == "postgresql":
        assert SearchFacetValue.objects.count() == 0
        assert SearchMatch.objects.count() == SearchDocument.objects.count()
    else:
        assert SearchFacetValue.objects.count() == expected


# A word of the demo content with a value of the facet among its examples, and a misspelling.
SUGGESTION_CASES = {facet.param: ("familjecentral", "famljecentral") for facet in FACETS} | {
    "mal": ("fallskador", "falskador"),
    "kommun": ("hembesök", "hembsök"),
}


@pytest.mark.parametrize(("param", "word", "typo"), [(p, *c) for p, c in SUGGESTION_CASES.items()])
def test_a_misspelled_query_with_filters_gets_its_suggestion_after_a_rebuild(
    demo, param, word, typo
):
    """The suggestion is checked against the selection: offered when a document passing the
    filters has the corrected word, not when none does (every kind of facet column)."""
    indexing.rebuild_database()
    backend = DatabaseBackend()
    counts = backend.search(SearchParams(query=word)).facets[param]
    assert counts, f"no example with {word!r} has a value for {param}"
    present = SearchParams(query=typo, filters={param: (sorted(counts)[0],)})
    assert backend.search(present).suggestion == word
    assert backend.search(SearchParams(query="", filters={param: ("finns-inte",)})).total == 0
    absent = SearchParams(query=typo, filters={param: ("finns-inte",)})
    assert backend.search(absent).suggestion == ""
    others = set(backend.search(SearchParams()).facets[param]) - set(counts)
    if others:
        elsewhere = SearchParams(query=typo, filters={param: (sorted(others)[0],)})
        assert backend.search(elsewhere).suggestion == ""


def _reference_tsvector(terms):
    """The tsvector literal spelled out term by term: what ``tsvector_literal`` must write."""
    positions, position = {}, 0
    for column, weight in PG_WEIGHT_CLASSES.items():
        for term in terms[column]:
            position = min(position + 1, MAX_TSVECTOR_POSITION)
            places = positions.setdefault(term, [])
            if len(places) < 256:
                places.append(f"{position}{weight}")
    return " ".join(f"{_ts_lexeme(term)}:{','.join(p)}" for term, p in positions.items())


@pytest.mark.parametrize(
    "terms",
    [
        {"title_terms": ["barn", "o'hara"], "body_terms": ["barn", "back\\slash"]},
        {"body_terms": ["ord"] * 300},  # at most 256 positions per term
        {"summary_terms": ["a", "b"] * 9000, "body_terms": ["c", "a"]},  # past the last position
        {"title_terms": ["x"] * 16383, "tag_terms": ["y"]},
    ],
)
def test_tsvector_literal_caps_positions_like_postgresql(terms):
    columns = {column: terms.get(column, []) for column in PG_WEIGHT_CLASSES}
    assert tsvector_literal(columns) == _reference_tsvector(columns)


def test_indexed_words_are_the_typed_tokens(demo):
    """``words`` (mapped over the regex matches) reads what ``tokenize`` reads, long noise out."""
    samples = [source["body"] for source in indexing.all_sources()]
    samples.append("x" * 61 + " SKR:s t.ex. O’Hara " + "y" * 60)
    for sample in samples:
        assert text.words(sample) == [text._typed_word(t.word) for t in text.tokenize(sample)]
    assert text.words(samples[-1])[-1] == "y" * 60
