"""A place query ranks the examples located there above those whose text only names the place.

With a few hundred examples, "Region Blekinge" listed examples from Stockholm and Västerbotten
that quote a sentence about Blekinge above BarnSäkert, Blekinge's own (rank 67 of 115): being
in a place is what a place query asks for. Each backend adds half a coverage tier for an
example in the county named, or in a municipality named (``query.located``): an example with
more of the query's words still comes first.
"""

import pytest

from examples.models import ExamplePage, Municipality
from search import query
from search.backends.base import SearchParams
from search.queries import LOCATED, build_search
from tests.opendata.conftest import index
from tests.search.conftest import ranked

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentions(demo, published_in_stockholm):
    """Two examples elsewhere whose title and summary name Blekinge and Karlskrona."""
    return published_in_stockholm(
        "Lärdomar från Blekinge och Karlskrona",
        "Vi besökte Region Blekinge och Karlskrona kommun för att lära av Blekinge.",
    )


@pytest.mark.parametrize("q", ["Region Blekinge", "Blekinge län", "blekinge"])
def test_the_county_named_comes_before_examples_that_only_name_it(mentions, q):
    slugs = ranked(q)
    assert slugs[0] == "barnsakert-blekinge", slugs[:4]
    assert {page.slug for page in mentions} <= set(slugs)  # still found, further down


def test_a_municipality_named_counts_where_the_example_runs(mentions, demo):
    barnsakert = ExamplePage.objects.get(slug="barnsakert-blekinge")
    barnsakert.municipalities.add(Municipality.objects.get(code="1080"))  # Karlskrona
    barnsakert.save_revision().publish()
    index([ExamplePage.objects.get(pk=barnsakert.pk)])
    assert ranked("Karlskrona kommun")[0] == "barnsakert-blekinge"


def test_more_of_the_words_still_outranks_the_place(mentions):
    """Located is worth half a tier: the examples having both words stay first."""
    slugs = ranked("lärdomar Blekinge")
    assert set(slugs[:2]) == {page.slug for page in mentions}
    assert "barnsakert-blekinge" in slugs


def test_the_places_named_as_facet_values():
    assert query.located(query.analyse("barn i Region Blekinge")) == {"lan": ("blekinge-lan",)}
    assert query.located(query.analyse("Öland")) == {"kommun": ("borgholm", "morbylanga")}
    assert query.located(query.analyse("barn och unga")) == {}


def test_elasticsearch_adds_the_same_boost_for_a_place_only():
    body = build_search(SearchParams(query="Region Blekinge"), "goda-exempel").to_dict()
    boost = body["query"]["bool"]["should"][0]["constant_score"]
    assert boost["boost"] == LOCATED
    assert boost["filter"]["bool"]["should"] == [{"terms": {"county": ["blekinge-lan"]}}]
    plain = build_search(SearchParams(query="barn"), "goda-exempel").to_dict()
    assert not any("county" in str(clause) for clause in plain["query"]["bool"]["should"]), (
        "no place, no located clause"
    )
