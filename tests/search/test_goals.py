"""A query naming one of the 22 goals ranks the examples linked to that goal first.

At scale the issue measured goal 9's wording falling from rank 1 to 122 behind texts that merely
contain its everyday words. Being linked to the goal is what a goal query asks for: as for a
place (``test_located.py``), each backend adds half a coverage tier for it, so an example with
more of the query's words still comes first.
"""

import csv

import pytest

from examples.models import ExamplePage, Goal
from search import goals, query
from search.backends.base import SearchParams
from search.queries import LOCATED, build_search
from tests.search.conftest import ranked

GOALS = list(csv.DictReader(goals.GOALS_CSV.read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize("row", GOALS, ids=[row["slug"] for row in GOALS])
def test_each_goal_s_own_wording_names_that_goal_only(row):
    assert goals.named(query.analyse(row["text"])) == (row["slug"],)


@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("minska fallskador hos äldre", "fallskador-hos-aldre"),
        ("färre fallskador bland äldre", "fallskador-hos-aldre"),
        ("äldre och fallprevention", "fallskador-hos-aldre"),  # through the thesaurus
        ("trygghet i skolan", "trygghet-i-skolan"),
        ("barn i ekonomisk utsatthet", "barn-i-ekonomisk-utsatthet"),
        ("bemötande i äldreomsorgen", "aldreomsorgens-bemotande"),
        ("karies hos barn", "karies-hos-3-aringar"),
    ],
)
def test_a_goal_in_the_visitor_s_own_words(q, slug):
    assert goals.named(query.analyse(q)) == (slug,)


@pytest.mark.parametrize(
    "q",
    [
        "barn och unga",  # words many goals share
        "äldre personer",
        "hälsa för äldre",
        "fallskador",  # one word: the text decides
        "psykisk ohälsa hos unga",
        "fallskador i Region Jämtland Härjedalen hemtjänst",  # fewer than half of the words
    ],
)
def test_everyday_queries_name_no_goal(q):
    assert goals.named(query.analyse(q)) == ()


def test_a_goal_and_a_place_both_count():
    assert query.located(query.analyse("fallskador äldre Gävleborg")) == {
        "lan": ("gavleborgs-lan",),
        "mal": ("fallskador-hos-aldre",),
    }


@pytest.fixture
def texts_with_the_words(demo, published_in_stockholm):
    """Two examples not linked to goal 9 whose title and summary have its everyday words."""
    return published_in_stockholm(
        "Fallskador hos äldre i statistiken",
        "Vi läste om hur kommuner kan minska fallskador hos äldre.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q", ["fallskador äldre", "Minska antalet äldre som drabbas av fallskador"]
)
def test_the_examples_linked_to_the_goal_come_first(texts_with_the_words, q):
    linked = set(
        ExamplePage.objects.filter(goals=Goal.objects.get(slug="fallskador-hos-aldre"))
        .live()
        .values_list("slug", flat=True)
    )
    assert "proaktiv-halsostyrning-gavleborg" in linked
    slugs = ranked(q)
    assert set(slugs[: len(linked)]) == linked, slugs[:5]
    assert {page.slug for page in texts_with_the_words} <= set(slugs)  # still found, further down


@pytest.mark.django_db
def test_more_of_the_words_still_outranks_the_goal(texts_with_the_words):
    """Linked is worth half a tier: the examples having every word stay first."""
    slugs = ranked("minska fallskador hos äldre statistiken")
    assert set(slugs[:2]) == {page.slug for page in texts_with_the_words}


def test_elasticsearch_adds_the_same_boost_for_a_goal():
    body = build_search(SearchParams(query="fallskador äldre"), "goda-exempel").to_dict()
    boost = body["query"]["bool"]["should"][0]["constant_score"]
    assert boost["boost"] == LOCATED
    assert boost["filter"]["bool"]["should"] == [{"terms": {"goals": ["fallskador-hos-aldre"]}}]


@pytest.mark.django_db
def test_on_a_live_server_the_linked_examples_come_first_too(texts_with_the_words, osmem_backend):
    """The same boost through the Elasticsearch backend and an HTTP server (osmem-server)."""
    osmem_backend.rebuild(lambda line: None)
    results = osmem_backend.search(SearchParams(query="fallskador äldre", per_page=50))
    by_id = dict(ExamplePage.objects.values_list("pk", "slug"))
    slugs = [by_id[hit.page_id] for hit in results.hits]
    assert slugs[0] == "proaktiv-halsostyrning-gavleborg", slugs[:4]
    assert {page.slug for page in texts_with_the_words} <= set(slugs)
