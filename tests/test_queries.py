"""Listing pages make a constant number of SQL queries whatever the number of examples."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from examples.models import CustomImage, Goal
from tests.factories import ExamplePageFactory

pytestmark = pytest.mark.django_db

# The factory puts new examples in Stockholms län, which has no demo examples, so these pages
# list exactly the examples the test adds (fewer than a page of results).
PAGES = [
    "/",
    "/goda-exempel/?lan=stockholms-lan",
    "/mal/",
    "/mal/fallskador-hos-aldre/",
    "/lan/",
    "/lan/stockholms-lan/",
    "/sok/?q=testexempel",
    "/seminarier/seminarium-1-livet-som-barn-och-ungdom/",
]


def queries_per_page(client):
    counts = {}
    for path in PAGES:
        client.get(path)  # warm caches shared by every request (site root, content types)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(ctx.captured_queries)
    return counts


def add_examples(index, n):
    """Examples like the demo's: with a cover image and a goal."""
    goal = Goal.objects.get(slug="fallskador-hos-aldre")
    image = CustomImage.objects.first()
    for _ in range(n):
        page = ExamplePageFactory(parent=index, cover_image=image)
        page.goals = [goal]
        page.save()


def test_query_counts_do_not_grow_with_the_number_of_examples(client, example_index):
    add_examples(example_index, 5)
    small = queries_per_page(client)
    add_examples(example_index, 45)
    large = queries_per_page(client)
    assert large == small
    assert max(small.values()) <= 20, small
