"""Atom feeds (``django.contrib.syndication``): new examples, stage changes, and any search.

* ``/flode/nya-exempel/``: the latest published examples;
* ``/flode/steg/``: the latest dated stage changes of live, public examples, and the examples
  marked "Avslutat" (the end of the road is news about how far the work came, too);
* ``/flode/bedomda/``: "Nya bedömningar", the latest published assessments;
* ``/flode/sok/?…``: the newest examples of a search, with the search page's GET parameters
  (``/flode/sok/?lan=jamtlands-lan&omrade=skola`` is "Nya exempel i Jämtlands län inom skola").

``base.html`` advertises the first two on every page (``{% block feeds %}``), the search page adds
its own. Entries carry the example's title, summary and taxonomy, never a contact person. Ids,
cleaning and conditional GET are ``opendata.atom``'s.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks

from taggit.models import Tag

from examples import listing
from examples.models import (
    County,
    ExamplePage,
    Goal,
    Municipality,
    Stage,
    TargetArea,
    TargetGroup,
)
from examples.overview import recent_stage_changes
from examples.templatetags.examples_tags import precise_date
from opendata import data
from opendata.atom import AtomFeed, tag_uri
from search.forms import parse_params, to_query_string

SITE_NAME = "Goda exempel för hälsa"
ITEMS = 20


def _describe(page) -> str:
    parts = [page.summary]
    facts = []
    if page.county:
        facts.append(page.county.name)
    if page.stage:
        facts.append(f"Steg {page.stage}: {page.stage_label}")
    areas = [a.name for a in data.target_areas(page)]
    if areas:
        facts.append(", ".join(areas))
    if facts:
        parts.append(" · ".join(facts))
    return "\n\n".join(parts)


class ExampleFeedMixin:
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def feed_guid(self, obj):
        """The feed's own permanent id (the HTML link is shared by several feeds)."""
        return tag_uri(self.request.path.strip("/"))

    def item_guid(self, item):
        return tag_uri(f"exempel/{item.pk}")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom's <summary type="html"> is rendered as HTML by feed readers: escape the text.
        return linebreaks(_describe(item), autoescape=True)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [a.name for a in data.target_areas(item)] + [t.name for t in data.tags(item)]


class NewExamplesFeed(ExampleFeedMixin, AtomFeed):
    title = f"Nya goda exempel – {SITE_NAME}"
    subtitle = "De senast publicerade goda exemplen inom Strategi för hälsa."

    def link(self):
        return reverse("search")

    def items(self):
        return data.open_examples().order_by("-first_published_at", "-pk")[:ITEMS]


class SearchFeed(ExampleFeedMixin, AtomFeed):
    """The newest examples of any search; the title says what was searched for."""

    subtitle = "Nya goda exempel som matchar en sökning."

    def get_object(self, request, *args, **kwargs):
        return parse_params(request.GET)

    def title(self, obj):
        return f"{search_title(obj)} – {SITE_NAME}"

    def link(self, obj):
        query = to_query_string(obj, sort="nyast")
        return reverse("search") + (f"?{query}" if query else "")

    def feed_url(self, obj):
        query = to_query_string(obj, sort="nyast")
        return reverse("opendata_feed_search") + (f"?{query}" if query else "")

    def feed_guid(self, obj):
        query = to_query_string(obj, sort="nyast")
        return tag_uri("flode/sok" + (f"?{query}" if query else ""))

    def items(self, obj):
        # A feed follows what is new, whatever order the search page was sorted in.
        _params, results = data.search(self.request.GET, per_page=ITEMS, sort="nyast")
        return data.in_order([hit.page_id for hit in results.hits])


def _names(model, slugs, field="name"):
    found = dict(model.objects.filter(slug__in=slugs).values_list("slug", field))
    return [found.get(slug, slug) for slug in slugs]


