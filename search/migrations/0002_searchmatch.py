"""Move PostgreSQL's search vector into a narrow table of its own, with the facet keys beside it.

Data-safe: on PostgreSQL the existing vectors and facet values are copied into ``SearchMatch``
before the old column goes, so the index keeps answering without a rebuild (``make run`` rebuilds
anyway). On SQLite ``SearchMatch`` stays empty; FTS5 is untouched.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = [
    "CREATE INDEX search_match_vector ON search_searchmatch USING gin (search_vector)",
    "CREATE INDEX search_match_facets ON search_searchmatch USING gin (facet_keys)",
    """INSERT INTO search_searchmatch (document_id, stage, first_published_at, search_vector,
                                      facet_keys)
       SELECT d.page_id, d.stage, d.first_published_at, d.search_vector,
              ARRAY(SELECT f.facet || ':' || f.value FROM search_searchfacetvalue f
                    WHERE f.document_id = d.page_id ORDER BY f.facet, f.value)
       FROM search_searchdocument d""",
]
POSTGRES_BACKWARD = [
    """UPDATE search_searchdocument d SET search_vector = m.search_vector
       FROM search_searchmatch m WHERE m.document_id = d.page_id""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchMatch",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="match",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                ("stage", models.PositiveSmallIntegerField(null=True)),
                ("first_published_at", models.DateTimeField(null=True)),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "facet_keys",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.TextField(), editable=False, null=True
                    ),
                ),
            ],
            options={
                "verbose_name": "sökträff",
                "verbose_name_plural": "sökträffar",
            },
        ),
        # Backward: the old column comes back (RemoveField reversed) before the copy runs.
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
        migrations.RemoveField(model_name="searchdocument", name="search_vector"),
    ]
