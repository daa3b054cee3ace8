"""PostgreSQL: ``pg_trgm`` and a trigram index on the indexed words, for typo tolerance.

``search/fuzzy.py`` finds the indexed words closest to a word that matches nothing with the
trigram operators (``%`` and ``<->``), answered by this index. SQLite has neither and compares
the words in Python. Needs the ``pg_trgm`` extension (in PostgreSQL's contrib, installed with
the server packages); creating it needs a role allowed to (the database owner on PostgreSQL 13+,
where the extension is trusted).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_indexedword_trigram "
    "ON search_indexedword USING gin (word gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS search_indexedword_trigram"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_searchmatch_facet_columns"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
