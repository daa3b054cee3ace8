"""Where an example runs, for the search: the "Införd i" facet and the sort by spread.

``SearchMatch.adopted_counties`` is the facet's column (PostgreSQL; SQLite keeps its facet rows),
``spread`` the number of municipalities where the example runs, on both tables. Nullable, so
SQLite adds the columns in place: a column with a default makes Django rebuild the table, which
would drop the FTS triggers of 0001. Existing rows get their values at the next
``manage.py search_index rebuild`` (or as their examples change).
"""

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_searchmatch_status'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='spread',
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name='searchmatch',
            name='adopted_counties',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), editable=False, null=True, size=None),
        ),
        migrations.AddField(
            model_name='searchmatch',
            name='spread',
            field=models.PositiveIntegerField(null=True),
        ),
    ]
