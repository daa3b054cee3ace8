"""PostgreSQL: an index on the title words autocomplete matches (``DatabaseBackend.suggest``).

Autocomplete tests every indexed title's words against the typed prefixes; without an index on
that very expression each keystroke built a vector from every title (90 ms at 10 000 examples).
SQLite matches the same words through its FTS5 table and needs nothing here.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_document_suggest_words ON search_searchdocument "
    "USING gin (array_to_tsvector(string_to_array(suggest_words, ' ')))",
]
BACKWARD = ["DROP INDEX IF EXISTS search_document_suggest_words"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_indexedword_trigram"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
