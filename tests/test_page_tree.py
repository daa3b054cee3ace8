"""Page-tree rules: which page types may live where, so editors cannot build a broken site."""

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from examples.models import (
    CountyIndexPage,
    ExampleIndexPage,
    ExamplePage,
    GoalIndexPage,
    OverviewPage,
    SeminarIndexPage,
    SeminarPage,
)
from website.models import AccessibilityStatementPage, ContentPage, HomePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_start_page_holds_the_sections_and_content_pages(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ExampleIndexPage,
                GoalIndexPage,
                CountyIndexPage,
                SeminarIndexPage,
                OverviewPage,
                ContentPage,
                AccessibilityStatementPage,
            },
        )

    def test_examples_live_only_in_the_examples_listing(self):
        self.assertAllowedParentPageTypes(ExamplePage, {ExampleIndexPage})
        self.assertAllowedSubpageTypes(ExamplePage, set())
        self.assertAllowedSubpageTypes(ExampleIndexPage, {ExamplePage})

    def test_seminars_live_only_in_the_seminar_listing(self):
        self.assertAllowedParentPageTypes(SeminarPage, {SeminarIndexPage})
        self.assertAllowedSubpageTypes(SeminarIndexPage, {SeminarPage})

    def test_goal_and_county_pages_are_routes_not_child_pages(self):
        self.assertAllowedSubpageTypes(GoalIndexPage, set())
        self.assertAllowedSubpageTypes(CountyIndexPage, set())

    def test_sections_exist_once(self):
        for model in (HomePage, ExampleIndexPage, GoalIndexPage, CountyIndexPage, SeminarIndexPage):
            assert model.max_count == 1, model

    def test_content_pages_nest(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})


def test_content_pages_cannot_take_a_path_the_site_uses(db):
    home = HomePage.objects.get()
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=ContentPage(title="API", slug="api", live=True))
    assert "/api/ används redan" in str(error.value)
