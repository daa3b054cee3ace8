"""The Swedish relevance set (relevance.json): top-3 hit rate and MRR for every backend.

A query is a hit when one of its expected examples is among the first three results. When a
backend finds nothing and offers a spelling suggestion, the suggestion is followed, as a visitor
following "Menade du …?" would. The measured numbers are printed in pytest's summary.
"""

import json
from pathlib import Path

import pytest

from examples.models import ExamplePage
from search.backends.base import SearchParams
from tests.search.conftest import RELEVANCE_REPORT, backend_label

pytestmark = pytest.mark.django_db

RELEVANCE_SET = json.loads((Path(__file__).parent / "relevance.json").read_text("utf-8"))
MIN_TOP3_HIT_RATE = 0.9
MIN_MRR = 0.8


def ranked_slugs(backend, query):
    results = backend.search(SearchParams(query=query, per_page=10))
    if results.total == 0 and results.suggestion:
        results = backend.search(SearchParams(query=results.suggestion, per_page=10))
    by_id = dict(ExamplePage.objects.values_list("pk", "slug"))
    return [by_id[hit.page_id] for hit in results.hits]


def test_the_set_is_big_enough_and_names_real_examples(demo):
    queries = RELEVANCE_SET["queries"]
    assert len(queries) >= 25
    known = set(ExamplePage.objects.values_list("slug", flat=True))
    for entry in queries:
        assert set(entry["expected"]) <= known, entry
    kinds = {entry["kind"] for entry in queries}
    assert {"inflection", "compound", "folding", "misspelling", "synonym"} <= kinds


def test_relevance(search_backend, request):
    if request.node.callspec.params["search_backend"] == "osmem":
        pytest.skip("relevance is not a goal on osmem-server: it ignores Swedish analysis filters")
    misses = []
    reciprocal_ranks = []
    for entry in RELEVANCE_SET["queries"]:
        ranked = ranked_slugs(search_backend, entry["q"])
        rank = next((i for i, slug in enumerate(ranked, 1) if slug in entry["expected"]), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        if rank is None or rank > 3:
            misses.append(f"{entry['q']!r}: rank {rank}, got {ranked[:3]}")
    n = len(reciprocal_ranks)
    hit_rate = sum(1 for rr in reciprocal_ranks if rr >= 1 / 3) / n
    mrr = sum(reciprocal_ranks) / n
    RELEVANCE_REPORT.append(
        f"{backend_label(search_backend)}: {n} queries, top-3 hit rate {hit_rate:.2f}, "
        f"MRR {mrr:.3f}" + (f"; misses: {'; '.join(misses)}" if misses else "")
    )
    assert hit_rate >= MIN_TOP3_HIT_RATE, misses
    assert mrr >= MIN_MRR, misses
