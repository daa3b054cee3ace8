"""A published assessment is news for everyone who follows its example (``follows.sources``)."""

from django.utils.translation import gettext as _

from assessments.models import Assessment
from examples.listing import live_examples
from follows.sources import NewsItem, page_url


def new_assessments(targets, until):
    """Assessments published in the window, of followed examples that are live and public: one
    query for any number of followed examples."""
    ids = [int(t) for t in targets if str(t).isdigit()]
    if not ids:
        return
    since = min(targets.values())
    assessments = (
        Assessment.objects.published()
        .filter(
            published_at__gt=since,
            published_at__lte=until,
            example__in=live_examples().filter(pk__in=ids),
        )
        .select_related("example", "criteria_version")
        .order_by("published_at", "pk")
    )
    for assessment in assessments:
        yield NewsItem(
            str(assessment.example_id),
            assessment.published_at,
            _("Bedömt mot kriterierna, version %(number)s")
            % {"number": assessment.criteria_version.number},
            page_url(assessment.example),
            _("Ny bedömning"),
        )
