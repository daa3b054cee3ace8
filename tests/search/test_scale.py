"""At scale the real examples stay findable: the demo plus a few hundred generated examples.

The benchmark's generator (``bench/generator.py``) writes examples from the demo's own sentences,
tags and places, spread over every county, goal and municipality: hundreds of texts naming the
same county or goal as a real example. A visitor searching a county in any of its names, a
municipality or a goal's wording must still find the demo examples of that place or goal on the
first page, not behind titles that merely repeat the word.
"""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

from examples.models import ExamplePage
from search import indexing
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


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Not met yet: the generated examples are built from the demo's own sentences, tags, "
        "places and goal wordings. Being located in the place named now puts a county's own "
        "examples above those that only quote it (Blekinge, Uppsala, Gotland and Värmland "
        "pass), but among a county's or a goal's own examples the generated ones are as good a "
        "match as the demo example by every signal the ranking has (coverage, field weights, "
        "length, the place or goal as typed); telling them apart needs near-duplicate detection."
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
