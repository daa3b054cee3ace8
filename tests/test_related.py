"""Related examples on an example page: shared goals, target areas and tags, never the page."""

import pytest
from bs4 import BeautifulSoup

from examples.models import ExamplePage, Goal, TargetArea
from examples.related import RELATED_LIMIT, related_examples
from tests.factories import ExamplePageFactory

pytestmark = pytest.mark.django_db


def related_slugs(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.find(id="related-heading")
    if section is None:
        return []
    return [a["href"].strip("/").split("/")[-1] for a in section.parent.select(".card__title a")]


def test_every_demo_example_lists_related_examples_but_never_itself(demo, client):
    pages = ExamplePage.objects.live()
    shown = {}
    for page in pages:
        slugs = related_slugs(client, page)
        assert page.slug not in slugs
        assert len(slugs) <= RELATED_LIMIT
        shown[page.slug] = slugs
    assert sum(1 for slugs in shown.values() if slugs) >= len(shown) - 2
    # The two "Första linjen för unga" share their area and three tags.
    assert shown["forsta-linjen-unga-gotland"][0] == "forsta-linjen-unga-varmland"
    assert shown["sexit-jamtland"][0] == "pilot-elevhalsocentral-jonkopings-lan"


@pytest.fixture
def trio(example_index):
    """A page, one example sharing its goal and tag, one sharing only its target area."""
    area = TargetArea.objects.get(slug="skola")
    other_area = TargetArea.objects.get(slug="fritid")
    goal = Goal.objects.get(number=1)  # no demo example affects it

    def make(areas, goals=(), tags=()):
        page = ExamplePageFactory(parent=example_index, target_areas=list(areas))
        page.goals = list(goals)
        page.tags.add(*tags)
        page.save_revision().publish()
        return ExamplePage.objects.get(pk=page.pk)

    page = make([area], [goal], ["unik testtagg"])
    by_goal_and_tag = make([other_area], [goal], ["unik testtagg"])
    by_area = make([area])
    return page, by_goal_and_tag, by_area


def test_shared_goals_and_tags_come_before_a_shared_area(trio):
    page, by_goal_and_tag, by_area = trio
    related = related_examples(page)
    assert page not in related
    assert related[:2] == [by_goal_and_tag, by_area]  # the newest of those sharing "skola"
    assert [example.relatedness for example in related[:2]] == [4, 1]


def test_the_tag_every_example_has_makes_nothing_related(example_index):
    page = ExamplePageFactory(parent=example_index, target_areas=[])
    page.save_revision().publish()
    page = ExamplePage.objects.get(pk=page.pk)
    assert [tag.name for tag in page.tags.all()] == ["strategiförhälsa"]
    assert related_examples(page) == []


def test_unpublished_and_restricted_examples_are_never_related(trio):
    from wagtail.models import PageViewRestriction

    page, by_goal_and_tag, by_area = trio
    by_goal_and_tag.unpublish()
    PageViewRestriction.objects.create(page=by_area, restriction_type=PageViewRestriction.LOGIN)
    related = related_examples(page)
    assert by_goal_and_tag not in related
    assert by_area not in related


def test_related_examples_show_on_the_page_as_cards(trio, client):
    page, by_goal_and_tag, _by_area = trio
    assert related_slugs(client, page)[0] == by_goal_and_tag.slug


class FakeElasticsearch:
    """Stands in for the Elasticsearch backend: answers more-like-this with fixed ids or fails."""

    def __init__(self, ids=None, fail=False):
        self.ids, self.fail = ids or [], fail

    def more_like_this(self, page_id, limit):
        from search.backends import SearchBackendError

        if self.fail:
            raise SearchBackendError("Elasticsearch: ConnectionError")
        return [pk for pk in self.ids if pk != page_id][:limit]


def test_elasticsearch_chooses_related_examples_when_it_runs(demo, monkeypatch):
    from examples.models import ExamplePage
    from examples.related import related_examples

    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    chosen = list(
        ExamplePage.objects.exclude(pk=sexit.pk).order_by("pk").values_list("pk", flat=True)[:3]
    )
    monkeypatch.setattr(
        "search.backends.get_backend", lambda: FakeElasticsearch(ids=[sexit.pk, *chosen])
    )
    assert [e.pk for e in related_examples(sexit)] == chosen


def test_related_examples_fall_back_to_the_database_when_elasticsearch_fails(demo, monkeypatch):
    from examples.models import ExamplePage
    from examples.related import related_examples, scored_in_database

    page = ExamplePage.objects.get(slug="barnsakert-blekinge")
    monkeypatch.setattr("search.backends.get_backend", lambda: FakeElasticsearch(fail=True))
    assert [e.pk for e in related_examples(page)] == [e.pk for e in scored_in_database(page)]
