"""Apps built on ``examples`` add sections to the example page and places where it runs
(``examples.extensions``, ``examples.spread``) without ``examples`` importing them."""

import datetime

from django.db.models import QuerySet

import pytest

from examples import extensions, spread
from tests.factories import ExamplePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    seen = []

    def context(page, request):
        seen.append(page.pk)
        return None if page.title == "Dold" else {"text": f"Infört på {page.title}-orten"}

    extensions.register(
        "test-section", template="tests/example_section.html", context=context, slot="aside"
    )
    yield seen
    extensions.unregister("test-section")


@pytest.fixture
def section_template(settings, tmp_path):
    folder = tmp_path / "tests"
    folder.mkdir()
    (folder / "example_section.html").write_text('<p class="test-section">{{ section.text }}</p>')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]


def test_a_registered_section_shows_on_the_example_page(
    client, example_index, section, section_template
):
    page = ExamplePageFactory(parent=example_index, title="Blekinge")
    response = client.get(page.url)
    assert response.status_code == 200
    assert '<p class="test-section">Infört på Blekinge-orten</p>' in response.text
    assert section == [page.pk]


def test_a_section_that_returns_none_shows_nothing(
    client, example_index, section, section_template
):
    page = ExamplePageFactory(parent=example_index, title="Dold")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "test-section" not in response.text


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError):
        extensions.register("x", template="x.html", context=lambda p, r: {}, slot="footer")


def test_provided_places_are_grouped_per_example():
    def provider(example_ids):
        return [
            spread.Place(
                example_id=i,
                kind="adoption",
                name=f"Kommun {i}",
                stage=2,
                since=datetime.date(2024, 1, 1),
            )
            for i in example_ids
            if i != 3
        ]

    spread.register_provider("test", provider)
    try:
        places = spread.provided_places([1, 2, 3])
    finally:
        spread.unregister_provider("test")
    assert [p.name for p in places[1]] == ["Kommun 1"]
    assert [p.name for p in places[2]] == ["Kommun 2"]
    assert places[3] == []
    assert spread.provided_places([]) == {}


@pytest.mark.django_db
def test_every_live_example_s_places_are_asked_for_by_a_subquery_not_by_their_ids(demo):
    """PostgreSQL takes at most 65 535 parameters a statement: at 100 000 examples the overview
    and the county pages failed with every live example's id in one ``IN``. The providers get
    the live examples as a queryset to use as a subquery, and answer as they do for a list."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from adoptions import places as adoption_places
    from examples import listing

    received = []
    spread.register_provider("spy", lambda ids: received.append(ids) or [])
    try:
        with CaptureQueriesContext(connection) as ctx:
            reach = listing.live_reach()
    finally:
        spread.unregister_provider("spy")
    assert len(received) == 1 and isinstance(received[0], QuerySet)
    ids = list(received[0])
    assert len(ids) > 10
    assert not any(f"{ids[0]}, {ids[1]}" in query["sql"] for query in ctx.captured_queries)
    as_list = adoption_places.places_for(ids)
    assert as_list  # the demo's own spread places
    assert adoption_places.places_for(received[0]) == as_list
    assert sum(len(places) for places in reach.provided.values()) == len(as_list)


def page_queries(client, path):
    """The queries and HTML of one view of ``path``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in ctx.captured_queries], response.content.decode()


def test_the_article_is_kept_until_the_next_change(client, example_index):
    """Every section is kept, so the whole article is (extensions.article_key): a second view
    only finds the page (routing) and shows the same HTML; a published edit shows at once."""
    page = ExamplePageFactory(parent=example_index, title="Kvar", summary="Den första texten.")
    first, html = page_queries(client, page.url)
    again, same = page_queries(client, page.url)
    assert same == html and "Den första texten." in html
    assert len(again) == 2 < len(first), again  # the path's pages, then the page itself
    assert "examples_examplepage_goals" not in " ".join(again), "the relations are not read"

    page.summary = "Den andra texten."
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Den andra texten." in html and "Den första texten." not in html


def test_a_section_that_depends_on_the_visitor_keeps_the_article_rendered(
    client, example_index, section_template
):
    """A section not registered ``cacheable`` may show each visitor something of their own, so
    the article around it is rendered on every view (its kept parts still read one by one)."""
    views = []

    def context(page, request):
        views.append(page.pk)
        return {"text": f"Visning {len(views)}"}

    extensions.register(
        "test-section", template="tests/example_section.html", context=context, slot="aside"
    )
    try:
        page = ExamplePageFactory(parent=example_index, title="Per besök")
        assert "Visning 1" in client.get(page.url).content.decode()
        assert "Visning 2" in client.get(page.url).content.decode()
    finally:
        extensions.unregister("test-section")


def test_without_a_shared_cache_nothing_of_the_page_is_kept(client, example_index, settings):
    """FRAGMENT_CACHE_SECONDS is 0 without REDIS_URL: a change made in another process could not
    purge one process's memory, so every view renders the article, as the first one did."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    page = ExamplePageFactory(parent=example_index, title="Inte kvar")
    client.get(page.url)  # what every request shares per process (vocabulary, sites) is read
    first, html = page_queries(client, page.url)
    again, same = page_queries(client, page.url)
    assert same == html
    assert len(again) == len(first) > 2, again
