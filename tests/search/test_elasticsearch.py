"""The Elasticsearch backend without a server: golden request bodies and a fake node.

The mapping and every query body are compared with the files in ``golden/`` (regenerate them
with ``UPDATE_GOLDEN=1 pytest tests/search/test_elasticsearch.py`` and review the diff). The
fake node (``fakes.py``) lets the real client, bulk helper and DSL run without a server.
"""

import json
import os
from pathlib import Path

from django.test import override_settings

import pytest

from examples.models import ExamplePage
from search import indexing, queries, text
from search.backends import FALLBACK_NOTICE, run_search
from search.backends.base import SearchParams
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import ExampleDocument, alias_name, examples_index
from search.models import IndexChange
from tests.search.fakes import FakeElasticsearch, empty_search_response

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name, value):
    path = GOLDEN / f"{name}.json"
    rendered = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: create it with UPDATE_GOLDEN=1"
    assert json.loads(path.read_text("utf-8")) == json.loads(rendered), (
        f"{path.name} differs: review the change and regenerate with UPDATE_GOLDEN=1"
    )


def test_index_definition_matches_golden():
    assert_golden("index", examples_index("goda-exempel-test-examples-v1").to_dict())


def test_mapping_is_strict_and_has_no_personal_data():
    mapping = examples_index("x").to_dict()["mappings"]
    assert mapping["dynamic"] == "strict"
    fields = json.dumps(mapping)
    for personal in ("contact", "email", "owner"):
        assert personal not in fields


def test_analysis_uses_the_repository_word_lists():
    analysis = examples_index("x").to_dict()["settings"]["analysis"]
    filters = analysis["filter"]
    assert filters["sv_decompounder"]["word_list"] == list(text.compound_parts())
    assert filters["sv_synonyms"]["type"] == "synonym_graph"
    assert filters["sv_synonyms"]["synonyms"] == text.synonym_rules()
    assert set(filters["sv_stop"]["stopwords"]) == set(text.stop_words())
    assert filters["sv_stemmer"] == {"type": "stemmer", "language": "swedish"}
    index_chain = analysis["analyzer"]["sv_index"]["filter"]
    assert index_chain[-1] == "scandinavian_normalization" and "asciifolding" not in index_chain
    assert "scandinavian_folding" in analysis["analyzer"]["sv_index_folded"]["filter"]
    mapping = examples_index("x").to_dict()["mappings"]["properties"]
    assert mapping["title"]["fields"]["suggest"]["type"] == "search_as_you_type"


def test_facet_aggregations_are_sized_for_every_value():
    body = queries.build_search(SearchParams(), "i").to_dict()
    assert body["aggs"]["lan"]["aggs"]["values"]["terms"]["size"] >= 21
    assert body["aggs"]["kommun"]["aggs"]["values"]["terms"]["size"] >= 290


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("search_empty", SearchParams()),
        ("search_words", SearchParams(query="Äldre och fallprevention", sort="relevans")),
        (
            "search_facets",
            SearchParams(
                query="barn",
                filters={
                    "lan": ("blekinge-lan", "jonkopings-lan"),
                    "steg": ("3",),
                    "tagg": ("pilot",),
                },
                sort="steg",
                page=2,
            ),
        ),
        ("search_newest", SearchParams(query="hembesök", sort="nyast")),
        # The search page's: near-copies collapsed, their groups counted (search.nearcopies).
        ("search_collapsed", SearchParams(query="hembesök", collapse=True)),
    ],
)
def test_query_bodies_match_golden(name, params):
    assert_golden(name, queries.build_search(params, "goda-exempel-test-examples").to_dict())


def test_suggest_body_matches_golden():
    assert_golden("suggest", queries.build_suggest("famil", "goda-exempel-test-examples").to_dict())


def test_no_query_syntax_reaches_elasticsearch():
    body = json.dumps(queries.build_search(SearchParams(query='title:(a OR "b*'), "i").to_dict())
    assert "query_string" not in body and '"b*' not in body


