"""The public search page (``/sok/``) and its autocomplete endpoint (``/sok/forslag/``).

Both go through ``search.backends``: Elasticsearch when it is configured, the database
otherwise, and the database with a short notice when Elasticsearch fails. The page works
without JavaScript: the form is a plain GET form and every state is a URL.
"""

from dataclasses import replace

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from taggit.models import Tag

from assessments.exports import LEVEL_LABELS
from examples import listing
from examples.details import target_areas_by_page
from examples.models import County, Goal, Municipality, Stage, TargetArea, TargetGroup
from examples.models.pages import DEFAULT_TAG
from search import nearcopies, resultcache
from search.backends import run_search, run_suggest
from search.backends.base import SearchParams
from search.facets import FACETS, STATUS_LABELS
from search.forms import clean_query, parse_params, to_query_string
from search.paging import WindowPaginator, beyond_window, deep_page_message
from website.pagecache import shared
from website.ratelimit import search_budget, search_limited, suggest_limited

MAX_TAG_OPTIONS = 20
MIN_SUGGEST_LENGTH = 2


@search_budget("search", respond=search_limited)
def search(request):
    # A search for words lists the near-copies of one text as one hit (search/nearcopies.py),
    # unless the visitor asks for them all (``kopior=alla``); browsing by filters alone lists
    # every example, as the county, goal and tag pages count.
    params = parse_params(request.GET)
    all_copies = request.GET.get("kopior") == "alla" and bool(params.words)
    params = replace(params, collapse=bool(params.words) and not all_copies, all_copies=all_copies)
    if beyond_window(params.page, params.per_page):
        return _beyond_window(request, params)
    results, notice = run_search(params)
    paginator = WindowPaginator(range(results.listed), params.per_page)
    if results.listed and params.page > paginator.num_pages:
        params = params.with_page(paginator.num_pages)
        results, notice = run_search(params)
    page = paginator.get_page(params.page)
    layout_key = resultcache.layout_key(results, notice)
    # With ``layout_key`` the results and filters are kept as HTML (search/search.html): what
    # only they show is read when the HTML is not there.
    page.object_list = SimpleLazyObject(lambda: _result_items(results.hits, params.collapse))
    labelled = SimpleLazyObject(lambda: _labels(params, results))
    active = SimpleLazyObject(lambda: _active_filters(params, labelled[0]))
    context = {
        "layout_key": layout_key,
        "search_cache_seconds": resultcache.cache_seconds(),
        "query": params.query,
        "params": params,
        "results": results,
        "notice": notice,
        "examples": page,
        "paginator": paginator,
        "query_without_page": to_query_string(params),
        "facet_groups": SimpleLazyObject(
            lambda: _facet_groups(params, results, labelled[0], labelled[1])
        ),
        "municipality_options": SimpleLazyObject(
            lambda: _options(params, results, labelled[0], "kommun")
        ),
        "active_filters": active,
        "sort_links": [
            {
                "value": value,
                "label": label,
                "url": "?" + to_query_string(params, sort=value),
                "current": params.effective_sort == value,
            }
            for value, label in (
                ("relevans", _("Relevans")),
                ("nyast", _("Nyast")),
                ("steg", _("Steg")),
                ("spridning", _("Spridning")),
            )
            if value != "relevans" or params.words
        ],
        "suggestion_url": (
            "?" + to_query_string(SearchParams(results.suggestion, params.filters, params.sort))
            if results.suggestion
            else ""
        ),
        "without_filters_url": "?" + to_query_string(SearchParams(params.query)),
        # The same search with every near-copy listed, and back to each text once.
        "all_copies_url": "?" + to_query_string(replace(params, all_copies=True)),
        "folded_url": "?" + to_query_string(replace(params, all_copies=False)),
        "searched": bool(params.query or params.filters),
    }
    return TemplateResponse(request, "search/search.html", context)


def _beyond_window(request, params):
    """A page past the result window: 400, with the reason and a way back, as a page."""
    context = {
        "query": params.query,
        "error": deep_page_message(params.per_page),
        "first_page_url": "?" + to_query_string(params),
    }
    return TemplateResponse(request, "search/beyond_window.html", context, status=400)


@search_budget("suggest", respond=suggest_limited)
def suggest(request):
    """Autocomplete: up to eight examples whose titles match what has been typed."""
    query = clean_query(request.GET.get("q", ""))[:100]
    results = []
    if len(query) >= MIN_SUGGEST_LENGTH:
        suggestions = run_suggest(query)
        pages = {
            page.pk: page
            for page in listing.live_examples().filter(pk__in=[s.page_id for s in suggestions])
        }
        results = [
            {"title": s.title, "url": pages[s.page_id].get_url(request)}
            for s in suggestions
            if s.page_id in pages
        ]
    response = JsonResponse({"query": query, "results": results})
    patch_cache_control(response, public=True, max_age=60)
    return response


# What a result card shows (the card in search/search.html); the rest of each page stays unread.
RESULT_FIELDS = (
    "id",
    "title",
    "url_path",
    "stage",
    "summary",
    "county__name",
    "discontinued_on",
    "discontinued_precision",
)


