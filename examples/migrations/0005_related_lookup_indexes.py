"""Indexes that keep the example page's cost independent of the number of examples.

Related examples (``examples.related``) read, for each goal, tag, target area and county of a
page, the newest examples with that link: an index on (link, example) hands them over in order,
so the read stops after ``CANDIDATES_PER_LINK`` rows instead of sorting every example with the
link. Django's own indexes on these tables lead with the example, or hold the link alone.

Serving a page finds every page on its path by ``url_path`` in one query (``website.routing``);
Wagtail does not index that column, so without this the lookup reads the whole page tree.

The many-to-many tables are created by Django, not declared as models here, hence plain SQL
(the same statement on PostgreSQL and SQLite).
"""

from django.db import migrations

INDEXES = {
    "examples_related_goal": ("examples_examplepage_goals", "goal_id, examplepage_id"),
    "examples_related_area": (
        "examples_examplepage_target_areas",
        "targetarea_id, examplepage_id",
    ),
    "examples_related_tag": ("examples_examplepagetag", "tag_id, content_object_id"),
    "examples_related_county": ("examples_examplepage", "county_id, page_ptr_id"),
    "examples_page_url_path": ("wagtailcore_page", "url_path"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("examples", "0004_stage_change_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, (table, columns) in INDEXES.items()
    ]
