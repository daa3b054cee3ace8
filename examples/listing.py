"""Queries and small view helpers shared by every page that lists good examples.

Listings fetch a page of examples with their county, cover image renditions and target areas
in a constant number of queries, whatever the number of examples (``for_cards``).
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from examples import spread
from examples.models.taxonomy import County, Goal, Stage, TargetArea
from examples.tags import fold_slug
from website.pagecache import shared

PAGE_SIZE = 12
CARD_IMAGE_FILTERS = tuple(
    f"format-{fmt}|fill-{size}" for fmt in ("webp", "jpeg") for size in ("400x225", "800x450")
)


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction, kept until the next change.

    Wagtail's ``public()`` asks the database for them every time it builds a queryset; a page
    lists examples up to three times (cards, counts, related), so they are shared instead, for
    a few seconds at most: a restriction whose purge was lost in a cache outage still counts
    within ``PAGE_CACHE_RESTRICTIONS_SECONDS`` in every process (website/pagecache.py).
    """
    from wagtail.models import PageViewRestriction

    from website.pagecache import memo_seconds, shared

    return shared(
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        seconds=memo_seconds(restrictions=True),
    )


def public_q() -> Q:
    """Pages outside every restricted section (what Wagtail's ``public()`` keeps)."""
    restricted = Q()
    for path in restricted_paths():
        restricted |= Q(path__startswith=path)
    return ~restricted if restricted else Q()


def live_examples():
    """Published examples visible to everyone (no view restriction)."""
    from examples.models import ExamplePage

    return ExamplePage.objects.live().filter(public_q())


def for_cards(queryset):
    """Everything a result card shows, fetched with the page of examples, newest first."""
    from examples.models import CustomRendition

    return (
        queryset.select_related("county", "cover_image")
        .prefetch_related(
            "target_areas",
            Prefetch(
                "cover_image__renditions",
                queryset=CustomRendition.objects.filter(filter_spec__in=CARD_IMAGE_FILTERS),
            ),
        )
        .order_by("-first_published_at", "-pk")
    )


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; any bad ``sida`` value falls back to a valid page instead of failing."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("sida"))
    return {"examples": page, "paginator": paginator}


def stage_counts(queryset):
    """Number of examples on each step of the ladder, zero for steps with none."""
    rows = queryset.order_by().values("stage").annotate(n=Count("pk"))
    counts = {row["stage"]: row["n"] for row in rows}
    return {stage.value: counts.get(stage.value, 0) for stage in Stage}


def stage_ladder(current=None, counts=None):
    """The four steps with labels, for the ladder graphic; marks steps reached and their counts."""
    return [
        {
            "number": stage.value,
            "label": stage.label,
            "reached": current is not None and stage.value <= current,
            "current": stage.value == current,
            "count": counts.get(stage.value, 0) if counts is not None else None,
        }
        for stage in Stage
    ]


def goals_with_counts():
    return Goal.objects.annotate(
        example_count=Count(
            "examples", filter=Q(examples__in=live_examples().values("pk")), distinct=True
        )
    ).order_by("number")


def counties_with_counts():
    return County.objects.annotate(
        example_count=Count(
            "examples", filter=Q(examples__in=live_examples().values("pk")), distinct=True
        )
    ).order_by("name")


# The listing's orders, as the search names them (``sortering``): newest first by default.
LISTING_SORTS = {
    "nyast": _("Nyast först"),
    "steg": _("Högst steg först"),
    "spridning": _("Mest spridda först"),
}


def live_reach() -> spread.Reach:
    """Where every live example runs (``spread.reach_of``: their own municipalities and what the
    providers report), read at once and kept per process until the next change (a publish, or
    a purge by ``places_changed``): the overview's spread lists, the county pages' counts and
    the listing's spread sort all read this one copy. Read-only for its users."""

    def compute():
        live = live_examples().order_by()
        return spread.reach_of(list(live.values_list("pk", flat=True)), live)

    return shared("live-examples-reach", compute)


def spread_sizes() -> dict[int, int]:
    """In how many municipalities each live example runs, adopters and counted places included
    (``spread.Reach.sizes``, the rule the search's spread sort indexes), kept like
    ``live_reach``."""
    return shared("live-examples-spread-sizes", lambda: live_reach().sizes())


def _paginate_by_spread(request, queryset) -> dict:
    """A page of ``queryset`` with the most widely spread first (then the newest): the ids are
    ordered in memory by the kept sizes, and only the page's examples are read for the cards,
    so the queries are the same whatever the number of examples."""
    sizes = spread_sizes()
    rows = list(queryset.order_by().values_list("pk", "first_published_at"))
    rows.sort(key=lambda row: (sizes.get(row[0], 0), row[1] is not None, row[1], row[0]))
    ids = [pk for pk, _published in reversed(rows)]
    paginator = Paginator(ids, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("sida"))
    cards = {e.pk: e for e in for_cards(live_examples().filter(pk__in=list(page.object_list)))}
    page.object_list = [cards[pk] for pk in page.object_list if pk in cards]
    return {"examples": page, "paginator": paginator}


def filtered_listing(request, queryset):
    """The "Goda exempel" listing: filter by county, target area and stage from the URL, and
    order by date, stage or spread (``sortering``, as in the search).

    Unknown values are ignored rather than rejected, so any hand-edited URL still shows a page.
    """
    counties = list(County.objects.order_by("name"))
    areas = list(TargetArea.objects.all())
    selected = {
        "lan": request.GET.get("lan", ""),
        "omrade": request.GET.get("omrade", ""),
        "steg": request.GET.get("steg", ""),
        # Printable characters only: PostgreSQL refuses NUL bytes in a query parameter.
        "tagg": "".join(ch for ch in request.GET.get("tagg", "")[:100] if ch.isprintable()),
        "sortering": request.GET.get("sortering", ""),
    }
    if selected["sortering"] not in LISTING_SORTS or selected["sortering"] == "nyast":
        selected["sortering"] = ""
    if selected["lan"] in {c.slug for c in counties}:
        queryset = queryset.filter(county__slug=selected["lan"])
    else:
        selected["lan"] = ""
    if selected["omrade"] in {a.slug for a in areas}:
        queryset = queryset.filter(target_areas__slug=selected["omrade"])
    else:
        selected["omrade"] = ""
    if selected["steg"] in {str(s.value) for s in Stage}:
        queryset = queryset.filter(stage=int(selected["steg"]))
    else:
        selected["steg"] = ""
    if selected["tagg"]:
        queryset = queryset.filter(tags__slug=fold_slug(selected["tagg"]))
    query_without_page = urlencode({key: value for key, value in selected.items() if value})
    if selected["sortering"] == "spridning":
        pages = _paginate_by_spread(request, queryset)
    elif selected["sortering"] == "steg":
        pages = paginate(
            request, for_cards(queryset).order_by("-stage", "-first_published_at", "-pk")
        )
    else:
        pages = paginate(request, for_cards(queryset))
    return {
        "filter_counties": counties,
        "filter_areas": areas,
        "filter_stages": list(Stage),
        "sorts": LISTING_SORTS,
        "selected": selected,
        "query_without_page": query_without_page,
        **pages,
    }
