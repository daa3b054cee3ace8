"""Fold the slugs of the tags saved before ``examples.tags.fold_tags``: strategiförhälsa →
strategiforhalsa. A folded slug another tag already has gets taggit's suffix (``_2``, ``_3`` …).

The search index keeps each example's tag slugs: run ``manage.py search_index reconcile`` once
after this migration (README, "Öppna data"), which rewrites the entries whose content changed.
"""

from django.db import migrations
from django.utils.text import slugify


def fold(value):
    return slugify(value) or slugify(value, allow_unicode=True)


def fold_tag_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        folded = fold(tag.slug)
        if folded == tag.slug:
            continue
        candidate, n = folded, 2
        while candidate in taken:
            candidate, n = f"{folded}_{n}", n + 1
        taken.discard(tag.slug)
        taken.add(candidate)
        Tag.objects.filter(pk=tag.pk).update(slug=candidate)


class Migration(migrations.Migration):
    dependencies = [
        ("examples", "0007_discontinued"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(fold_tag_slugs, migrations.RunPython.noop)]
