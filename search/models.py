"""The database side of the search: the embedded index and the queue of pending index changes.

``SearchDocument`` is one denormalised row per published, public example: its display text and
the Swedish index terms of each field (``search/text.py``), kept in step by the same indexing
functions that feed Elasticsearch (``search/indexing.py``). SQLite searches it through an FTS5
table kept in step by triggers (``migrations/0001_initial.py``). ``SearchFacetValue`` holds the
document's facet values there, one row each, with the same semantics as Elasticsearch's
aggregations (SQLite only: PostgreSQL reads the facet columns of ``SearchMatch``).

PostgreSQL searches ``SearchMatch`` instead: one narrow row per document with the weighted
``tsvector`` (GIN-indexed, ``migrations/0002_searchmatch.py``) and one column per facet
(``migrations/0003_searchmatch_facet_columns.py``). Matching and facet counting then read only
these short rows; with the vector beside the long display texts every candidate check read the
texts' pages too.

``IndexChange`` is written in the same transaction as the change to the page, so no edit is lost
when Elasticsearch is down: ``manage.py search_index sync`` applies what is pending.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "examples.ExamplePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Plain text of the description and write-ups.")
    stage = models.PositiveSmallIntegerField(null=True)
    first_published_at = models.DateTimeField(null=True)
    # In how many municipalities the example runs (examples.spread.spread_size): "Spridning".
    # Nullable, so SQLite adds the column in place (a default would rebuild the table and drop
    # the FTS triggers of migration 0001); every indexed row has a number.
    spread = models.PositiveIntegerField(null=True)
    source_hash = models.CharField(max_length=32, blank=True)
    # The same for every near-copy of one text (search/nearcopies.py). Nullable for the same
    # reason as ``spread``; the migration gives existing rows a key of their own.
    copy_key = models.CharField(max_length=40, null=True, db_index=True)  # noqa: DJ001
    # Space-separated index terms per field (search/text.py); the FTS5 table indexes these.
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    taxonomy_terms = models.TextField(blank=True)
    tag_terms = models.TextField(blank=True)
    # Lowercase, folded words of the title, for prefix suggestions (autocomplete).
    suggest_words = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sökdokument"
        verbose_name_plural = "sökdokument"

    def __str__(self):
        return self.title


class SearchMatch(models.Model):
    """PostgreSQL only (empty on SQLite): what matching, filtering and facet counting read."""

    document = models.OneToOneField(
        SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="match"
    )
    stage = models.PositiveSmallIntegerField(null=True)
    first_published_at = models.DateTimeField(null=True)
    spread = models.PositiveIntegerField(null=True)
    copy_key = models.TextField(null=True, editable=False)  # noqa: DJ001  as the document's
    # The weighted index terms of every field (see search/backends/database.py).
    search_vector = SearchVectorField(null=True, editable=False)
    # The facet values (slugs), one column per facet, named as the Elasticsearch fields
    # (search/facets.py); ``stage`` above is the stage facet. A column per facet, not one array
    # of "facet:value" keys: counting a facet then reads its own short list (or one value) per
    # matching row instead of unnesting and testing every key of every row.
    # NULL, as for the stage, where there is none: a facet count skips NULL (not an empty value).
    county = models.TextField(null=True, editable=False)  # noqa: DJ001
    level = models.TextField(null=True, editable=False)  # noqa: DJ001  "delat" or "bedomt"
    municipalities = ArrayField(models.TextField(), null=True, editable=False)
    target_areas = ArrayField(models.TextField(), null=True, editable=False)
    target_groups = ArrayField(models.TextField(), null=True, editable=False)
    goals = ArrayField(models.TextField(), null=True, editable=False)
    tags = ArrayField(models.TextField(), null=True, editable=False)
    status = models.TextField(null=True, editable=False)  # noqa: DJ001
    adopted_counties = ArrayField(models.TextField(), null=True, editable=False)

    class Meta:
        verbose_name = "sökträff"
        verbose_name_plural = "sökträffar"

    def __str__(self):
        return str(self.document_id)


class SearchFacetValue(models.Model):
    """One facet value of one document, e.g. (lan, jamtlands-lan) or (steg, 3); SQLite only."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="search_facet_value_unique"
            )
        ]
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_lookup")]

    def __str__(self):
        return f"{self.facet}={self.value}"


class IndexedWord(models.Model):
    """A word seen in indexed text, for "did you mean" suggestions on the database backend."""

    word = models.CharField(max_length=60, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self):
        return self.word


class IndexChange(models.Model):
    """A page whose index entry must be brought up to date, recorded with the change itself.

    Applied rows are kept for a while: a rebuild replays every change made since it started.
    """

    page_id = models.PositiveIntegerField(db_index=True)
    reason = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    applied_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "ändring att indexera"
        verbose_name_plural = "ändringar att indexera"

    def __str__(self):
        return f"{self.page_id} ({self.reason})"
