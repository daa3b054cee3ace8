"""Links from any page to the goal and county pages, and dates at the precision they are known."""

from django import template
from django.template.defaultfilters import date as date_filter

from examples import extensions

register = template.Library()


def _index_url(context, model_name):
    """URL of the one goal, county or example index page, kept until the next page change."""
    from wagtail.models import Site

    from examples import models
    from website.pagecache import shared

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None

    def lookup():
        page = getattr(models, model_name).objects.live().first()
        return page.get_url(request) if page else None

    return shared(f"index-url:{model_name}:{site.pk if site else ''}", lookup)


@register.simple_tag(takes_context=True)
def goal_url(context, goal):
    base = _index_url(context, "GoalIndexPage")
    return f"{base}{goal.slug}/" if base else ""


@register.simple_tag(takes_context=True)
def county_url(context, county):
    if county is None:  # an unfinished draft in preview
        return ""
    base = _index_url(context, "CountyIndexPage")
    return f"{base}{county.slug}/" if base else ""


@register.simple_tag(takes_context=True)
def examples_url(context):
    return _index_url(context, "ExampleIndexPage") or ""


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The page's ancestors below the tree root (title, URL, depth), kept until a page changes."""
    from website.pagecache import shared

    request = context.get("request")

    def lookup():
        return [
            {"title": a.title, "url": a.get_url(request), "depth": a.depth}
            for a in page.get_ancestors()[1:]
        ]

    if not page.pk:  # a new page in preview
        return lookup()
    return shared(f"ancestors:{page.path}:{request.get_host() if request else ''}", lookup)


@register.filter
def precise_date(value, precision="day"):
    """ "2023", "mars 2026" or "7 februari 2024", as precisely as the date is known."""
    if not value:
        return ""
    formats = {"year": "Y", "month": "F Y", "day": "j F Y"}
    return date_filter(value, formats.get(precision, "j F Y"))


@register.filter
def filesize_sv(num_bytes):
    """File size in Swedish units with a decimal comma (e.g. "1,2 MB")."""
    try:
        size = float(num_bytes)
    except (TypeError, ValueError):
        return ""
    for unit in ("byte", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "byte" else f"{size:.1f}".replace(".", ",")
            return f"{text} {unit}"
        size /= 1024
    return ""


@register.inclusion_tag("includes/page_actions.html", takes_context=True)
def page_actions(context, kind, obj):
    """What other apps offer on this page (``examples.extensions.register_action``)."""
    return {"actions": extensions.actions_for(kind, obj, context.get("request"))}
