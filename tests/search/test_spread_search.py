"""Search by where an example runs: "Införd i", the municipality filter and the sort by spread,
on every backend, and the index following ``examples.spread.places_changed`` after commit.

Cross (Örebro län, from Karlskoga) is made to run in Kumla and in Uppsala as well, through the
fake provider of ``tests/spread_fakes.py``.
"""

import datetime

import pytest

from examples import spread
from examples.models import ExamplePage
from search.backends.base import SearchParams
from search.backends.database import DatabaseBackend
from tests.spread_fakes import adoption, provided_places

pytestmark = pytest.mark.django_db

provided = pytest.fixture(provided_places, name="provided")


def slugs(backend, **kwargs):
    results = backend.search(SearchParams(per_page=50, **kwargs))
    by_id = dict(ExamplePage.objects.values_list("pk", "slug"))
    return [by_id[hit.page_id] for hit in results.hits]


@pytest.fixture
def cross_spread(demo, provided, django_capture_on_commit_callbacks):
    """Cross adopted in Kumla and Uppsala, announced as the adoptions app will: after commit."""
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    provided[cross.pk] = [
        adoption(cross, "1881", since=datetime.date(2024, 1, 1)),
        adoption(cross, "0380", since=datetime.date(2025, 1, 1)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        spread.places_changed.send(sender=None, example_ids=[cross.pk])
    return cross


def rebuilt(search_backend):
    """The Elasticsearch backends are filled by a rebuild; the database one by the signal."""
    if not isinstance(search_backend, DatabaseBackend):
        search_backend.rebuild(lambda line: None)
    return search_backend


def test_the_municipality_filter_finds_examples_adopted_there(search_backend, cross_spread):
    backend = rebuilt(search_backend)
    assert slugs(backend, filters={"kommun": ("kumla",)}) == ["cross-orebro-lan"]
    assert slugs(backend, filters={"kommun": ("karlskoga",)}) == ["cross-orebro-lan"]
    assert "cross-orebro-lan" in slugs(backend, filters={"kommun": ("uppsala",)})


def test_infort_i_counts_every_county_where_an_example_runs(search_backend, cross_spread):
    backend = rebuilt(search_backend)
    uppsala = set(slugs(backend, filters={"infort": ("uppsala-lan",)}))
    own = set(
        ExamplePage.objects.live().filter(county__slug="uppsala-lan").values_list("slug", flat=True)
    )
    assert uppsala == own | {"cross-orebro-lan"}
    facets = backend.search(SearchParams()).facets["infort"]
    assert facets["uppsala-lan"] == len(own) + 1
    assert (
        facets["orebro-lan"] == ExamplePage.objects.live().filter(county__slug="orebro-lan").count()
    )


def test_sorting_by_spread_puts_the_widest_first(search_backend, cross_spread):
    backend = rebuilt(search_backend)
    found = slugs(backend, sort="spridning")
    assert found[0] == "cross-orebro-lan"  # Karlskoga, Kumla and Uppsala: three
    assert found[1] == "forebyggande-hembesok-79-aringar-kalmar-lan"  # three of its own, older
    assert len(found) == ExamplePage.objects.live().count()


def test_the_search_page_offers_the_facet_and_the_sort(cross_spread, client):
    from bs4 import BeautifulSoup

    response = client.get("/sok/", {"infort": "uppsala-lan", "sortering": "spridning"})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    current = soup.select_one(".sort-links a[aria-current]")
    assert current.get_text(strip=True) == "Spridning"
    box = soup.find("input", attrs={"name": "infort", "value": "uppsala-lan"})
    assert box is not None and box.has_attr("checked")
    assert "Införd i" in box.find_parent("fieldset").get_text()
    titles = [a.get_text(strip=True) for a in soup.select(".result-list h2 a, .result-list h3 a")]
    assert titles[0] == "Cross i Örebro län"


def test_a_withdrawn_place_leaves_the_index_after_commit(
    cross_spread, provided, django_capture_on_commit_callbacks
):
    provided[cross_spread.pk] = []
    with django_capture_on_commit_callbacks(execute=True):
        spread.places_changed.send(sender=None, example_ids=[cross_spread.pk])
    assert slugs(DatabaseBackend(), filters={"kommun": ("kumla",)}) == []
