"""``/sitemap.xml`` as a sitemap index: each section's sitemap in pages of ``PAGE_SIZE``.

One sitemap holds at most 50 000 addresses (the protocol's limit and Django's page size), and
Django's ``sitemap`` view serves the rest only as ``?p=2``, which nothing tells a crawler about:
at 100 000 examples half of them were in no sitemap, and the one page took 8 s to write, a
quarter of a worker's time limit. So ``/sitemap.xml`` lists ``/sitemap-<section>.xml`` and its
further pages, each of at most ``PAGE_SIZE`` addresses. The index reads no page, only each
section's count, and leaves out ``lastmod`` (optional, and Django would compute it from every
page); its links are built on ``SITE_URL`` like every absolute link (``website.siteurl``).
"""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import prepare_sitemaps

from website import siteurl

PAGE_SIZE = 5_000
SECTION_URL_NAME = "sitemap_section"


class PageSitemap(Sitemap):
    """Wagtail's sitemap of the live, public pages, ``PAGE_SIZE`` to a sitemap."""

    limit = PAGE_SIZE


@x_robots_tag
def index(request, sitemaps):
    """The sitemap index: every page of every section's sitemap, on ``SITE_URL``."""
    items = []
    for section, sitemap in prepare_sitemaps(request, sitemaps).items():
        location = siteurl.absolute(reverse(SECTION_URL_NAME, kwargs={"section": section}))
        items.append(SitemapIndexItem(location))
        pages = range(2, sitemap.paginator.num_pages + 1)
        items += [SitemapIndexItem(f"{location}?p={page}") for page in pages]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