def _result_items(hits, collapsed: bool = False):
    """The examples of one page of hits, in the order of the hits, with their snippets.

    Only what a card shows is read: a page's row holds its whole text (and a StreamField), and
    each of the page's links would otherwise be another query through the ORM.
    """
    ids = [hit.page_id for hit in hits]
    # Folded copies are named under their hit; where nothing was folded each is a hit itself.
    copies = nearcopies.copies_of(ids) if collapsed else {}
    copy_ids = [pk for shown, _count in copies.values() for pk in shown]
    pages = {
        page.pk: page
        for page in listing.live_examples()
        .filter(pk__in=[*ids, *copy_ids])
        .select_related("county")
        .only(*RESULT_FIELDS)
    }
    areas = target_areas_by_page([pk for pk in ids if pk in pages])
    items = []
    for hit in hits:
        if hit.page_id not in pages:
            continue
        shown, count = copies.get(hit.page_id, ((), 0))
        named = [pages[pk] for pk in shown if pk in pages]
        items.append(
            {
                "example": pages[hit.page_id],
                "snippet": hit.snippet,
                "areas": areas[hit.page_id],
                "copies": named,
                "more_copies": max(count - len(named), 0),
            }
        )
    return items


def _vocabularies():
    """Labels and order of the fixed vocabularies: the same for every search until they change."""
    goals = list(Goal.objects.select_related("area").order_by("area__sort_order", "number"))
    areas: dict[str, list[str]] = {}
    for goal in goals:
        areas.setdefault(goal.area.name, []).append(goal.slug)
    counties = dict(County.objects.values_list("slug", "name"))
    labels = {
        "lan": counties,
        "infort": counties,
        "omrade": dict(TargetArea.objects.values_list("slug", "name")),
        "malgrupp": dict(TargetGroup.objects.values_list("slug", "name")),
        "steg": {str(stage.value): f"{stage.value}. {stage.label}" for stage in Stage},
        "kommun": dict(Municipality.objects.values_list("slug", "name")),
        "mal": {goal.slug: f"{goal.number}. {goal.text}" for goal in goals},
        "status": {value: str(label) for value, label in STATUS_LABELS.items()},
        "niva": dict(LEVEL_LABELS),
    }
    # The order of each vocabulary, for listing options.
    labels["_order"] = {
        param: list(labels[param])
        for param in ("lan", "infort", "omrade", "malgrupp", "steg", "status", "mal", "niva")
    }
    return labels, areas


def _labels(params, results):
    """Display labels of every facet value that is counted or selected, and the goal areas."""
    labels, areas = shared("search-vocabularies", _vocabularies)
    wanted = set(results.facets.get("tagg", {})) | set(params.filters.get("tagg", ()))
    tags = dict(Tag.objects.filter(slug__in=wanted).values_list("slug", "name")) if wanted else {}
    return {**labels, "tagg": tags}, areas


def _options(params, results, labels, param, values=None):
    counts = results.facets.get(param, {})
    selected = params.filters.get(param, ())
    if values is None:
        order = labels.get("_order", {}).get(param)
        if order is None:  # tags and municipalities: by count, then name
            values = sorted(
                set(counts) | set(selected),
                key=lambda v: (-counts.get(v, 0), labels[param].get(v, v).lower()),
            )
        else:
            values = [v for v in order if v in counts or v in selected]
            values += [v for v in selected if v not in order]
    options = [
        {
            "value": value,
            "label": labels[param].get(value, value),
            "count": counts.get(value, 0),
            "selected": value in selected,
        }
        for value in values
        if counts.get(value) or value in selected
    ]
    if param == "tagg":
        # Every example carries the default tag, so as a filter it would narrow nothing.
        options = [o for o in options if o["selected"] or o["label"] != DEFAULT_TAG]
        options = [o for o in options if o["selected"]] + [o for o in options if not o["selected"]][
            : max(0, MAX_TAG_OPTIONS - len(selected))
        ]
    return options


def _facet_groups(params, results, labels, goal_areas):
    groups = []
    for facet in FACETS:
        if not facet.checkboxes:
            continue
        group = {"param": facet.param, "label": facet.label}
        if facet.param == "mal":
            group["subgroups"] = [
                {"label": area, "options": options}
                for area, slugs in goal_areas.items()
                if (options := _options(params, results, labels, "mal", values=slugs))
            ]
            if not group["subgroups"]:
                continue
        else:
            group["options"] = _options(params, results, labels, facet.param)
            if not group["options"]:
                continue
        group["selected"] = len(params.filters.get(facet.param, ()))
        groups.append(group)
    return groups


def _active_filters(params, labels):
    """Every selected value with a link to the same search without it."""
    active = []
    for facet in FACETS:
        for value in params.filters.get(facet.param, ()):
            remaining = tuple(v for v in params.filters[facet.param] if v != value)
            active.append(
                {
                    "facet": facet.label,
                    "label": labels[facet.param].get(value, value),
                    "remove_url": "?" + to_query_string(params, **{facet.param: remaining}),
                }
            )
    return active