def _either(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def search_title(params) -> str:
    """ "Nya exempel i Jämtlands län inom skola": the search in words."""
    filters = params.filters
    parts = ["Nya exempel"]
    if params.query:
        parts.append(f"om ”{params.query}”")
    places = []
    if filters.get("kommun"):
        places += _names(Municipality, filters["kommun"])
    if filters.get("lan"):
        places += _names(County, filters["lan"])
    if places:
        parts.append("i " + _either(places))
    if filters.get("omrade"):
        parts.append("inom " + _either(map(_lower_first, _names(TargetArea, filters["omrade"]))))
    if filters.get("malgrupp"):
        parts.append("för " + _either(map(_lower_first, _names(TargetGroup, filters["malgrupp"]))))
    if filters.get("steg"):
        parts.append("på steg " + _either(filters["steg"]))
    if filters.get("mal"):
        numbers = dict(Goal.objects.filter(slug__in=filters["mal"]).values_list("slug", "number"))
        parts.append("för mål " + _either(str(numbers.get(s, s)) for s in filters["mal"]))
    if filters.get("tagg"):
        parts.append("med taggen " + _either(_names(Tag, filters["tagg"])))
    return " ".join(parts)


@dataclass
class Discontinuation:
    """An example marked "Avslutat", as an entry of the stage feed."""

    page: ExamplePage
    date: date
    precision: str

    @property
    def sort_key(self):
        return (self.date, self.page.pk)


def recent_discontinuations(limit: int) -> list[Discontinuation]:
    """The live, public examples most recently marked "Avslutat", newest first: one query."""
    pages = (
        listing.live_examples()
        .filter(discontinued_on__isnull=False)
        .order_by("-discontinued_on", "-pk")[:limit]
    )
    return [
        Discontinuation(page, page.discontinued_on, page.discontinued_precision) for page in pages
    ]


class StageChangesFeed(AtomFeed):
    """ "Tagit nästa steg": every dated change of stage of a live, public example, and every
    example whose work was marked "Avslutat", merged newest first."""

    title = f"Tagit nästa steg – {SITE_NAME}"
    subtitle = (
        "Goda exempel som har gått vidare på stegen från planering till ordinarie arbete, "
        "och arbeten som har avslutats."
    )
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("search")

    def feed_guid(self):
        return tag_uri(self.request.path.strip("/"))

    def items(self):
        """Real moves between steps only, exactly as "Tagit nästa steg" on the overview shows
        them, and the discontinued examples: two queries, the newest ``ITEMS`` of both."""
        changes = recent_stage_changes(limit=ITEMS)
        stopped = recent_discontinuations(limit=ITEMS)
        merged = sorted(
            [*changes, *stopped],
            key=lambda item: (
                item.sort_key if isinstance(item, Discontinuation) else (item.date, item.page_id)
            ),
            reverse=True,
        )
        return merged[:ITEMS]

    def item_title(self, item):
        when = precise_date(item.date, item.precision)
        if isinstance(item, Discontinuation):
            return f"{item.page.title} avslutades, {when}"
        return (
            f"{item.page.title} gick från steg {item.previous_stage} till steg {item.stage}, {when}"
        )

    def item_description(self, item):
        if isinstance(item, Discontinuation):
            page = item.page
            reason = str(page.discontinued_reason_label)
            if page.discontinued_reason_text:
                reason = (
                    page.discontinued_reason_text
                    if page.discontinued_reason == "annat"
                    else f"{reason}: {page.discontinued_reason_text}"
                )
            parts = [f"Avslutat. {reason}".rstrip()]
            if page.stage:
                parts.append(f"Arbetet nådde steg {page.stage}: {page.stage_label}.")
            if page.discontinued_lesson:
                parts.append(f"Vad andra kan lära sig: {page.discontinued_lesson}")
            return linebreaks("\n\n".join(parts), autoescape=True)
        text = f"Steg {item.stage}: {Stage(item.stage).label}."
        return linebreaks(f"{text}\n\n{item.note}" if item.note else text, autoescape=True)

    def item_link(self, item):
        return item.page.get_full_url(self.request)

    def item_guid(self, item):
        if isinstance(item, Discontinuation):
            return tag_uri(f"exempel/{item.page.pk}/avslutat/{item.date.isoformat()}")
        return tag_uri(f"exempel/{item.page_id}/steg/{item.pk}")

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(12)))

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class NewAdoptionsFeed(AtomFeed):
    """ "Nya införanden": the latest published reports that another organisation has
    introduced a live, public example (``adoptions``); the contact only with consent."""

    title = f"Nya införanden – {SITE_NAME}"
    subtitle = "Organisationer som har rapporterat att de också har infört ett gott exempel."
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("search")

    def feed_guid(self):
        return tag_uri(self.request.path.strip("/"))

    def items(self):
        from adoptions.models import Adoption
        from examples.listing import live_examples

        return list(
            Adoption.objects.filter(
                status=Adoption.Status.PUBLISHED, example__in=live_examples().values("pk")
            )
            .select_related("example", "municipality", "county")
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return f"{item.organisation} ({item.place_name}) har infört {item.example.title}"

    def item_description(self, item):
        when = precise_date(item.started_on, item.started_precision)
        parts = [
            f"Sedan {when}. Steg {item.stage}: {Stage(item.stage).label}.",
            f"Anpassningar till lokala förutsättningar: {item.local_changes}",
        ]
        if item.lessons:
            parts.append(f"Lärdomar: {item.lessons}")
        if item.contact_visible:
            parts.append(
                "Kontakt: " + ", ".join(v for v in (item.contact_name, item.contact_email) if v)
            )
        return linebreaks("\n\n".join(parts), autoescape=True)

    def item_link(self, item):
        return item.example.get_full_url(self.request) + "#adoptions-heading"

    def item_guid(self, item):
        return tag_uri(f"exempel/{item.example_id}/inforande/{item.pk}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class AssessmentsFeed(AtomFeed):
    """ "Nya bedömningar": examples newly assessed against the site's criteria, newest first.

    One entry per published assessment (a re-assessment is a new entry), of live, public
    examples only; the entry gives the criteria version and each criterion's result."""

    title = f"Nya bedömningar – {SITE_NAME}"
    subtitle = "Goda exempel som har bedömts mot webbplatsens kriterier."
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("assessment_criteria")

    def feed_guid(self):
        return tag_uri(self.request.path.strip("/"))

    def items(self):
        from assessments.models import Assessment, CriterionResult

        results = CriterionResult.objects.select_related("criterion").order_by(
            "criterion__sort_order"
        )
        return list(
            Assessment.objects.published()
            .filter(example__in=data.open_examples().values("pk"))
            .select_related("example", "criteria_version")
            .prefetch_related(Prefetch("results", queryset=results))
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return f"{item.example.title} är bedömt"

    def item_description(self, item):
        lines = [
            f"Bedömt mot kriterieversion {item.criteria_version.number}.",
            item.summary,
            "\n".join(
                f"{r.criterion.name}: {r.get_result_display().lower()}" for r in item.results.all()
            ),
        ]
        return linebreaks("\n\n".join(line for line in lines if line), autoescape=True)

    def item_link(self, item):
        return item.example.get_full_url(self.request) + "#bedomning"

    def item_guid(self, item):
        return tag_uri(f"exempel/{item.example_id}/bedomning/{item.pk}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
