"""The facet options of the search page, written in Python rather than as template loops.

A search page lists a hundred facet options or more (counties, areas, goals, tags, and up to
290 municipalities), each with its value, label, count and state. Rendered through the
template language they were a quarter of a search's time; ``format_html`` builds the same
markup, every value escaped, in a fraction of it. The markup is the one the template had
(``search/includes/facets.html`` uses these tags).
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()
# Constant attributes, no user data.
CHECKED = mark_safe(" checked")  # nosec B308
SELECTED = mark_safe(" selected")  # nosec B308


@register.simple_tag
def facet_checkboxes(param, options):
    """``<li>`` checkboxes of one facet, for a ``<ul class="facet__options">``."""
    examples = _("exempel")
    return format_html_join(
        "\n",
        '<li><input type="checkbox" id="facet-{0}-{1}" name="{0}" value="{1}" form="search-form"{2}>'
        '<label for="facet-{0}-{1}">{3} <span class="facet__count">{4}'
        '<span class="visually-hidden"> {5}</span></span></label></li>',
        (
            (
                param,
                option["value"],
                CHECKED if option["selected"] else "",
                option["label"],
                option["count"],
                examples,
            )
            for option in options
        ),
    )


@register.simple_tag
def facet_select_options(options):
    """``<option>``s of a facet shown as a select (the municipality)."""
    return format_html_join(
        "\n",
        '<option value="{0}"{1}>{2} ({3})</option>',
        (
            (
                option["value"],
                SELECTED if option["selected"] else "",
                option["label"],
                option["count"],
            )
            for option in options
        ),
    )
