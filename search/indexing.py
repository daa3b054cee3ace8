"""Keeping the search indexes true: what an example's index document holds, and how changes flow.

Every change that can alter what the search should show (publish, unpublish, move, delete, view
restriction, renamed taxonomy label; see ``search/signals.py``) calls ``record_change``. That
writes an ``IndexChange`` row in the same transaction as the change itself and, once the
transaction has committed, applies it: the database index always, Elasticsearch too when it is
configured. If Elasticsearch is down the row stays pending and ``manage.py search_index sync``
(run it periodically) applies it later; publishing never fails because of the search.

The index reads the page as it is in the database after the commit, so it only ever holds what
is live: a draft lives in revisions and never reaches the page row, let alone the index.
Contact persons' details (``contact_name``, ``contact_role``, ``contact_email``) are never read.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from wagtail.rich_text import get_text_for_indexing

from assessments.exports import LEVEL_ASSESSED, LEVEL_SHARED, assessed_ids
from examples import listing, spread
from examples.maps import places_vocabulary
from examples.models import ExampleOrganisation, ExamplePage, ExamplePageTag, Goal
from search import nearcopies
from search.backends.base import SearchRequestError
from search.facets import DISCONTINUED, ONGOING
from search.models import IndexChange

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
KEEP_APPLIED_CHANGES = timedelta(days=7)

Progress = Callable[[str], None]


def _quiet(_line: str) -> None:
    pass


# What goes into the index -----------------------------------------------------------------


def indexable_examples():
    """The examples the search shows: published and public, with what a document needs."""
    return (
        listing.live_examples()
        .select_related("county")
        .prefetch_related(
            "municipalities",
            "target_areas",
            "target_groups",
            Prefetch("goals", queryset=Goal.objects.select_related("area")),
            "tags",
            "organisations",
        )
    )


TAXONOMY_RELATIONS = ("municipalities", "target_areas", "target_groups", "goals")


class _Organisation(NamedTuple):
    """What ``build_source`` reads of an organisation: a tuple, not a model instance per row."""

    name: str
    sort_order: int | None


def batch_relations(page_ids: list[int]) -> dict[int, dict[str, list]]:
    """Every relation ``build_source`` reads, for a batch of pages, in eight queries in all.

    The same as ``indexable_examples``' prefetching, without building and filtering a related
    manager per page and relation, which was most of a rebuild's time outside the text analysis.
    The links (tags too) are read as id pairs and the few distinct targets once per batch, the
    organisations as tuples: a model instance per row was most of what remained.
    """
    related: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name in TAXONOMY_RELATIONS:
        field = ExamplePage._meta.get_field(name)
        model = field.related_model
        queryset = model.objects.select_related("area") if model is Goal else model.objects
        links = field.remote_field.through.objects.filter(
            **{f"{field.m2m_field_name()}_id__in": page_ids}
        ).values_list(f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id")
        _add_links(related, name, list(links), queryset)
    tag_links = ExamplePageTag.objects.filter(content_object_id__in=page_ids).values_list(
        "content_object_id", "tag_id"
    )
    _add_links(
        related,
        "tags",
        list(tag_links),
        ExamplePageTag._meta.get_field("tag").related_model.objects,
    )
    organisations = ExampleOrganisation.objects.filter(page_id__in=page_ids).values_list(
        "page_id", "name", "sort_order"
    )
    for page_id, name, sort_order in organisations:
        related[page_id]["organisations"].append(_Organisation(name, sort_order))
    for page_id, places in spread.provided_places(page_ids).items():
        related[page_id]["places"].extend(places)
    for page_id in assessed_ids(page_ids):
        related[page_id]["level"] = [LEVEL_ASSESSED]
    return related


def _add_links(related, name: str, links: list[tuple[int, int]], queryset) -> None:
    """Each page's targets of one relation, from (page, target) pairs: the targets are few
    (taxonomies, tags), so one query reads the whole batch's."""
    objects = queryset.in_bulk({target for _, target in links})
    for page_id, target in links:
        related[page_id][name].append(objects[target])


def _page_relations(page) -> dict[str, list]:
    return {
        **{
            name: list(getattr(page, name).all())
            for name in (*TAXONOMY_RELATIONS, "tags", "organisations")
        },
        "places": spread.provided_places([page.pk]).get(page.pk, []),
        "level": [LEVEL_ASSESSED] if assessed_ids([page.pk]) else [],
    }


