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
    # Goal 2 + tag 2 + county 1, and area 1 + county 1: all three are in the factory's county.
    assert [example.relatedness for example in related[:2]] == [5, 2]


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


def many_alike(example_index, n, area):
    """``n`` published examples with a cover image that share only the default tag, the county
    and ``area`` with the others."""
    from examples.models import CustomImage

    image = CustomImage.objects.first()
    for _ in range(n):
        example = ExamplePageFactory(parent=example_index, target_areas=[area], cover_image=image)
        example.save_revision().publish()


def related_queries(page):
    """Queries for the related examples of ``page`` after a change (nothing cached)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from website.pagecache import bump

    page = ExamplePage.objects.prefetch_related("goals", "target_areas", "tags").get(pk=page.pk)
    bump()
    with CaptureQueriesContext(connection) as ctx:
        related = related_examples(page)
    return len(ctx.captured_queries), related


def test_related_examples_cost_the_same_with_many_examples_sharing_the_default_tag(trio):
    """More examples sharing "strategiförhälsa" (and the county and an area) add no query, and
    the examples that share a goal and a tag still come first."""
    page, by_goal_and_tag, by_area = trio
    area = TargetArea.objects.get(slug="skola")
    many_alike(page.get_parent(), 3, area)
    few, related = related_queries(page)
    assert related[0] == by_goal_and_tag
    many_alike(page.get_parent(), 30, area)
    many, related = related_queries(page)
    assert many == few
    assert related[0] == by_goal_and_tag
    assert by_area not in related  # newer examples sharing just as much push it out
    assert all(example.relatedness == 2 for example in related[1:])


def test_the_best_match_is_found_when_each_link_brings_only_a_few_candidates(trio, monkeypatch):
    """Candidates are bounded per link: an older example sharing goal and tag still wins over
    newer ones that share only the area, as long as one of its links brings it in."""
    page, by_goal_and_tag, _by_area = trio
    many_alike(page.get_parent(), 8, TargetArea.objects.get(slug="skola"))
    monkeypatch.setattr("examples.related.CANDIDATES_PER_LINK", 3)
    assert related_examples(page)[0] == by_goal_and_tag


def test_a_tag_on_most_examples_makes_nothing_related(trio, monkeypatch):
    """A tag carried by more than half of the examples is as uninformative as the default tag."""
    page, by_goal_and_tag, by_area = trio
    monkeypatch.setattr("examples.related.COMMON_TAG_MIN", 0)
    for example in ExamplePage.objects.live():
        example.tags.add("overallt")
        example.save_revision().publish()
    page = ExamplePage.objects.get(pk=page.pk)
    assert "overallt" in [tag.name for tag in page.tags.all()]
    scores = {example.pk: example.relatedness for example in related_examples(page, limit=50)}
    assert scores[by_goal_and_tag.pk] == 5  # goal, own tag and county; "overallt" adds nothing
    assert scores[by_area.pk] == 2


def test_a_newly_published_example_is_related_at_once(trio, client):
    """The related examples are cached, but a publish renews them on the next request."""
    page, by_goal_and_tag, _by_area = trio
    assert related_slugs(client, page)[0] == by_goal_and_tag.slug
    newcomer = ExamplePageFactory(
        parent=page.get_parent(), target_areas=list(page.target_areas.all())
    )
    newcomer.goals = list(page.goals.all())
    newcomer.tags.add("unik testtagg")
    newcomer.save_revision().publish()
    assert related_slugs(client, page)[0] == newcomer.slug


def test_a_page_viewed_again_shows_the_same_related_examples_from_the_cache(trio, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page, by_goal_and_tag, by_area = trio
    with CaptureQueriesContext(connection) as first:
        shown = related_slugs(client, page)
    with CaptureQueriesContext(connection) as again:
        assert related_slugs(client, page) == shown
    assert shown[:2] == [by_goal_and_tag.slug, by_area.slug]

    def scored(ctx):
        return any("candidates" in query["sql"] for query in ctx.captured_queries)

    assert scored(first)
    assert not scored(again)


def test_a_view_restriction_removes_the_example_from_cached_related_examples(trio, client):
    from wagtail.models import PageViewRestriction

    page, by_goal_and_tag, _by_area = trio
    assert by_goal_and_tag.slug in related_slugs(client, page)
    PageViewRestriction.objects.create(
        page=by_goal_and_tag, restriction_type=PageViewRestriction.LOGIN
    )
    assert by_goal_and_tag.slug not in related_slugs(client, page)
