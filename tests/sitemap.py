"""Read the sitemap as a crawler does: the index at ``/sitemap.xml``, then each sitemap it lists
(``website/sitemaps.py``)."""

from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def read(client, url: str) -> ElementTree.Element:
    """The XML at an absolute or relative ``url``, fetched with the test client."""
    parts = urlsplit(url)
    response = client.get(parts.path, dict(parse_qsl(parts.query)))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml"), url
    return ElementTree.fromstring(response.content)  # noqa: S314 - the site's own sitemap


def sitemaps(client) -> list[str]:
    """The addresses of the sitemaps the index lists, as written."""
    index = read(client, "/sitemap.xml")
    assert index.tag == f"{NS}sitemapindex"
    return [loc.text for loc in index.iter(f"{NS}loc")]


def locations(client) -> list[str]:
    """Every page address in every sitemap, as written, in order."""
    return [
        loc.text for sitemap in sitemaps(client) for loc in read(client, sitemap).iter(f"{NS}loc")
    ]


def paths(client) -> list[str]:
    """Every page's path in the sitemaps."""
    return [urlsplit(location).path for location in locations(client)]
