"""The open data is found from every page (the footer) and by crawlers (the sitemap)."""

import pytest

from tests import sitemap

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/sok/", "/goda-exempel/sexit-jamtland/", "/api/"])
def test_every_page_links_the_open_data_in_its_footer(demo, client, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/api/">Öppna data</a>' in footer


def test_the_open_data_page_is_in_the_sitemap(demo, client, settings):
    locations = sitemap.locations(client)
    assert f"{settings.SITE_URL}/api/" in locations
    assert f"{settings.SITE_URL}/goda-exempel/sexit-jamtland/" in locations  # Wagtail's pages
