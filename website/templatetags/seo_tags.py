"""Every page's description, canonical address and link preview (Open Graph, Twitter card).

A link pasted into Teams, LinkedIn or a mail is previewed from these tags, and search engines
read the description and canonical link. Addresses are absolute on ``SITE_URL``
(website.siteurl), never on the request's Host header, so a proxy or a cached page cannot
name another host.
"""

from django import template
from django.core.paginator import Page as PaginatorPage
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.models import Page

from website import siteurl

register = template.Library()

DESCRIPTION_LENGTH = 160
PAGE_PARAMETER = "sida"


def default_description():
    return _(
        "Goda exempel för hälsa: hur regioner, kommuner och civilsamhälle arbetar med "
        "Strategi för hälsa – sök, läs och dela med dig."
    )


def page_description(page):
    """The editor's search description, else the page's own summary or introduction."""
    for text in (
        getattr(page, "search_description", ""),
        getattr(page, "summary", ""),
        strip_tags(str(getattr(page, "introduction", "") or "")),
    ):
        text = " ".join(str(text or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return default_description()


def absolute_media(url):
    """A rendition's URL as a full address (local media is a path; S3 media is already full)."""
    return url if url.startswith(("http://", "https://")) else siteurl.absolute(url)


def preview_rendition(image):
    """A 1200×630 JPEG for link previews; a missing or broken file means no preview image,
    never an error page."""
    if image is None:
        return None
    try:
        return image.get_rendition("fill-1200x630|format-jpeg")
    except (OSError, ValueError):  # Wagtail's SourceImageIOError is an OSError
        return None


def listing_page_number(context):
    """The number of the listing page shown (the paginator's, so ``?sida=abc`` is 1 and a
    number past the end is the last page), or None on a page that lists nothing."""
    for key in ("examples", "page_obj"):
        value = context.get(key)
        if isinstance(value, PaginatorPage):
            return value.number
    return None


def canonical_path(context, request):
    """The request's path, not the page's URL: a routable page (a goal, a county) serves
    several addresses, each its own canonical. Query parameters are left out (tracking tags,
    ``?sida=1``, filters, searches: the same examples seen another way), except a later page
    of an unfiltered listing, which shows other examples and so is a page of its own."""
    path = (request.path if request is not None else "") or "/"
    number = listing_page_number(context)
    if number is not None and number > 1 and not context.get("query_without_page"):
        return f"{path}?{PAGE_PARAMETER}={number}"
    return path


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    data = {"description": default_description(), "title": "", "image": None, "type": "website"}
    if isinstance(page, Page) and page.pk:
        data["description"] = page_description(page)
        data["title"] = page.seo_title or page.title
        image = getattr(page, "cover_image", None)
        rendition = preview_rendition(image)
        if rendition is not None:
            data["image"] = {
                "url": absolute_media(rendition.url),
                "alt": getattr(image, "description", "") or page.title,
                "width": rendition.width,
                "height": rendition.height,
            }
        if page.specific_class.__name__ == "ExamplePage":
            data["type"] = "article"
    data["url"] = siteurl.absolute(canonical_path(context, request))
    return data
