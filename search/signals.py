"""When the search index must change, and for which examples.

Wired in ``SearchConfig.ready()``. Each handler only records which pages changed
(``indexing.record_change``): the change is written in the same transaction and applied after
the commit. Plain saves are not listened to, so saving a draft never touches the index.

* published, unpublished: Wagtail's ``page_published`` / ``page_unpublished``;
* moved: ``post_page_move`` (a moved section takes its examples along);
* deleted: ``post_delete`` of an example (also when a parent page's deletion cascades);
* view restrictions added, changed or removed: every example at or under the restricted page;
* where an example runs (``examples.spread.places_changed``, sent after commit by the app that
  keeps the places): those examples;
* taxonomy labels renamed (county, municipality, target area and group, goal, goal area, tag):
  every live example that carries the label, since the label is searchable text.
"""

from django.db.models.signals import post_delete, post_save, pre_delete

from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from examples import spread
from examples.models import (
    County,
    ExamplePage,
    Goal,
    GoalArea,
    Municipality,
    TargetArea,
    TargetGroup,
)
from search.indexing import record_change

# Which live examples carry a taxonomy value: model -> ExamplePage lookup.
TAXONOMY_LOOKUPS = {
    County: "county",
    Municipality: "municipalities",
    TargetArea: "target_areas",
    TargetGroup: "target_groups",
    Goal: "goals",
    GoalArea: "goals__area",
    Tag: "tagged_items__tag",
}


def examples_at_or_under(page_id) -> list[int]:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []
    return list(ExamplePage.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def on_publish_change(sender, instance, **kwargs):
    if isinstance(instance, ExamplePage):
        record_change([instance.pk], "published" if instance.live else "unpublished")


def on_unpublish(sender, instance, **kwargs):
    if isinstance(instance, ExamplePage):
        record_change([instance.pk], "unpublished")


def on_move(sender, instance, **kwargs):
    record_change(examples_at_or_under(instance.pk), "moved")


def on_example_delete(sender, instance, **kwargs):
    record_change([instance.pk], "deleted")


def on_view_restriction_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    record_change(examples_at_or_under(instance.page_id), "view restriction")


def on_taxonomy_save(sender, instance, created=False, raw=False, **kwargs):
    if created or raw:
        return
    _record_taxonomy(sender, instance, "taxonomy renamed")


def on_taxonomy_delete(sender, instance, **kwargs):
    # Before the delete, while the examples still point at the value; applied after commit.
    _record_taxonomy(sender, instance, "taxonomy deleted")


def _record_taxonomy(model, instance, reason):
    lookup = TAXONOMY_LOOKUPS[model]
    ids = (
        ExamplePage.objects.filter(live=True, **{lookup: instance})
        .values_list("pk", flat=True)
        .distinct()
    )
    record_change(list(ids), reason)


def on_places_changed(sender, example_ids=(), **kwargs):
    """Where an example runs is in its facets ("Införd i", "Kommun") and its sort by spread."""
    record_change(list(example_ids), "places changed")


def connect():
    spread.places_changed.connect(on_places_changed, dispatch_uid="search_places_changed")
    page_published.connect(on_publish_change, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublish, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_move, dispatch_uid="search_page_moved")
    post_delete.connect(on_example_delete, sender=ExamplePage, dispatch_uid="search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"search_view_restriction_{signal is post_save}",
        )
    for model in TAXONOMY_LOOKUPS:
        post_save.connect(
            on_taxonomy_save, sender=model, dispatch_uid=f"search_taxonomy_save_{model.__name__}"
        )
        pre_delete.connect(
            on_taxonomy_delete,
            sender=model,
            dispatch_uid=f"search_taxonomy_delete_{model.__name__}",
        )
