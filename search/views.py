"""The public search page linked from the header on every page.

It searches published examples through Wagtail's configured search backend (the database
backend by default). Queries are capped in length so that no input can make it slow or fail.
"""

import re
from urllib.parse import urlencode

from django.template.response import TemplateResponse

from examples import listing

MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    context = {"query": query, "examples": None, "query_string": urlencode({"q": query})}
    # Only words reach the search backend: quotes, operators and control characters are
    # syntax to some backends (SQLite FTS5 fails on an unbalanced quote), never meaning here.
    terms = " ".join(re.findall(r"\w+", query))
    if query:
        results = (
            listing.live_examples().search(terms, operator="or")
            if terms
            else listing.live_examples().none()
        )
        context.update(listing.paginate(request, results))
        page = context["examples"]
        # Re-fetch the page's hits with everything a card shows, keeping the ranking.
        ids = [hit.pk for hit in page.object_list]
        cards = {
            example.pk: example
            for example in listing.for_cards(listing.live_examples().filter(pk__in=ids))
        }
        page.object_list = [cards[pk] for pk in ids if pk in cards]
    return TemplateResponse(request, "search/search.html", context)