def _where_it_runs(page, municipalities, provided) -> tuple[list, list, int]:
    """Every municipality and county where the example runs, its own and where it has been
    introduced since (``examples.spread``), and in how many municipalities it runs."""
    vocabulary = places_vocabulary()
    running = {m.pk: m for m in municipalities}
    for place in provided:
        municipality = vocabulary["municipalities"].get(place.municipality_id)
        if municipality is not None:
            running.setdefault(municipality.pk, municipality)
    county_ids = {m.county_id for m in running.values()}
    county_ids |= {place.county_id for place in provided if place.county_id}
    if page.county_id:
        county_ids.add(page.county_id)
    counties = [vocabulary["counties"][pk] for pk in county_ids if pk in vocabulary["counties"]]
    size = spread.spread_size([*spread.origin_places(page, municipalities), *provided])
    return (
        sorted(running.values(), key=lambda m: m.name),
        sorted(counties, key=lambda c: c.slug),
        size,
    )


def _stream_text(page) -> list[str]:
    return [
        str(item)
        for item in page.body.stream_block.get_searchable_content(page.body)
        if str(item).strip()
    ]


def body_text(page) -> str:
    """The example's indexed body: its stream, then its results, lessons and transfer advice."""
    body = [
        *_stream_text(page),
        *(
            get_text_for_indexing(value)
            for value in (page.results, page.lessons, page.transfer)
            if value
        ),
    ]
    return "\n".join(part.strip() for part in body if part.strip())


def build_source(page, related: dict[str, list] | None = None) -> dict:
    """The backend-neutral index document of one example (no personal data, no draft content).

    Facet values are slugs (the stage: its number as text); the text fields are plain text.
    ``related`` is the page's entry of ``batch_relations``; without it the page's own (ideally
    prefetched, see ``indexable_examples``) relations are read.
    """
    if related is None:
        related = _page_relations(page)
    municipalities = sorted(related.get("municipalities", ()), key=lambda m: m.name)
    areas = sorted(related.get("target_areas", ()), key=lambda a: (a.sort_order, a.name))
    groups = sorted(related.get("target_groups", ()), key=lambda g: (g.sort_order, g.name))
    goals = sorted(related.get("goals", ()), key=lambda g: g.number)
    tags = sorted(related.get("tags", ()), key=lambda t: t.name)
    organisations = sorted(related.get("organisations", ()), key=lambda o: o.sort_order or 0)
    running, counties, spread_size = _where_it_runs(page, municipalities, related.get("places", ()))
    taxonomy = [
        *([page.county.name] if page.county else []),
        *(m.name for m in municipalities),
        *(a.name for a in areas),
        *(g.name for g in groups),
        *(g.text for g in goals),
        *sorted({g.area.name for g in goals}),
        *(o.name for o in organisations),
    ]
    published = page.first_published_at
    body = body_text(page)
    source = {
        "page_id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "body": body,
        # Shared by every near-copy of this text: the search page lists them as one hit.
        "copy_key": nearcopies.copy_key(page.pk, page.summary, body),
        "taxonomy": "\n".join(taxonomy),
        "tag_names": "\n".join(t.name for t in tags),
        "stage": page.stage,
        "spread": spread_size,
        "first_published_at": published.isoformat() if published else None,
        "facets": {
            "lan": [page.county.slug] if page.county else [],
            "kommun": [m.slug for m in running],
            "omrade": [a.slug for a in areas],
            "malgrupp": [g.slug for g in groups],
            "steg": [str(page.stage)] if page.stage else [],
            "mal": [g.slug for g in goals],
            "tagg": [t.slug for t in tags],
            "status": [DISCONTINUED if page.discontinued_on else ONGOING],
            "infort": [c.slug for c in counties],
            "niva": list(related.get("level") or [LEVEL_SHARED]),
        },
    }
    source["source_hash"] = source_hash(source)
    return source


def source_hash(source: dict) -> str:
    """A fingerprint of a document's content, to find stale entries when reconciling."""
    content = {key: value for key, value in source.items() if key != "source_hash"}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def sources_for(page_ids: Iterable[int]) -> dict[int, dict]:
    """Documents of those pages that should be in the index; absent ids must be removed."""
    ids = list(set(page_ids))
    result = {}
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        pages = list(listing.live_examples().select_related("county").filter(pk__in=batch))
        related = batch_relations([page.pk for page in pages])
        for page in pages:
            result[page.pk] = build_source(page, related[page.pk])
    return result


