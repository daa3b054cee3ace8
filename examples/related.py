"""Related examples: the published examples that share the most goals, target areas and tags.

With Elasticsearch as the search backend its more-like-this chooses them (texts as well as
goals, areas and tags); otherwise, and whenever Elasticsearch fails, they are scored in the
database, in one query for the candidates (plus the card's prefetches) whatever the number of
examples.
"""

import operator
from functools import reduce

from django.db.models import Count, Q

from examples import listing

RELATED_LIMIT = 4
# Points per shared link, by the relation it goes through. A shared goal or tag says more about
# what two examples do than a shared target area: there are 22 goals and free tags, but only a
# handful of broad areas.
WEIGHTS = {"goals": 2, "tagged_items__tag": 2, "target_areas": 1}


def related_examples(page, limit=RELATED_LIMIT):
    """Up to ``limit`` live, public examples like ``page``: Elasticsearch's choice, else ours."""
    from search.backends import SearchBackendError, get_backend

    backend = get_backend()
    if page.pk and hasattr(backend, "more_like_this"):
        try:
            ids = backend.more_like_this(page.pk, limit)
        except SearchBackendError:
            ids = []
        if ids:
            found = {e.pk: e for e in listing.for_cards(listing.live_examples().filter(pk__in=ids))}
            cards = [found[pk] for pk in ids if pk in found and pk != page.pk]
            if cards:
                return cards
    return scored_in_database(page, limit)


def scored_in_database(page, limit=RELATED_LIMIT):
    """Up to ``limit`` live, public examples other than ``page``, the best overlap first.

    The tag every example carries (``DEFAULT_TAG``) says nothing about likeness and is ignored.
    Works for a page in preview too: its goals, areas and tags are read from the page object.
    """
    from examples.models.pages import DEFAULT_TAG

    shared = {
        "goals": [goal.pk for goal in page.goals.all()],
        "target_areas": [area.pk for area in page.target_areas.all()],
        "tagged_items__tag": [
            tag.pk for tag in page.tags.all() if tag.pk and tag.name != DEFAULT_TAG
        ],
    }
    # One count per kind of link the page has (an empty list would make the whole sum empty).
    terms = [
        Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True) * WEIGHTS[relation]
        for relation, ids in shared.items()
        if ids
    ]
    if not terms:
        return []
    candidates = (
        listing.live_examples()
        .exclude(pk=page.pk)
        .annotate(relatedness=reduce(operator.add, terms))
        .filter(relatedness__gt=0)
    )
    return list(
        listing.for_cards(candidates).order_by("-relatedness", "-first_published_at", "-pk")[:limit]
    )
