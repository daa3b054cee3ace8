"""Sections that apps built on ``examples`` add to an example page.

Why a registry: the example page belongs to ``examples``, but much of what a reader learns about
an example is reported elsewhere — where others have introduced it (``adoptions``), what the
assessors found (``assessments``), a way to follow it (``follows``). Those apps build on
``examples`` (``tests/test_layering.py``), so the page cannot import them. Each registers its
section from its ``AppConfig.ready()``; the page asks every section for its context and
includes its template in the named slot, in ``order``.

A section's ``context(page, request)`` returns a dict for its template, or ``None`` to show
nothing. It must do a constant number of queries whatever the data size (the page's query
count is pinned in tests), and must cope with a page in preview (``page.pk`` may be ``None``,
``request.is_preview`` true).

A section registered ``cacheable=True`` says that its HTML depends only on published data whose
every change purges the page cache (``website.pagecache.purge``), never on who is asking: its
rendered HTML is then kept in the shared cache under the site-wide generation
(``fragment_key``), as the related examples are, and its ``context`` is only called when the
HTML is not there. Why: "Här har andra infört arbetet" with 50 adoptions cost the page most of
its time (``make bench``), for HTML that changes only when an adoption does. Such a section is
rendered from its ``context`` when that is not None (asked only when its HTML is not kept).
While every registered section is cacheable, the page keeps its whole article the same way
(``article_key``): a page viewed again then reads neither its relations nor any section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from website.pagecache import generation

# Where on the page a section goes: under the header (labels such as a level), in the main
# column after the stage history, or in the facts column.
SLOTS = ("header", "main", "aside")


@dataclass(frozen=True)
class ExampleSection:
    name: str
    template: str
    context: Callable
    slot: str = "main"
    order: int = 100
    cacheable: bool = False


_sections: dict[str, ExampleSection] = {}


def register(
    name: str,
    *,
    template: str,
    context: Callable,
    slot: str = "main",
    order: int = 100,
    cacheable: bool = False,
):
    """Add (or replace, so a reloaded app does not add it twice) the section ``name``."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot!r}; one of {SLOTS}")
    _sections[name] = ExampleSection(name, template, context, slot, order, cacheable)


def unregister(name: str) -> None:
    _sections.pop(name, None)


@dataclass(frozen=True)
class RenderedSection:
    name: str
    template: str
    context: dict
    cache_key: str | None = None  # set: the template keeps the HTML (``fragment_key``)


def fragment_seconds() -> int:
    """How long a rendered fragment stays at most (a new generation replaces it sooner); 0 when
    nothing is kept: without a cache every process shares (``FRAGMENT_CACHE_SECONDS``)."""
    return settings.FRAGMENT_CACHE_SECONDS


def fragment_key(page, request, name: str) -> str | None:
    """The shared cache key of one fragment of a saved page's public HTML, or None (nothing is
    kept: a preview, an unsaved page, no shared cache, or the cache cannot be reached). The
    generation changes with every purge, so a kept fragment is never older than the last
    change."""
    if not page.pk or getattr(request, "is_preview", False) or not fragment_seconds():
        return None
    current = generation()
    if current is None:
        return None
    return f"{current}:{page.pk}:{int(bool(page.live))}:{name}"


def article_key(page, request) -> str | None:
    """The key under which the page's whole article is kept (``fragment_key``), or None while a
    registered section is not ``cacheable`` (its HTML may depend on who is asking, so the
    article is rendered on every view, its kept parts read one by one)."""
    if not all(section.cacheable for section in _sections.values()):
        return None
    return fragment_key(page, request, "article")


def sections_for(page, request) -> dict[str, list[RenderedSection]]:
    """Each slot's sections with their context, the hidden ones left out."""
    slots: dict[str, list[RenderedSection]] = {slot: [] for slot in SLOTS}
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.name)):
        key = fragment_key(page, request, section.name) if section.cacheable else None
        if key is not None:
            # Asked only when the template does not find the HTML under ``key``.
            context = SimpleLazyObject(lambda section=section: section.context(page, request))
        else:
            context = section.context(page, request)
            if context is None:
                continue
        slots[section.slot].append(
            RenderedSection(section.name, section.template, context, cache_key=key)
        )
    return slots


# Page actions ---------------------------------------------------------------------------------
# Links other apps offer on the pages ``examples`` and ``search`` render besides the example page
# (a county, a goal, a seminar, a search): "Bevaka" from ``follows``. Same idea as the sections:
# the page names what it shows (``kind`` and the object), every registered action returns a
# context for its template or ``None``. An action must not query the database per call (the
# pages' query counts are pinned) and must not depend on who is asking (the anonymous page
# cache serves the same HTML to everyone).

PAGE_KINDS = ("county", "goal", "seminar", "search")


@dataclass(frozen=True)
class PageAction:
    name: str
    template: str
    context: Callable
    kinds: tuple[str, ...]
    order: int = 100


_actions: dict[str, PageAction] = {}


def register_action(
    name: str, *, template: str, context: Callable, kinds=PAGE_KINDS, order: int = 100
):
    """Add (or replace) the action ``name``, shown on the pages of ``kinds``."""
    unknown = set(kinds) - set(PAGE_KINDS)
    if unknown:
        raise ValueError(f"unknown page kinds {sorted(unknown)}; of {PAGE_KINDS}")
    _actions[name] = PageAction(name, template, context, tuple(kinds), order)


def unregister_action(name: str) -> None:
    _actions.pop(name, None)


def actions_for(kind: str, obj, request) -> list[RenderedSection]:
    """The actions for a page of ``kind`` showing ``obj``, in order, the hidden ones left out."""
    rendered = []
    for action in sorted(_actions.values(), key=lambda a: (a.order, a.name)):
        if kind in action.kinds:
            context = action.context(kind, obj, request)
            if context is not None:
                rendered.append(RenderedSection(action.name, action.template, context))
    return rendered
