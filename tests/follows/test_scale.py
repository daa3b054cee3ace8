"""Building the digests takes a bounded number of queries per follow: a constant number per
batch of people for the follows of places, goals, examples and seminars, a bounded number per
distinct saved search, and one per mail sent (marking it sent)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from examples.models import Goal, SeminarPage
from follows import digests
from tests.follows.conftest import follow_of

pytestmark = pytest.mark.django_db


def queries_for(people, county, example, seminar, goal, searches=0):
    since = {"seen_until": timezone.now() - timedelta(days=1)}
    for n in range(people):
        address = f"p{n}@example.se"
        follow_of(address, "county", county.pk, **since)
        follow_of(address, "goal", goal.pk, **since)
        follow_of(address, "example", example.pk, **since)
        follow_of(address, "seminar", seminar.pk, **since)
    for n in range(searches):
        follow_of(f"s{n}@example.se", "search", f"q=ord{n}", **since)
    with CaptureQueriesContext(connection) as captured:
        report = digests.run(force=True)
    return len(captured), report


@pytest.fixture
def world(county, publish, demo):
    example = publish(title="Följs av många")
    goal = Goal.objects.order_by("number").first()
    example.goals.add(goal)
    example.save()
    return county, example, SeminarPage.objects.live().first(), goal


def test_queries_grow_only_by_one_per_mail(world):
    small, small_report = queries_for(5, *world)
    assert small_report.sent == 5
    from follows.models import Digest, Follow, Subscriber

    Digest.objects.all().delete()
    Follow.objects.all().delete()
    Subscriber.objects.all().delete()
    large, large_report = queries_for(60, *world)
    assert large_report.sent == 60
    assert large - small <= 60 - 5  # at most one more per mail (caches may save some)


def test_each_distinct_saved_search_costs_a_bounded_number_of_queries(world):
    from follows.models import Digest, Follow, Subscriber

    none, _ = queries_for(0, *world, searches=2)
    Digest.objects.all().delete()
    Follow.objects.all().delete()
    Subscriber.objects.all().delete()
    more, _ = queries_for(0, *world, searches=12)
    assert (more - none) / 10 <= 6


def test_a_saved_search_followed_in_every_batch_is_searched_once_a_run(world, monkeypatch):
    """10 000 follows of 100 distinct searches are read in batches of people: each search runs
    once a run, not once a batch, and everyone in every batch still gets its new examples."""
    from follows import sources
    from follows.models import Digest, Follow

    calls = []
    real = sources.run_search

    def counting(params):
        calls.append(params.query)
        return real(params)

    monkeypatch.setattr(sources, "run_search", counting)
    since = timezone.now() - timedelta(days=1)
    for n in range(6):
        follow_of(f"s{n}@example.se", "search", "q=f%C3%B6ljs", seen_until=since)
    report = digests.run(force=True, batch_size=2)
    assert report.sent == 6
    assert calls == ["följs"]
    found = [[item["text"] for item in d.groups[0]["items"]] for d in Digest.objects.all()]
    assert len(found) == 6 and found[0] and all(items == found[0] for items in found)
    Follow.objects.update(seen_until=since)  # the same news again for a new run:
    digests.run(force=True, batch_size=2)  # it searches again
    assert calls == ["följs", "följs"]