@pytest.mark.django_db
def test_document_from_source(demo):
    page = indexing.indexable_examples().get(slug="forebyggande-hembesok-79-aringar-kalmar-lan")
    document = ExampleDocument.from_source(indexing.build_source(page)).to_dict(include_meta=True)
    assert document["_id"] == page.pk
    source = document["_source"]
    assert source["county"] == "kalmar-lan"
    assert source["stage"] == 4
    assert "Linnéuniversitetet" in source["taxonomy"]
    assert set(source) <= set(examples_index("x").to_dict()["mappings"]["properties"])


@pytest.mark.django_db
def test_search_response_is_read(demo):
    page = ExamplePage.objects.get(slug="forebyggande-hembesok-79-aringar-kalmar-lan")
    server = FakeElasticsearch()
    response = empty_search_response()
    response["hits"] = {
        "total": {"value": 1, "relation": "eq"},
        "max_score": 3.2,
        "hits": [
            {
                "_index": "x",
                "_id": str(page.pk),
                "_score": 3.2,
                "highlight": {
                    "body": ["Kalmar län har förebyggande <mark>hembesök</mark> &amp; mer"]
                },
            }
        ],
    }
    response["aggregations"]["lan"]["values"]["buckets"] = [{"key": "kalmar-lan", "doc_count": 1}]
    response["aggregations"]["steg"]["values"]["buckets"] = [{"key": 4, "doc_count": 1}]
    server.search_response = response
    results = ElasticsearchBackend(client=server.client()).search(SearchParams(query="hembesök"))
    assert results.total == 1
    assert results.hits[0].page_id == page.pk
    assert (
        str(results.hits[0].snippet)
        == "Kalmar län har förebyggande <mark>hembesök</mark> &amp; mer"
    )
    assert results.facets["lan"] == {"kalmar-lan": 1}
    assert results.facets["steg"] == {"4": 1}
    query = server.search_bodies[0]["query"]["bool"]
    assert query["minimum_should_match"] == 1
    assert {"multi_match": queries.exact_word("hembesök").to_dict()["multi_match"]} in query[
        "should"
    ]


def test_spelling_suggestion_is_read():
    server = FakeElasticsearch()
    server.search_response = empty_search_response(
        suggest={
            "stavning": [
                {
                    "text": "famljecentral",
                    "offset": 0,
                    "length": 13,
                    "options": [{"text": "familjecentral", "score": 0.9, "freq": 3}],
                }
            ]
        }
    )
    results = ElasticsearchBackend(client=server.client()).search(
        SearchParams(query="famljecentral")
    )
    assert results.suggestion == "familjecentral"


def test_a_municipality_no_example_names_is_widened_to_its_county():
    """One count request asks whether any example names Umeå; none does, so an example in
    Västerbotten counts as having the word (a full tier, and for "every word"), ranks as located
    there, and the results say so. A query naming no municipality costs no count request."""
    server = FakeElasticsearch()
    server.search_response = empty_search_response(
        hits={"total": {"value": 2, "relation": "eq"}, "max_score": None, "hits": []}
    )
    server.count_response = 0
    results = ElasticsearchBackend(client=server.client()).search(SearchParams(query="skola Umeå"))
    assert results.widened == (("Umeå", "Västerbottens län"),)
    (asked,) = server.count_bodies
    assert "Umeå" in json.dumps(asked, ensure_ascii=False)
    body = json.dumps(server.search_bodies[-1], ensure_ascii=False)
    in_county = {"constant_score": {"filter": {"terms": {"county": ["vasterbottens-lan"]}}}}
    assert json.dumps(in_county)[:-2] in body  # the tier, with its boost after
    assert '"alla_ord"' in body and '{"term": {"county": "vasterbottens-lan"}}' in body
    server.count_bodies.clear()
    ElasticsearchBackend(client=server.client()).search(SearchParams(query="skola"))
    assert server.count_bodies == []


