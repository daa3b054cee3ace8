"""The embedded search backend: PostgreSQL full text or SQLite FTS5 over ``SearchDocument``.

Used when ``ELASTICSEARCH_URL`` is unset, and as the fallback when Elasticsearch fails. The
Swedish analysis is done in Python (``search/text.py``) with the same stemmer, stop words,
compound list and synonyms as the Elasticsearch analyzers, so both databases index identical
terms: PostgreSQL stores them as a weighted ``tsvector`` literal (no text-search parser or
configuration stands between our terms and the index: its ``swedish`` configuration is the same
Snowball stemmer, applied here once so SQLite and PostgreSQL agree term for term), SQLite in an
FTS5 table. Query semantics match ``search/queries.py``: every word must match (through any of
its synonyms, its stem, or its folded form) in any field; facets are OR within and AND across,
each counted with every other facet's selection applied but not its own.

A search costs a constant number of queries: count, one page of hits, one facet query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.fields import FloatField

from search import text
from search.backends.base import Hit, SearchParams, SearchResults, Suggestion
from search.facets import FACETS
from search.models import IndexedWord, SearchDocument, SearchFacetValue

# Field weights. FTS5's bm25() takes one per column (suggest_words last, never searched);
# PostgreSQL's ts_rank takes one per weight class D, C, B, A.
TERM_COLUMNS = ("title_terms", "summary_terms", "body_terms", "taxonomy_terms", "tag_terms")
FTS5_WEIGHTS = "8.0, 3.0, 1.0, 2.0, 3.0, 0.0"
PG_WEIGHT_CLASSES = {
    "title_terms": "A",
    "summary_terms": "B",
    "taxonomy_terms": "C",
    "tag_terms": "C",
    "body_terms": "D",
}
PG_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"
MAX_TSVECTOR_POSITION = 16383


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _fts5_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _ts_lexeme(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def match_expression(groups: list[frozenset[str]], prefix: bool = False) -> str:
    """The full-text query for the current database: AND of groups, OR within a group."""
    postgres = _is_postgres()
    parts = []
    for group in groups:
        terms = sorted(group)
        if postgres:
            suffix = ":*" if prefix else ""
            parts.append("(" + " | ".join(_ts_lexeme(t) + suffix for t in terms) + ")")
        else:
            suffix = " *" if prefix else ""
            parts.append("(" + " OR ".join(_fts5_string(t) + suffix for t in terms) + ")")
    return (" & " if postgres else " AND ").join(parts)


def tsvector_literal(columns: dict[str, str]) -> str:
    """A weighted tsvector in PostgreSQL's input syntax, built without its text parser."""
    positions: dict[str, list[str]] = {}
    position = 0
    for column, weight in PG_WEIGHT_CLASSES.items():
        for term in columns[column].split():
            position = min(position + 1, MAX_TSVECTOR_POSITION)
            positions.setdefault(term, []).append(f"{position}{weight}")
    return " ".join(
        f"{_ts_lexeme(term)}:{','.join(places[:256])}" for term, places in positions.items()
    )


