"""The open-data page in ``/sitemap.xml`` beside Wagtail's pages (wired in ``website/urls.py``).

``/api/`` is a Django view, not a Wagtail page, so Wagtail's sitemap does not know it. Its
address is built on ``SITE_URL``, as every absolute link (``website.siteurl``).
"""

from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap

from website import siteurl

URL_NAMES = ("opendata_api_docs",)


class OpenDataSitemap(Sitemap):
    """A Wagtail ``Sitemap`` subclass only so that Wagtail's view hands it the request."""

    def items(self):
        return list(URL_NAMES)

    def _urls(self, page, protocol, domain):
        return [
            {
                "item": name,
                "location": siteurl.absolute(reverse(name)),
                "lastmod": None,
                "changefreq": None,
                "priority": None,
                "alternates": [],
            }
            for name in self.paginator.page(page).object_list
        ]
