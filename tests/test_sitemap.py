"""``/sitemap.xml`` is a sitemap index, and every live page is in exactly one of its sitemaps.

A single sitemap stops at 50 000 addresses: at 100 000 examples half of them were in no
sitemap a crawler was told about. The index lists each section's sitemap and its further pages
of ``website.sitemaps.PAGE_SIZE`` addresses (here made small, so the demo needs several).
"""

from django.conf import settings

from wagtail.models import Page

import pytest

from tests import sitemap
from website.sitemaps import PageSitemap

pytestmark = pytest.mark.django_db


def test_the_index_lists_each_section_on_the_site_address(demo, client):
    response = client.get("/sitemap.xml")
    assert response["X-Robots-Tag"].startswith("noindex")
    assert sitemap.sitemaps(client) == [
        f"{settings.SITE_URL}/sitemap-wagtail.xml",
        f"{settings.SITE_URL}/sitemap-opendata.xml",
    ]


def test_every_live_public_page_is_in_exactly_one_sitemap_page(demo, client, monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 10)
    live = Page.objects.live().public().exclude(depth=1)
    assert live.count() > 30
    listed = sitemap.sitemaps(client)
    pages = [location for location in listed if "sitemap-wagtail.xml" in location]
    assert len(pages) == -(-live.count() // 10)  # ceil
    assert pages[1] == f"{settings.SITE_URL}/sitemap-wagtail.xml?p=2"
    locations = sitemap.locations(client)
    assert len(locations) == len(set(locations))
    expected = {page.get_full_url() for page in live.specific()}
    assert expected <= set(locations)
    others = set(locations) - expected  # the open-data page, the county and goal pages' routes
    assert f"{settings.SITE_URL}/api/" in others
    assert all(location.startswith(f"{settings.SITE_URL}/") for location in locations)


@pytest.mark.parametrize(
    "path", ["/sitemap-wagtail.xml?p=999", "/sitemap-wagtail.xml?p=x", "/sitemap-okand.xml"]
)
def test_a_page_or_section_that_does_not_exist_is_404(demo, client, path):
    assert client.get(path).status_code == 404
