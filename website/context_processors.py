"""Header and footer links for every public page, fetched only when a template uses them."""

from django.utils.functional import SimpleLazyObject

from wagtail.models import Site


def _navigation(request):
    from website.models import ContentPage

    site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "menu": [], "footer": []}
    home = site.root_page
    menu = []
    for item in home.get_children().live().in_menu():
        url = item.get_url(request)
        current = (
            "page"
            if request.path == url
            else ("true" if url and request.path.startswith(url) else "")
        )
        menu.append({"title": item.title, "url": url, "current": current})
    footer = [
        {"title": item.title, "url": item.get_url(request)}
        for item in ContentPage.objects.live().descendant_of(home).filter(show_in_footer=True)
    ]
    return {"home": home, "menu": menu, "footer": footer}


def site_navigation(request):
    return {"site_nav": SimpleLazyObject(lambda: _navigation(request))}
