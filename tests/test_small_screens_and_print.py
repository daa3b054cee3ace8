"""What phones, printers and screen readers get from the server's HTML (issue 15).

The browser side (320 px reflow, the menu and filter toggles) is in
tests/browser/test_small_screens.py; these tests read the markup and the stylesheets that make
it work, so they run everywhere.
"""

import re

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError

import pytest
from bs4 import BeautifulSoup

from examples.models import CustomImage, ExamplePage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def static_text(path):
    found = finders.find(path)
    assert found, f"static file {path} is missing"
    with open(found, encoding="utf-8") as handle:
        return handle.read()


# --------------------------------------------------------------------------------------------
# Print
# --------------------------------------------------------------------------------------------


def test_an_example_links_a_print_stylesheet_for_print_only(demo, client):
    example = ExamplePage.objects.live().first()
    soup = soup_of(client, example.url)
    links = [
        link
        for link in soup.find_all("link", rel="stylesheet")
        if link["href"].endswith("css/print.css")
    ]
    assert len(links) == 1, "the page links no print stylesheet"
    assert links[0].get("media") == "print"


def test_the_print_stylesheet_leaves_out_chrome_and_writes_out_link_addresses():
    css = " ".join(static_text("css/print.css").split())
    hidden = re.search(r"([^{}]*)\{ display: none !important; \}", css)
    assert hidden, "print.css hides nothing"
    selectors = {part.strip() for part in hidden.group(1).split(",")}
    for part in (".site-header", ".site-nav", ".site-search", ".site-footer", ".related"):
        assert part in selectors or (part == ".site-search" and ".site-header" in selectors), part
    assert 'a[href^="http"]::after' in css
    assert 'content: " (" attr(href) ")"' in css
    # The site's own links print as absolute addresses (enhance.js fills data-print-href).
    assert 'a[data-print-href]::after { content: " (" attr(data-print-href) ")"; }' in css
    assert "data-print-href" in static_text("js/enhance.js")


# --------------------------------------------------------------------------------------------
# Decorative images
# --------------------------------------------------------------------------------------------


def test_decorative_cover_illustrations_have_empty_alt_on_cards_and_pages(demo, client):
    example = ExamplePage.objects.live().exclude(cover_image=None).first()
    assert example.cover_image.is_decorative, "the demo's illustrations are decorative"

    listing = soup_of(client, example.get_parent().url)
    card_images = listing.select(".card img")
    assert card_images, "the listing shows no card images"
    assert {img.get("alt") for img in card_images} == {""}

    page = soup_of(client, example.url)
    cover = page.select_one(".example__cover")
    assert cover.img["alt"] == ""
    assert cover.figcaption.get_text(" ", strip=True) == "Illustration: Goda exempel för hälsa"


def test_an_image_that_is_not_decorative_keeps_its_alt_text(demo, client):
    example = ExamplePage.objects.live().exclude(cover_image=None).first()
    image = example.cover_image
    image.is_decorative = False
    image.description = "Elever som spelar fotboll på skolgården"
    image.credit = "Anna Andersson"
    image.save()

    page = soup_of(client, example.url)
    cover = page.select_one(".example__cover")
    assert cover.img["alt"] == "Elever som spelar fotboll på skolgården"
    assert cover.figcaption.get_text(" ", strip=True) == "Bild: Anna Andersson"


def test_alt_text_is_required_unless_the_image_is_decorative(demo):
    image = CustomImage.objects.first()
    image.description = ""
    image.is_decorative = False
    with pytest.raises(ValidationError) as error:
        image.clean()
    assert "description" in error.value.message_dict

    image.is_decorative = True
    image.clean()  # no alt text needed


# --------------------------------------------------------------------------------------------
# Phones: one search box, folded filters, tables in scroll regions
# --------------------------------------------------------------------------------------------


def test_the_search_page_has_one_search_box_and_folded_filters_that_count(demo, client):
    soup = soup_of(client, "/sok/?q=skola")
    assert len(soup.select('input[type="search"]')) == 1
    assert soup.select_one(".site-search") is None
    filters = soup.select_one("details.search-filters")
    assert filters is not None and filters.select_one(".search-facets")
    assert filters.summary.get_text(" ", strip=True) == "Filtrera"

    counties = soup.select('input[name="lan"]')
    area = soup.select_one('input[name="omrade"]')
    url = f"/sok/?lan={counties[0]['value']}&lan={counties[1]['value']}&omrade={area['value']}"
    soup = soup_of(client, url)
    assert soup.select_one("details.search-filters > summary").get_text(" ", strip=True) == (
        "Filtrera (3 valda)"
    )


def test_other_pages_keep_the_header_search(demo, client):
    soup = soup_of(client, "/")
    assert soup.select_one(".site-search input[type=search]") is not None


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/oversikt/", 4),  # the county table and one goal table per goal area
        ("/api/", 1),
    ],
)
def test_wide_tables_scroll_in_a_named_focusable_region(demo, client, url, count):
    soup = soup_of(client, url)
    tables = soup.select("main table")
    assert len(tables) >= count
    for table in tables:
        region = table.parent
        assert "table-scroll" in region.get("class", []), str(table)[:120]
        assert region.get("role") == "region"
        assert region.get("tabindex") == "0"
        label = soup.find(id=region.get("aria-labelledby"))
        assert label is not None and label.get_text(strip=True)


def test_the_county_dialogue_table_scrolls_in_a_region(demo, client):
    from examples.models import County

    county = County.objects.filter(dialogues__isnull=False).first()
    soup = soup_of(client, f"/lan/{county.slug}/")
    table = soup.select_one("main table")
    assert table.parent.get("role") == "region"
    assert table.parent.get("tabindex") == "0"
