"""At scale the real examples stay findable: the demo plus a few hundred generated examples.

The benchmark's generator (``bench/generator.py``) writes examples from the demo's own sentences,
tags and places, spread over every county, goal and municipality: hundreds of texts naming the
same county or goal as a real example. A visitor searching a county in any of its names, a
municipality or a goal's wording must still find the demo examples of that place or goal on the
first page, not behind titles that merely repeat the word.

The first half holds: no generated text that only names a place outranks a real example located
there. The second (the first page) does not, and cannot by relevance alone: among the hundreds of
generated examples located in the same county, each is as good a match as the real one.
"""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

from examples.models import ExamplePage
from search import indexing
from search import query as search_query
from search.backends.base import PER_PAGE, SearchParams
from search.backends.database import DatabaseBackend

pytestmark = pytest.mark.django_db

GENERATED = 300
QUERIES = [
    entry
    for entry in json.loads((Path(__file__).parent / "relevance.json").read_text("utf-8"))[
        "queries"
    ]
    if entry["kind"] in {"place", "goal"} and entry["expected"]
]


@pytest.fixture
def crowded(demo):
    call_command("generate_bench_data", "--count", str(GENERATED), stdout=StringIO())
    indexing.rebuild_database()
    return dict(ExamplePage.objects.values_list("pk", "slug"))


def located_in(page: ExamplePage, located: dict[str, tuple[str, ...]]) -> bool:
    """Whether the example is located in a place the query names: its county or a municipality."""
    municipalities = {m.slug for m in page.municipalities.all()}
    return page.county.slug in located.get("lan", ()) or bool(
        municipalities & set(located.get("kommun", ()))
    )


def test_no_generated_text_merely_naming_a_place_outranks_a_real_example_located_there(crowded):
    """The failure the issue measured: a real example whose only match is its county dropped
    behind synthetic texts repeating the place's name. Whatever the order among the examples
    located in the place, one that only names it never comes first."""
    backend = DatabaseBackend()
    pages = ExamplePage.objects.select_related("county").prefetch_related("municipalities")
    pages = {page.pk: page for page in pages}
    checked, wrong = 0, []
    for entry in QUERIES:
        located = search_query.located(search_query.analyse(entry["q"]))
        if entry["kind"] != "place" or not located:
            continue
        results = backend.search(SearchParams(query=entry["q"], per_page=200))
        ranked = [pages[hit.page_id] for hit in results.hits]
        for slug in entry["expected"]:
            real = next((page for page in ranked if page.slug == slug), None)
            if real is None or not located_in(real, located):
                continue
            checked += 1
            above = ranked[: ranked.index(real)]
            merely_naming = [page.slug for page in above if not located_in(page, located)]
            if merely_naming:
                wrong.append(f"{entry['q']!r}: {slug} below {merely_naming[:3]}")
    assert checked >= 40
    assert not wrong, "\n".join(wrong)


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Not met, and not by relevance: the generated examples are built from the demo's own "
        "sentences, tags, places and goal wordings. Being located in the place named puts a "
        "county's own examples above texts that only name it (the test above), being linked to "
        "the goal named above texts with as many of its words (test_goals.py), but among them "
        "the generated ones are as good a match as the "
        "demo example by every signal the ranking has (coverage, field weights, length, the "
        "place or goal as typed), and a goal paraphrase's other words ('hos') are in their "
        "texts, not in the demo's."
    ),
)
def test_place_and_goal_queries_keep_the_demo_examples_on_the_first_page(crowded):
    backend = DatabaseBackend()
    assert len(crowded) > GENERATED
    lost, crowded_pages = [], 0
    for entry in QUERIES:
        results = backend.search(SearchParams(query=entry["q"]))
        slugs = [crowded[hit.page_id] for hit in results.hits]
        crowded_pages += results.total > PER_PAGE
        missing = [slug for slug in entry["expected"] if slug not in slugs]
        if missing:
            deeper = backend.search(SearchParams(query=entry["q"], per_page=100))
            ranks = [crowded[hit.page_id] for hit in deeper.hits]
            where = {slug: ranks.index(slug) + 1 if slug in ranks else None for slug in missing}
            lost.append(f"{entry['q']!r}: {where}, first {slugs[:3]}")
    assert crowded_pages >= len(QUERIES) / 2  # the generated examples do crowd the pages
    assert not lost, "\n".join(lost)