def all_sources(progress: Progress = _quiet) -> Iterable[dict]:
    ids = list(indexable_examples().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        yield from sources_for(batch).values()
        progress(f"  {min(start + BATCH_SIZE, len(ids))}/{len(ids)} exempel")


# The backends to write to -------------------------------------------------------------------


def elasticsearch_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def database_index():
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_index():
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend()


# Recording and applying changes -------------------------------------------------------------


def record_change(page_ids: Iterable[int], reason: str) -> None:
    """Queue index updates for these pages in the current transaction; apply them after commit.

    Up to ``BATCH_SIZE`` pages are applied in the request that changed them. More (a renamed
    tag or goal, a moved or restricted section: up to every example) wait for ``search_index
    sync``, which applies them in batches: a hundred thousand ids would pass what PostgreSQL
    takes in one statement, and reindexing them would outlast the request's time limit."""
    ids = sorted(set(page_ids))
    if not ids or not getattr(settings, "SEARCH_AUTO_INDEX", True):
        return
    changes = IndexChange.objects.bulk_create(
        [IndexChange(page_id=page_id, reason=reason[:40]) for page_id in ids]
    )
    if len(ids) > BATCH_SIZE:
        logger.info(
            "%s sidor väntar på sökindexet (%s): search_index sync tillämpar ändringarna",
            len(ids),
            reason,
        )
        return
    change_ids = [change.pk for change in changes if change.pk]
    to_elasticsearch = getattr(settings, "SEARCH_ELASTICSEARCH_AUTO_INDEX", True)

    def apply_after_commit():
        apply_changes(
            change_ids=change_ids or None,
            page_ids=None if change_ids else ids,
            to_elasticsearch=to_elasticsearch,
        )

    transaction.on_commit(apply_after_commit, robust=True)


def apply_changes(
    change_ids: list[int] | None = None,
    page_ids: list[int] | None = None,
    to_elasticsearch: bool = True,
    es_backend=None,
) -> tuple[int, int]:
    """Bring the index entries of pending changes up to date; return (applied, still pending).

    The database index is always updated. When Elasticsearch is configured (and
    ``to_elasticsearch``), a change counts as applied only once Elasticsearch has it too.
    """
    pending = IndexChange.objects.filter(applied_at=None)
    if change_ids is not None:
        pending = pending.filter(pk__in=change_ids)
    if page_ids is not None:
        pending = pending.filter(page_id__in=page_ids)
    changes = list(pending.order_by("pk"))
    if not changes:
        return 0, 0
    ids = {change.page_id for change in changes}
    pks = [change.pk for change in changes]
    try:
        sources = sources_for(ids)
        database_index().apply(sources.values(), ids - set(sources))
        if elasticsearch_enabled():
            if not to_elasticsearch:
                return 0, len(changes)
            (es_backend or elasticsearch_index()).apply(sources.values(), ids - set(sources))
    except Exception as exc:  # noqa: BLE001 - any failure leaves the change pending for sync
        # A refused request (4xx) needs fixing, not waiting out: an error, not a warning.
        log = logger.error if isinstance(exc, SearchRequestError) else logger.warning
        log("Sökindexet kunde inte uppdateras (%s): %s", type(exc).__name__, exc)
        IndexChange.objects.filter(pk__in=pks).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return 0, len(changes)
    IndexChange.objects.filter(pk__in=pks).update(applied_at=timezone.now(), last_error="")
    return len(changes), 0


def sync(progress: Progress = _quiet, es_backend=None) -> tuple[int, int]:
    """Apply every pending change, in batches; forget applied changes older than a week."""
    applied_total = 0
    while True:
        batch = list(
            IndexChange.objects.filter(applied_at=None)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not batch:
            break
        applied, pending = apply_changes(change_ids=batch, es_backend=es_backend)
        applied_total += applied
        progress(f"  {applied_total} ändringar tillämpade")
        if pending:
            remaining = IndexChange.objects.filter(applied_at=None).count()
            return applied_total, remaining
    IndexChange.objects.filter(applied_at__lt=timezone.now() - KEEP_APPLIED_CHANGES).delete()
    return applied_total, 0


def changed_since(moment) -> set[int]:
    """Pages with an index change recorded at or after ``moment`` (for a rebuild's replay)."""
    return set(IndexChange.objects.filter(created_at__gte=moment).values_list("page_id", flat=True))


# Rebuilding and reconciling -------------------------------------------------------------


def rebuild_database(progress: Progress = _quiet) -> int:
    """Empty the database index and index every published, public example again."""
    backend = database_index()
    count = 0
    with transaction.atomic():
        backend.clear()
        batch = []
        for source in all_sources(progress):
            batch.append(source)
            if len(batch) >= BATCH_SIZE:
                count += backend.bulk_add(batch)
                batch = []
        count += backend.bulk_add(batch)
    backend.analyze()
    return count


def reconcile(backend, progress: Progress = _quiet, fix: bool = True) -> dict[str, set[int]]:
    """Compare what the index holds with what it should hold; fix the drift unless ``fix=False``.

    Finds examples missing from the index, entries of pages that should not be there (deleted,
    unpublished, restricted) and stale entries (content changed since they were written).
    """
    expected = {source["page_id"]: source for source in all_sources(progress)}
    indexed = backend.indexed_hashes()
    drift = {
        "missing": set(expected) - set(indexed),
        "extra": set(indexed) - set(expected),
        "stale": {
            page_id
            for page_id in set(expected) & set(indexed)
            if indexed[page_id] != expected[page_id]["source_hash"]
        },
    }
    if fix and any(drift.values()):
        backend.apply(
            [expected[page_id] for page_id in sorted(drift["missing"] | drift["stale"])],
            sorted(drift["extra"]),
        )
    return drift
