"""What a visitor may follow, read from a request's parameters, and how it is named and found.

``typ`` names the kind; ``id`` the county's or goal's slug or the page's id; ``sokning`` a
search's query string, reduced to its canonical form (``search.forms.to_query_string``, words
and facets, without sort or page), so one search is one target however its URL was written.
Anything else (unknown kind, a draft, a restricted page, hostile text) is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from examples.listing import live_examples, public_q
from examples.models import County, CountyIndexPage, Goal, GoalIndexPage, SeminarPage
from follows.models import Follow
from search.backends.base import SearchParams
from search.facets import FACETS
from search.forms import SLUG_RE, parse_params, to_query_string

MAX_PARAM = 2000


@dataclass(frozen=True)
class Target:
    kind: str
    target: str
    name: str
    url: str
    params: dict  # the request parameters that name it again (hidden fields of the form)


def canonical_search(raw: str) -> SearchParams:
    parsed = parse_params(QueryDict(raw[:MAX_PARAM]))
    return SearchParams(parsed.query, parsed.filters)


def search_name(params: SearchParams) -> str:
    parts = [f"”{params.query}”"] if params.query else []
    labels = {facet.param: facet.label for facet in FACETS}
    for param, values in params.filters.items():
        parts.append(f"{labels.get(param, param)}: {', '.join(values)}")
    return (
        _("Sökning: %(what)s") % {"what": "; ".join(parts)} if parts else _("Alla nya exempel")
    )[:120]


def _index_child_url(model, slug):
    index = model.objects.live().first()
    return f"{index.url}{slug}/" if index and index.url else "/"


def resolve(data) -> Target | None:
    kind = data.get("typ", "")
    ident = (data.get("id", "") or "")[:200]
    if not SLUG_RE.match(ident):  # also keeps a NUL byte away from PostgreSQL
        ident = ""
    if kind == Follow.Kind.SEARCH:
        params = canonical_search(data.get("sokning", "") or "")
        query = to_query_string(params)
        return Target(
            kind,
            query,
            search_name(params),
            reverse("search") + (f"?{query}" if query else ""),
            {"typ": kind, "sokning": query},
        )
    if kind == Follow.Kind.COUNTY:
        county = County.objects.filter(slug=ident).first() if ident else None
        if county:
            return Target(
                kind,
                str(county.pk),
                county.name,
                _index_child_url(CountyIndexPage, county.slug),
                {"typ": kind, "id": county.slug},
            )
    if kind == Follow.Kind.GOAL:
        goal = Goal.objects.filter(slug=ident).first() if ident else None
        if goal:
            return Target(
                kind,
                str(goal.pk),
                _("Mål %(n)s: %(text)s") % {"n": goal.number, "text": goal.text},
                _index_child_url(GoalIndexPage, goal.slug),
                {"typ": kind, "id": goal.slug},
            )
    if kind in (Follow.Kind.EXAMPLE, Follow.Kind.SEMINAR) and ident.isdigit() and len(ident) < 12:
        pages = (
            live_examples()
            if kind == Follow.Kind.EXAMPLE
            else SeminarPage.objects.live().filter(public_q())
        )
        page = pages.filter(pk=int(ident)).first()
        if page and page.url:
            return Target(
                kind, str(page.pk), page.title[:120], page.url, {"typ": kind, "id": ident}
            )
    return None


def new_follow_url(kind: str, **params) -> str:
    return reverse("follows_new") + "?" + urlencode({"typ": kind, **params})
