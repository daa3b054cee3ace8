"""A seminar's programme lists only live, public examples, like every other listing."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from examples.models import SeminarPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminar(demo):
    return SeminarPage.objects.get(slug="seminarium-1-livet-som-barn-och-ungdom")


def restrict(page):
    """Editors only: the example is live, but not public."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Redaktörer")])


def test_a_view_restricted_example_is_left_out_of_the_programme(client, seminar):
    hidden, shown = [item.example for item in seminar.items.order_by("sort_order")[:2]]
    html = client.get(seminar.url).content.decode()
    assert hidden.title in html and hidden.summary in html
    restrict(hidden)

    html = client.get(seminar.url).content.decode()
    assert hidden.title not in html
    assert hidden.summary not in html
    assert hidden.url not in html
    assert shown.title in html
