"""What is news for a follow: a registry of news sources, with the built-in ones.

Why a registry: a followed example has news that other apps keep (an adoption, ``adoptions``;
an assessment, ``assessments``), and those apps build on ``examples`` just as this one does.
Each registers a source from its ``AppConfig.ready()``::

    from follows import sources

    def new_adoptions(targets, until):
        since = min(targets.values())
        for adoption in Adoption.objects.filter(
            example_id__in=[int(t) for t in targets], published_at__gt=since,
            published_at__lte=until, example__live=True,
        ):
            yield sources.NewsItem(
                target=str(adoption.example_id), at=adoption.published_at,
                text=f"Infört i {adoption.organisation}", url=adoption.example.full_url,
            )

    sources.register("adoptions", kinds={"example"}, collect=new_adoptions)

``collect(targets, until)`` gets every followed target of its kinds at once (``{target: since}``,
the earliest watermark of the follows of that target; a target is the object's id as text, or a
search's query string) and returns ``NewsItem``s. It must answer in a constant number of
queries for any number of targets (or a bounded number per target, as a saved search does),
and mention only live, public content. The digest keeps, for each follow, the items after its
own watermark and up to ``until``, so a source may return a little more than is new.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from examples.listing import live_examples, public_q
from examples.models import ExamplePage
from search.backends import SearchParams, run_search
from search.forms import parse_params
from website import siteurl

logger = logging.getLogger(__name__)
# A saved search reports at most this many new examples per digest, and links to the rest.
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class NewsItem:
    target: str
    at: datetime.datetime
    text: str  # what happened, or the new example's title
    url: str
    label: str = ""  # a short kind label: "Nytt exempel", "Nytt steg" …


@dataclass(frozen=True)
class Source:
    name: str
    kinds: frozenset[str]
    collect: Callable[[dict[str, datetime.datetime], datetime.datetime], Iterable[NewsItem]]


_sources: dict[str, Source] = {}


# Within one digest run (``one_run``): what a source has already read for the run's ``until``.
_run_memo: ContextVar[dict | None] = ContextVar("follows_run_memo", default=None)


@contextmanager
def one_run() -> Iterator[None]:
    """Let the sources remember, for one digest run, what they read for its moment.

    A run reads the site as of one ``until`` in batch after batch of people, and the same saved
    search is followed by people in many batches: its hits are the same in every batch, so it
    is searched once a run instead of once a batch (10 000 follows with 100 distinct searches:
    100 searches, not 5 000). Outside a run nothing is remembered.
    """
    token = _run_memo.set({})
    try:
        yield
    finally:
        _run_memo.reset(token)


def register(name: str, *, kinds, collect) -> None:
    """Add (or replace) the source ``name`` for follows of ``kinds``."""
    _sources[name] = Source(name, frozenset(kinds), collect)


def unregister(name: str) -> None:
    _sources.pop(name, None)


def sources_for(kind: str) -> list[Source]:
    return [source for name, source in sorted(_sources.items()) if kind in source.kinds]


def page_url(page) -> str:
    """The page's address for a mail. Within a digest run, the sites' root paths are read once
    and handed to Wagtail on the page (where ``Page._get_site_root_paths`` keeps them), instead
    of a cache read per item (0.7 ms each: a third of a 10 000-follow run's time went there)."""
    memo = _run_memo.get()
    if memo is not None:
        if "site_root_paths" not in memo:
            memo["site_root_paths"] = Site.get_site_root_paths()
        page._wagtail_cached_site_root_paths = memo["site_root_paths"]
    return siteurl.absolute(page.get_url() or "/")


def _ids(targets) -> list[int]:
    return [int(t) for t in targets if str(t).isdigit()]


# Built-in sources --------------------------------------------------------------------------------


def new_examples_in_place(targets, until):
    """New live, public examples of a followed county (targets are county ids)."""
    since = min(targets.values())
    examples = live_examples().filter(
        county_id__in=_ids(targets), first_published_at__gt=since, first_published_at__lte=until
    )
    for example in examples.only("pk", "title", "url_path", "county_id", "first_published_at"):
        yield NewsItem(
            str(example.county_id),
            example.first_published_at,
            example.title,
            page_url(example),
            _("Nytt exempel"),
        )


def new_examples_for_goal(targets, until):
    """New live, public examples linked to a followed goal (targets are goal ids)."""
    since = min(targets.values())
    rows = (
        live_examples()
        .filter(
            goals__in=_ids(targets), first_published_at__gt=since, first_published_at__lte=until
        )
        .values_list("pk", "title", "url_path", "goals", "first_published_at")
    )
    pages = {}
    for pk, title, url_path, goal_id, published in rows:
        page = pages.setdefault(pk, ExamplePage(pk=pk, title=title, url_path=url_path))
        yield NewsItem(str(goal_id), published, title, page_url(page), _("Nytt exempel"))


def new_examples_in_search(targets, until):
    """New examples a saved search finds: the search is run again through the site's search
    backend (Elasticsearch or the database), newest first, and the hits published after the
    watermark are kept. Nothing new on the site at all: no search runs."""
    since = min(targets.values())
    fresh = dict(
        live_examples()
        .filter(first_published_at__gt=since, first_published_at__lte=until)
        .values_list("pk", "first_published_at")
    )
    if not fresh:
        return
    pages = {
        page.pk: page
        for page in live_examples().filter(pk__in=fresh).only("pk", "title", "url_path")
    }
    for target in targets:
        for page_id in _newest_hits(target, until):
            if page_id in pages:
                page = pages[page_id]
                yield NewsItem(
                    target, fresh[page_id], page.title, page_url(page), _("Nytt exempel")
                )


def _newest_hits(target: str, until) -> list[int]:
    """The page ids of a saved search's newest ``SEARCH_LIMIT`` hits, once per run (above)."""
    memo = _run_memo.get()
    key = ("search", target, until)
    if memo is not None and key in memo:
        return memo[key]
    parsed = parse_params(QueryDict(target))
    params = SearchParams(parsed.query, parsed.filters, "nyast", 1, SEARCH_LIMIT)
    try:
        results, _notice = run_search(params)
    except Exception:  # the search answers next run; the watermark stays (see digests)
        logger.exception("Bevakad sökning kunde inte köras: %s", target)
        raise
    hits = [hit.page_id for hit in results.hits]
    if memo is not None:
        memo[key] = hits
    return hits


EVENT_LABELS = {
    "stage": _("Nytt steg"),
    "attachment": _("Ny bilaga"),
    "edit": _("Uppdaterat"),
    "programme": _("Ändrat program"),
}


def page_events(targets, until):
    """The recorded changes (``follows.events``) of followed examples and seminars that are
    live and public now."""
    from follows.models import ExampleEvent

    since = min(targets.values())
    ids = _ids(targets)
    live = Page.objects.live().filter(public_q(), pk__in=ids)
    pages = {page.pk: page for page in live.only("pk", "title", "url_path")}
    events = ExampleEvent.objects.filter(page_id__in=pages, at__gt=since, at__lte=until)
    for event in events.order_by("at", "pk"):
        page = pages[event.page_id]
        yield NewsItem(
            str(event.page_id),
            event.at,
            event.text,
            page_url(page),
            str(EVENT_LABELS.get(event.kind, "")),
        )


def register_builtins():
    register("new_examples_county", kinds={"county"}, collect=new_examples_in_place)
    register("new_examples_goal", kinds={"goal"}, collect=new_examples_for_goal)
    register("new_examples_search", kinds={"search"}, collect=new_examples_in_search)
    register("page_events", kinds={"example", "seminar"}, collect=page_events)
