"""The "status" facet (pågående / avslutade, issue #17): a column on ``SearchMatch``.

Data-safe: the documents already indexed get their value here (on PostgreSQL in the new column,
on SQLite as ``SearchFacetValue`` rows), so the facet counts every example at once, without a
rebuild. Their source hashes differ from the new documents', so ``search_index sync`` brings
them fully up to date; Elasticsearch's strict mapping needs ``search_index rebuild`` (README).
"""

from django.db import migrations, models

ONGOING = "pagaende"
DISCONTINUED = "avslutade"


def fill_status(apps, schema_editor):
    document_model = apps.get_model("search", "SearchDocument")
    page_model = apps.get_model("examples", "ExamplePage")
    stopped = set(
        page_model.objects.filter(discontinued_on__isnull=False).values_list("pk", flat=True)
    )
    if schema_editor.connection.vendor == "postgresql":
        match_model = apps.get_model("search", "SearchMatch")
        match_model.objects.update(status=ONGOING)
        match_model.objects.filter(document_id__in=stopped).update(status=DISCONTINUED)
        return
    facet_model = apps.get_model("search", "SearchFacetValue")
    facet_model.objects.filter(facet="status").delete()
    facet_model.objects.bulk_create(
        [
            facet_model(
                document_id=pk, facet="status", value=DISCONTINUED if pk in stopped else ONGOING
            )
            for pk in document_model.objects.values_list("pk", flat=True)
        ],
        batch_size=2000,
    )


def remove_status(apps, schema_editor):
    apps.get_model("search", "SearchFacetValue").objects.filter(facet="status").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("examples", "0007_discontinued"),
        ("search", "0005_suggest_words_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchmatch",
            name="status",
            field=models.TextField(editable=False, null=True),
        ),
        migrations.RunPython(fill_status, remove_status),
    ]