def fuzzy_queries(node) -> set[str]:
    """The words a request body widens to close spellings (its ``fuzziness`` clauses)."""
    if isinstance(node, dict):
        match = node.get("multi_match")
        found = {match["query"]} if match and "fuzziness" in match else set()
        return found.union(*(fuzzy_queries(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(fuzzy_queries(item) for item in node))
    return set()


def test_a_place_is_never_widened_to_close_spellings():
    """ "Västerås" is two edits from "västra": no fuzzy clause for a place's name, as on the
    database; the other word keeps its own."""
    body = queries.build_search(SearchParams(query="fetma Västerås"), "x").to_dict()
    assert fuzzy_queries(body) == {"fetma"}
    assert fuzzy_queries(queries.build_search(SearchParams(query="fetma"), "x").to_dict()) == {
        "fetma"
    }


def test_a_place_is_never_corrected_by_the_server_suggester():
    """The term suggester proposes the closest indexed word for any word the index lacks:
    "gäller" for Gävle. A place (or a Swedish word) is left as typed, as on the database."""
    server = FakeElasticsearch()
    server.search_response = empty_search_response(
        suggest={
            "stavning": [
                {"text": "fallolyckor", "offset": 0, "length": 11, "options": []},
                {
                    "text": "gävle",
                    "offset": 12,
                    "length": 5,
                    "options": [{"text": "gäller", "score": 0.8, "freq": 9}],
                },
            ]
        }
    )
    backend = ElasticsearchBackend(client=server.client())
    assert backend.search(SearchParams(query="fallolyckor Gävle")).suggestion == ""


@pytest.mark.django_db
@override_settings(ELASTICSEARCH_URL="http://fake-elasticsearch:9200")
def test_search_falls_back_to_the_database_when_elasticsearch_fails(demo):
    down = ElasticsearchBackend(client=FakeElasticsearch(up=False).client())
    results, notice = run_search(SearchParams(query="hembesök"), backend=down)
    assert notice == FALLBACK_NOTICE
    assert results.backend == "database" and results.total == 1


@pytest.mark.django_db
def test_rebuild_swaps_the_alias_and_replays_changes_made_meanwhile(demo):
    server = FakeElasticsearch()
    backend = ElasticsearchBackend(client=server.client(), prefix="test")
    first = backend.create()
    assert server.aliases[alias_name("test")] == first

    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    replayed = []

    def edit_during_rebuild():
        # A publish committed while the rebuild runs: recorded, applied to the old index only.
        if not replayed:
            replayed.append(True)
            IndexChange.objects.create(page_id=sexit.pk, reason="published", applied_at=None)
            ExamplePage.objects.filter(pk=sexit.pk).update(title="SEXIT – ändrad under bygget")

    server.on_bulk = edit_during_rebuild
    new = backend.rebuild(lambda line: None)
    assert new != first
    assert server.aliases[alias_name("test")] == new
    assert first not in server.documents  # the old index is gone
    documents = server.documents[new]
    assert len(documents) == ExamplePage.objects.live().public().count()
    assert documents[str(sexit.pk)]["title"] == "SEXIT – ändrad under bygget"


@pytest.mark.django_db
def test_check_reports_a_missing_alias():
    backend = ElasticsearchBackend(client=FakeElasticsearch().client(), prefix="none")
    assert "finns inte" in backend.check()[0]


def test_more_like_this_body_matches_golden():
    body = queries.build_more_like_this(42, "goda-exempel-test-examples", 4).to_dict()
    assert_golden("more_like_this", body)
    assert body["query"]["bool"]["must_not"] == [{"ids": {"values": ["42"]}}]


def test_check_compares_the_mapping_in_the_shape_a_live_server_returns():
    """Elasticsearch returns ``copy_to`` as a list and adds search_as_you_type's defaults."""
    from search.backends.elasticsearch import _canonical_mapping

    ours = examples_index("x").to_dict()["mappings"]
    live = json.loads(json.dumps(ours))
    for field in ("title", "summary", "body"):
        live["properties"][field]["copy_to"] = ["spell"]
    live["properties"]["title"]["fields"]["suggest"] |= {
        "doc_values": False,
        "max_shingle_size": 3,
    }
    assert _canonical_mapping(live) == _canonical_mapping(ours)
    live["properties"]["title"]["fields"]["suggest"]["max_shingle_size"] = 4
    assert _canonical_mapping(live) != _canonical_mapping(ours)
