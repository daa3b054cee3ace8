"""A published adoption is news for everyone who follows its example (``follows.sources``).

Why here and not in ``follows``: the digest knows nothing of adoptions; each app that keeps news
about an example registers its own source (see ``follows/sources.py``)."""

from django.utils.translation import gettext as _

from adoptions.models import Adoption
from examples.listing import live_examples
from follows.sources import NewsItem, page_url


def new_adoptions(targets, until):
    """Adoptions published in the window, of followed examples that are live and public: one
    query for any number of followed examples."""
    ids = [int(t) for t in targets if str(t).isdigit()]
    if not ids:
        return
    since = min(targets.values())
    adoptions = (
        Adoption.objects.filter(
            status=Adoption.Status.PUBLISHED,
            published_at__gt=since,
            published_at__lte=until,
            example__in=live_examples().filter(pk__in=ids),
        )
        .select_related("example", "municipality", "county")
        .order_by("published_at", "pk")
    )
    for adoption in adoptions:
        place = adoption.municipality or adoption.county
        text = adoption.organisation + (f" ({place.name})" if place else "")
        yield NewsItem(
            str(adoption.example_id),
            adoption.published_at,
            _("Infört hos %(where)s") % {"where": text},
            page_url(adoption.example),
            _("Nytt införande"),
        )
