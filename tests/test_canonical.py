"""The canonical link names the page a search engine should index (issue 15, h7).

Query parameters that show the same content another way (tracking tags, ``?sida=1``, a bad
page number, filters and searches) are left out, so links shared with them count for one
page; a later page of an unfiltered listing shows other examples, and so is its own canonical
(search engines index paginated series page by page; pointing page 2 at page 1 would hide the
examples only page 2 lists).
"""

import re

from django.conf import settings
from django.db.models import Count

import pytest

from examples import listing
from examples.listing import PAGE_SIZE
from examples.models import County, ExamplePage

pytestmark = pytest.mark.django_db


def canonical(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    links = re.findall(r'<link rel="canonical" href="([^"]*)">', response.content.decode())
    assert len(links) == 1, path
    assert links[0].startswith(settings.SITE_URL + "/")
    return links[0].removeprefix(settings.SITE_URL)


@pytest.fixture
def last_page(demo):
    count = ExamplePage.objects.live().count()
    assert count > PAGE_SIZE, "the demo's examples fill more than one listing page"
    return -(-count // PAGE_SIZE)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/goda-exempel/", "/goda-exempel/"),
        ("/goda-exempel/?sida=1", "/goda-exempel/"),
        ("/goda-exempel/?sida=abc", "/goda-exempel/"),
        ("/goda-exempel/?sida=1e9", "/goda-exempel/"),
        ("/goda-exempel/?sida=%00&sida=2", "/goda-exempel/?sida=2"),
        ("/goda-exempel/?utm_source=nyhetsbrev&utm_medium=e-post", "/goda-exempel/"),
        ("/goda-exempel/?sida=2", "/goda-exempel/?sida=2"),
        ("/goda-exempel/?sida=2&utm_source=nyhetsbrev", "/goda-exempel/?sida=2"),
        # A filter that matches nothing known is ignored by the listing, so page 2 stays page 2.
        ("/goda-exempel/?lan=finns-inte&sida=2", "/goda-exempel/?sida=2"),
        ("/?sida=2&fbclid=abc", "/"),
        ("/sok/?q=barn", "/sok/"),
        ("/sok/?q=barn&sida=2", "/sok/"),
        ("/konto/login/?next=/dela/", "/konto/login/"),
    ],
)
def test_parameters_that_make_no_other_page_are_left_out(client, demo, path, expected):
    assert canonical(client, path) == expected


def test_a_page_number_past_the_end_names_the_last_page_it_shows(client, last_page):
    assert canonical(client, "/goda-exempel/?sida=99999") == f"/goda-exempel/?sida={last_page}"


def test_a_filtered_listing_names_the_unfiltered_listing(client, demo, monkeypatch):
    # One example a page, so a county with two examples fills a second page.
    monkeypatch.setattr(listing.paginate, "__defaults__", (1,))
    county = County.objects.annotate(n=Count("examples")).filter(n__gte=2).first()
    html = client.get(f"/goda-exempel/?lan={county.slug}&sida=2").content.decode()
    assert "Sida 2 av" in html and county.name in html
    assert canonical(client, f"/goda-exempel/?lan={county.slug}&sida=2") == "/goda-exempel/"
    assert canonical(client, "/goda-exempel/?sida=2") == "/goda-exempel/?sida=2"


def test_an_example_page_ignores_any_page_number(client, demo):
    example = ExamplePage.objects.live().first()
    assert canonical(client, example.url + "?sida=3&utm_campaign=x") == example.url


def test_the_pagination_links_lead_to_pages_that_name_themselves(client, last_page):
    """Following "Nästa sida" lands on a page whose canonical is that page's own address."""
    html = client.get("/goda-exempel/").content.decode()
    next_link = re.search(r'<a href="(\?sida=\d+)" rel="next">', html).group(1)
    assert canonical(client, "/goda-exempel/" + next_link) == "/goda-exempel/" + next_link
