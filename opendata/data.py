"""What the open data shows of an example, and how a search becomes a list of examples.

Every export (API, CSV, feeds) reads the same fields through ``open_examples()`` and answers a
search through ``search.backends.run_search`` with the search page's own parsing
(``search.forms.parse_params``), so an export of a search holds exactly the examples the search
page lists, in the same order. Contact persons (``contact_name``, ``contact_role``,
``contact_email``) are personal data and never leave through here: nothing below reads them.
"""

from dataclasses import replace

from django.db.models import Count

from taggit.models import Tag

from assessments.exports import published_prefetch
from examples import listing
from examples.models import StageChange
from search.backends import run_search
from search.backends.base import SearchParams, SearchResults
from search.forms import parse_params
from search.indexing import indexable_examples


def open_examples():
    """Live, public examples with everything an export shows, in a constant number of queries:
    what the search index reads, plus the dated stage history, the example that replaced a
    discontinued one (its id is shown only while it is live) and the published assessments."""
    return (
        indexable_examples()
        .select_related("replaced_by")
        .prefetch_related("stage_history", published_prefetch())
    )


def in_order(ids: list[int]) -> list:
    """The open examples with these ids, in the order given (ids that are not open are left out)."""
    if not ids:
        return []
    pages = open_examples().in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


def search(
    data, *, page: int = 1, per_page: int, sort: str | None = None
) -> tuple[SearchParams, SearchResults]:
    """The search that the GET parameters ``data`` describe, one page of ``per_page`` hits."""
    params = parse_params(data)
    params = replace(params, page=page, per_page=per_page, sort=sort or params.sort)
    results, _notice = run_search(params)
    return params, results


# Sorted views of the prefetched relations (sorting in Python keeps the prefetch cache in use).


def municipalities(page):
    return sorted(page.municipalities.all(), key=lambda m: m.name)


def target_areas(page):
    return sorted(page.target_areas.all(), key=lambda a: (a.sort_order, a.name))


def target_groups(page):
    return sorted(page.target_groups.all(), key=lambda g: (g.sort_order, g.name))


def goals(page):
    return sorted(page.goals.all(), key=lambda g: g.number)


def tags(page):
    return sorted(page.tags.all(), key=lambda t: t.name.lower())


def stage_history(page):
    return sorted(page.stage_history.all(), key=StageChange.sort_key)


def organisations(page):
    """The owner(s) first, then the partners, each in the editor's order."""
    return sorted(
        page.organisations.all(), key=lambda o: (o.role != "owner", o.sort_order or 0, o.pk or 0)
    )


def tags_in_use() -> list[dict]:
    """The tags of live, public examples (a tag only on a draft stays unseen), with how many
    examples carry each, in alphabetical order."""
    used = (
        Tag.objects.filter(
            examples_examplepagetag_items__content_object__in=listing.live_examples()
        )
        .annotate(examples=Count("examples_examplepagetag_items", distinct=True))
        .values("slug", "name", "examples")
    )
    return sorted(used, key=lambda tag: (tag["name"].lower(), tag["slug"]))
