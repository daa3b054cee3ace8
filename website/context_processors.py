"""Header and footer links for every public page, fetched only when a template uses them.

The links are the same for every request to a site, so they are computed once per process and
generation (``website.pagecache.shared``): any page change starts a new one. Only which link is
the current one is worked out per request.
"""

from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, Site

from website.pagecache import shared


def _navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "menu": [], "footer": []}
    links = shared(f"navigation:{site.pk}", lambda: _links(request, site.root_page))
    menu = [{**item, "current": _current(request.path, item["url"])} for item in links["menu"]]
    return {"home": site.root_page, "menu": menu, "footer": links["footer"]}


def _current(path, url):
    if path == url:
        return "page"
    return "true" if url and path.startswith(url) else ""


def _links(request, home):
    from website.models import AccessibilityStatementPage, ContentPage

    menu = [
        {"title": item.title, "url": item.get_url(request)}
        for item in home.get_children().live().in_menu()
    ]
    # The accessibility statement is always linked from the footer (DOS-lagen); content pages
    # when an editor ticks "visa i sidfoten". Tree order.
    footer_pages = (
        Page.objects.live()
        .descendant_of(home)
        .filter(
            Q(id__in=ContentPage.objects.filter(show_in_footer=True).values("id"))
            | Q(id__in=AccessibilityStatementPage.objects.values("id"))
        )
        .order_by("path")
    )
    footer = [{"title": item.title, "url": item.get_url(request)} for item in footer_pages]
    return {"menu": menu, "footer": footer}


def site_navigation(request):
    return {"site_nav": SimpleLazyObject(lambda: _navigation(request))}
