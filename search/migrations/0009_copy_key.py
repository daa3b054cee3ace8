"""Near-copies (``search/nearcopies.py``): the key every copy of one text shares, on both tables.

Nullable, so SQLite adds the columns in place (a column with a default makes Django rebuild the
table, which would drop the FTS triggers of 0001). Existing rows get a key of their own, so
nothing is grouped until ``manage.py search_index rebuild`` (or ``reconcile``: the key is part
of each document's content hash) writes the real keys.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0008_searchmatch_level"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="copy_key",
            field=models.CharField(db_index=True, max_length=40, null=True),
        ),
        migrations.AddField(
            model_name="searchmatch",
            name="copy_key",
            field=models.TextField(editable=False, null=True),
        ),
        migrations.RunSQL(
            "UPDATE search_searchdocument SET copy_key = 'sida-' || page_id "
            "WHERE copy_key IS NULL",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE search_searchmatch SET copy_key = 'sida-' || document_id "
            "WHERE copy_key IS NULL",
            migrations.RunSQL.noop,
        ),
    ]