class DatabaseBackend:
    name = "database"

    # Writing ----------------------------------------------------------------------------

    def apply(self, sources: Iterable[dict], remove_ids: Iterable[int]) -> None:
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=list(remove_ids)).delete()
            for source in sources:
                self._upsert(source)

    def clear(self) -> None:
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            IndexedWord.objects.all().delete()

    def _upsert(self, source: dict) -> None:
        columns = {
            "title_terms": " ".join(text.index_terms(source["title"])),
            "summary_terms": " ".join(text.index_terms(source["summary"])),
            "body_terms": " ".join(text.index_terms(source["body"])),
            "taxonomy_terms": " ".join(text.index_terms(source["taxonomy"])),
            "tag_terms": " ".join(text.index_terms(source["tag_names"])),
        }
        SearchDocument.objects.update_or_create(
            page_id=source["page_id"],
            defaults={
                "title": source["title"][:255],
                "summary": source["summary"],
                "body": source["body"],
                "stage": source["stage"],
                "first_published_at": source["first_published_at"],
                "source_hash": source["source_hash"],
                "suggest_words": " ".join(text.folded_word(w) for w in text.words(source["title"])),
                **columns,
            },
        )
        if _is_postgres():
            SearchDocument.objects.filter(pk=source["page_id"]).update(
                search_vector=RawSQL("%s::tsvector", [tsvector_literal(columns)])
            )
        SearchFacetValue.objects.filter(document_id=source["page_id"]).delete()
        SearchFacetValue.objects.bulk_create(
            SearchFacetValue(document_id=source["page_id"], facet=facet, value=value[:120])
            for facet, values in source["facets"].items()
            for value in dict.fromkeys(values)
        )
        vocabulary = {
            word
            for field in ("title", "summary", "body", "taxonomy", "tag_names")
            for word in text.words(source[field])
            if 3 <= len(word) <= 40 and word.isalpha() and word not in text.stop_words()
        }
        IndexedWord.objects.bulk_create(
            [IndexedWord(word=word, length=len(word)) for word in vocabulary],
            ignore_conflicts=True,
        )

    def indexed_hashes(self) -> dict[int, str]:
        return dict(SearchDocument.objects.values_list("page_id", "source_hash"))

    # Reading ----------------------------------------------------------------------------

    @staticmethod
    def _text_expression(groups: list[frozenset[str]]) -> str:
        expression = match_expression(groups)
        if _is_postgres():
            return expression
        return "{" + " ".join(TERM_COLUMNS) + "} : (" + expression + ")"

    def _matching_ids(self, groups: list[frozenset[str]]) -> RawSQL:
        if _is_postgres():
            sql = "SELECT page_id FROM search_searchdocument WHERE search_vector @@ %s::tsquery"
        else:
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        # The expression is bound as a parameter; only constant SQL is written here.
        return RawSQL(sql, [self._text_expression(groups)])  # noqa: S611  # nosec B611

    def _score(self, groups: list[frozenset[str]]) -> RawSQL:
        expression = self._text_expression(groups)
        if _is_postgres():
            sql = f"ts_rank('{PG_WEIGHTS}', search_vector, %s::tsquery)"
        else:
            sql = (
                f"(SELECT -bm25(search_fts, {FTS5_WEIGHTS}) FROM search_fts "  # noqa: S608 - constants  # nosec B608
                "WHERE search_fts MATCH %s AND search_fts.rowid = search_searchdocument.page_id)"
            )
        return RawSQL(sql, [expression], output_field=FloatField())  # noqa: S611 - bound parameter  # nosec B611

    @staticmethod
    def _groups(words: list[str]) -> list[frozenset[str]]:
        return [terms for terms in (text.query_terms(word) for word in words) if terms]

    def _text_matches(self, words: list[str]):
        documents = SearchDocument.objects.all()
        groups = self._groups(words)
        if groups:
            documents = documents.filter(pk__in=self._matching_ids(groups))
        return documents

    @staticmethod
    def _facet_filter(param: str, values: tuple[str, ...]) -> Q:
        return Q(
            pk__in=SearchFacetValue.objects.filter(facet=param, value__in=values).values(
                "document_id"
            )
        )

    def search(self, params: SearchParams) -> SearchResults:
        words = params.words
        groups = self._groups(words)
        matches = self._text_matches(words)
        selected = {param: values for param, values in params.filters.items() if values}
        documents = matches
        for param, values in selected.items():
            documents = documents.filter(self._facet_filter(param, values))

        total = documents.count()
        hits = []
        if total and params.offset < total:
            ordered = documents
            sort = params.effective_sort
            if sort == "relevans" and groups:
                ordered = ordered.annotate(score=self._score(groups)).order_by(
                    "-score", "-first_published_at", "-pk"
                )
            elif sort == "steg":
                ordered = ordered.order_by("-stage", "-first_published_at", "-pk")
            else:
                ordered = ordered.order_by("-first_published_at", "-pk")
            terms = frozenset().union(*groups) if groups else frozenset()
            for document in ordered[params.offset : params.offset + params.per_page]:
                snippet = ""
                if terms:
                    snippet = text.highlight(document.summary, terms) or text.highlight(
                        document.body, terms
                    )
                hits.append(Hit(document.pk, getattr(document, "score", 0.0) or 0.0, snippet))

        suggestion = ""
        if total == 0 and words:
            suggestion = self.spelling_suggestion(params)
        return SearchResults(
            total=total,
            hits=hits,
            facets=self.facet_counts(matches, selected),
            suggestion=suggestion,
            backend=self.name,
        )

    def facet_counts(self, matches, selected: dict[str, tuple[str, ...]]):
        """All facets in one query: a value counts the documents that match every *other* facet."""
        condition = Q()
        for facet in FACETS:
            own = Q(facet=facet.param)
            for param, values in selected.items():
                if param != facet.param:
                    own &= Q(
                        document_id__in=SearchFacetValue.objects.filter(
                            facet=param, value__in=values
                        ).values("document_id")
                    )
            condition |= own
        rows = (
            SearchFacetValue.objects.filter(document__in=matches.values("pk"))
            .filter(condition)
            .values("facet", "value")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts: dict[str, dict[str, int]] = {facet.param: {} for facet in FACETS}
        for row in rows:
            counts[row["facet"]][row["value"]] = row["count"]
        return counts

    def spelling_suggestion(self, params: SearchParams) -> str:
        """The query with each word the index does not know replaced by the closest known word."""
        words = params.words
        unknown = [word for word in words if not self._text_matches([word]).exists()]
        if not unknown:
            return ""
        lengths = set()
        for word in unknown:
            lengths.update(range(max(3, len(word) - 2), len(word) + 3))
        vocabulary = list(
            IndexedWord.objects.filter(length__in=lengths).values_list("word", flat=True)
        )
        corrected = [
            (text.closest_word(word, vocabulary) or word) if word in unknown else word
            for word in words
        ]
        if corrected == words:
            return ""
        suggestion = " ".join(corrected)
        check = SearchParams(query=suggestion, filters=params.filters, per_page=1)
        documents = self._text_matches(check.words)
        for param, values in params.filters.items():
            if values:
                documents = documents.filter(self._facet_filter(param, values))
        return suggestion if documents.exists() else ""

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Examples whose title has words starting with what was typed (folded, any order)."""
        typed = [text.folded_word(word) for word in text.words(prefix)][:6]
        if not typed:
            return []
        expression = match_expression([frozenset([word]) for word in typed], prefix=True)
        if _is_postgres():
            condition = RawSQL(
                "SELECT page_id FROM search_searchdocument "
                "WHERE array_to_tsvector(string_to_array(suggest_words, ' ')) @@ %s::tsquery",
                [expression],
            )
        else:
            condition = RawSQL(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
                ["{suggest_words} : (" + expression + ")"],
            )
        rows = (
            SearchDocument.objects.filter(pk__in=condition)
            .order_by("title", "pk")
            .values_list("pk", "title")[:limit]
        )
        return [Suggestion(page_id, title) for page_id, title in rows]
