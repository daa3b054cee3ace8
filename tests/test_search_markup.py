"""The search page's facet options and result cards, now written without template loops.

The facet options are built in Python (``search/templatetags/search_tags.py``) and the cards read
only what they show (``search.views.RESULT_FIELDS``): what a visitor sees and can use must not
change with that.
"""

import html as html_lib
import re

from taggit.models import Tag

import pytest

from examples.models import ExamplePage, TargetArea
from search.templatetags.search_tags import facet_checkboxes, facet_select_options
from tests.factories import ExamplePageFactory
from tests.opendata.conftest import index

pytestmark = pytest.mark.django_db


def test_a_checkbox_escapes_its_label_and_keeps_its_state():
    markup = str(
        facet_checkboxes(
            "tagg",
            [
                {
                    "value": "a-b",
                    "label": '<script>alert("x")</script>',
                    "count": 3,
                    "selected": True,
                },
                {"value": "c", "label": "Skola & hem", "count": 1, "selected": False},
            ],
        )
    )

    assert "<script>" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in markup
    first, second = markup.split("\n")
    assert 'id="facet-tagg-a-b" name="tagg" value="a-b" form="search-form" checked>' in first
    assert '<label for="facet-tagg-a-b">' in first and ">3<" in first
    assert "checked" not in second and "Skola &amp; hem" in second
    assert '<span class="visually-hidden"> exempel</span>' in second


def test_a_select_option_marks_the_chosen_municipality():
    markup = str(
        facet_select_options(
            [
                {"value": "umea", "label": "Umeå", "count": 2, "selected": True},
                {"value": "lycksele", "label": "Lycksele", "count": 1, "selected": False},
            ]
        )
    )
    assert markup.split("\n") == [
        '<option value="umea" selected>Umeå (2)</option>',
        '<option value="lycksele">Lycksele (1)</option>',
    ]


def test_the_page_shows_counted_options_and_cards_with_their_areas(demo, client, example_index):
    areas = list(TargetArea.objects.filter(slug__in=["skola", "socialtjanst"]))
    page = ExamplePageFactory(parent=example_index, title="Markupprovet", target_areas=areas)
    page.tags.add("provtaggen")
    page.save_revision().publish()
    index([ExamplePage.objects.get(pk=page.pk)])

    html = client.get("/sok/", {"q": "Markupprovet", "tagg": "provtaggen"}).content.decode()

    card = html[html.index('class="result"') :]
    card = card[: card.index("</article>")]
    assert "Markupprovet" in card and "Stockholms län" in card
    assert re.findall(r"<li>([^<]+)</li>", card) == [area.name for area in areas]
    tag = Tag.objects.get(name="provtaggen")
    assert (
        f'id="facet-tagg-{tag.slug}" name="tagg" value="{tag.slug}" form="search-form" checked>'
        in html
    )
    county = html_lib.unescape(html[html.index('id="facet-lan-stockholms-lan"') :][:400])
    assert 'Stockholms län <span class="facet__count">1' in county
