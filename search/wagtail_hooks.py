"""What the search tells editors in the admin.

An editor reviewing an example learns when its text opens like a published example's
(``search.nearcopies``): the search will list the two as one hit, and the submission may be the
same work introduced somewhere else, which the member can also report as an introduction of
that example ("Vi har också infört detta").
"""

from django.contrib import messages
from django.utils.translation import ngettext

from wagtail import hooks

from examples.models import ExamplePage
from search import indexing, nearcopies


@hooks.register("before_edit_page")
def tell_of_published_copies(request, page):
    """On opening the editor (not on saving), one message naming the published examples with
    the same text. One query; nothing for other pages."""
    if request.method != "GET" or not isinstance(page, ExamplePage):
        return None
    titles, total = nearcopies.published_copies(page.pk, page.summary, indexing.body_text(page))
    if not total:
        return None
    named = ", ".join(f"”{title}”" for title in titles)
    more = total - len(titles)
    if more:
        named += " " + ngettext("och %(n)d exempel till", "och %(n)d exempel till", more) % {
            "n": more
        }
    messages.info(
        request,
        ngettext(
            "Texten börjar med samma ord som ett publicerat exempel: %(named)s. Sökningen visar "
            "dem som en träff. Är det samma arbete infört på en ny plats kan det också "
            "rapporteras som ett införande av det exemplet.",
            "Texten börjar med samma ord som %(count)d publicerade exempel: %(named)s. "
            "Sökningen visar dem som en träff. Är det samma arbete infört på en ny plats kan det "
            "också rapporteras som ett införande av de exemplen.",
            total,
        )
        % {"named": named, "count": total},
    )
    return None
