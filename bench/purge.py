"""Delete an earlier synthetic set in bulk, for ``generate_bench_data --replace``.

``Page.delete()`` collects every related row of every page in Python and fires the deletion
signals page by page (search index, reference index): fine for one page, minutes for 100 000.
The synthetic pages are leaves that only the generator wrote, so their rows are deleted table by
table, a batch of ids at a time: whatever points at them (found from the model metadata, so a
new relation is covered too), the search entries, the revisions, then the example and page rows.
Paths of the deleted leaves are simply left unused, as treebeard itself does.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from bench.generator import synthetic_examples
from examples.models import ExampleIndexPage, ExamplePage

BATCH_SIZE = 2000


def _relations(model):
    """Every foreign key that points at ``model``'s table, many-to-many tables' included."""
    for field in model._meta.get_fields(include_hidden=True):
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one):
            if issubclass(field.related_model, Page) and issubclass(model, Page):
                continue  # the page tables themselves (multi-table children, aliases)
            yield field.related_model, field.field


def _delete_rows(model, rows) -> None:
    """Delete ``rows`` and what depends on them, table by table, without loading or signals.

    Django's collector would load every row and send ``post_delete`` for each, and Wagtail's
    reference index answers each signal with a query of its own.
    """
    for related, field in _relations(model):
        dependants = related._base_manager.filter(**{f"{field.name}__in": rows.values("pk")})
        on_delete = field.remote_field.on_delete
        if on_delete is models.SET_NULL:
            dependants.update(**{field.attname: None})
        elif on_delete is not models.DO_NOTHING:
            _delete_rows(related, dependants)
    rows._raw_delete(rows.db)


def _delete_batch(ids: list[int]) -> None:
    keys = [str(pk) for pk in ids]
    types = list(ContentType.objects.get_for_models(Page, ExamplePage).values())
    IndexEntry.objects.filter(content_type__in=types, object_id__in=keys)._raw_delete("default")
    ReferenceIndex.objects.filter(base_content_type__in=types, object_id__in=keys)._raw_delete(
        "default"
    )
    Page.objects.filter(pk__in=ids).update(latest_revision=None, live_revision=None)
    _delete_rows(Revision, Revision.objects.filter(base_content_type__in=types, object_id__in=keys))
    _delete_rows(ExamplePage, ExamplePage.objects.filter(pk__in=ids))
    _delete_rows(Page, Page.objects.filter(pk__in=ids))


def purge(progress: Callable[[str], None] | None = None) -> int:
    """Delete every synthetic example; return how many there were."""
    say = progress or (lambda line: None)
    ids = list(synthetic_examples().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        with transaction.atomic():
            _delete_batch(ids[start : start + BATCH_SIZE])
        say(f"  {min(start + BATCH_SIZE, len(ids))}/{len(ids)} borttagna")
    for index in ExampleIndexPage.objects.all():
        Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    return len(ids)
