"""Which Wagtail site answers a request, found without a query per request.

Wagtail's ``Site.find_for_request`` asks the database on every request (one query for the
sites that could match the host, one more for the root page's specific row when a page is
routed). The sites change only when an administrator edits one, and every such save starts a
new generation (``website.pagecache``), so the list of sites with their specific root pages is
kept per process and generation (``shared``), and the match is made in Python by the same rules
as Wagtail's ``get_site_for_hostname``.

``SiteMiddleware`` stores the match where Wagtail looks first (``request._wagtail_site``), so
Wagtail's routing, ``pageurl`` and settings all use it. Each request gets its own copy of the
site and of its root page: nothing a view sets on them reaches another request.
"""

import copy
from dataclasses import dataclass

from django.http.request import split_domain_port

from wagtail.models import Page, Site

from website.pagecache import shared

# Wagtail's ranking in get_site_for_hostname (wagtail/models/sites.py), best first.
MATCH_HOSTNAME_PORT = 0
MATCH_HOSTNAME_DEFAULT = 1
MATCH_DEFAULT = 2
MATCH_HOSTNAME = 3


@dataclass(frozen=True)
class _KnownSite:
    site: Site
    root_page: Page


def _load_sites() -> tuple[_KnownSite, ...]:
    sites = list(Site.objects.all())
    roots = Page.objects.filter(pk__in=[site.root_page_id for site in sites]).specific()
    by_pk = {page.pk: page for page in roots}
    return tuple(
        _KnownSite(site, by_pk[site.root_page_id]) for site in sites if site.root_page_id in by_pk
    )


def _rank(site: Site, hostname: str, port: int) -> int | None:
    if site.hostname == hostname:
        if site.port == port:
            return MATCH_HOSTNAME_PORT
        return MATCH_HOSTNAME_DEFAULT if site.is_default_site else MATCH_HOSTNAME
    return MATCH_DEFAULT if site.is_default_site else None


def match_site(known, hostname: str, port: int):
    """The site for ``hostname:port`` among ``known``, by Wagtail's rules, or None."""
    ranked = sorted(
        (rank, position, entry)
        for position, entry in enumerate(known)
        if (rank := _rank(entry.site, hostname, port)) is not None
    )
    if not ranked:
        return None
    best_rank, _, best = ranked[0]
    if len(ranked) == 1 or best_rank in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return best
    if best_rank == MATCH_DEFAULT:
        # The default site, unless exactly one site has the hostname (on another port).
        return ranked[1][2] if len(ranked) == 2 else best
    return None  # several sites share the hostname on other ports, and none is the default


def find_site(request) -> Site | None:
    """A private copy of the request's site, its root page set as the specific page."""
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        port = -1  # matches no site's port; the default site still answers, as in Wagtail
    found = match_site(shared("sites", _load_sites), hostname, port)
    if found is None:
        return None
    site = copy.copy(found.site)
    site.root_page = copy.copy(found.root_page)
    return site


class SiteMiddleware:
    """Finds the request's site once, from the per-process list (place it after the page cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = find_site(request)
        return self.get_response(request)
