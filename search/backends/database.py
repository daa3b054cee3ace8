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

On PostgreSQL matching, filtering, ranking and facet counting read only ``SearchMatch``: narrow
rows holding the tsvector and a column per facet (``search/models.py``). A facet filter is an
equality or an array overlap (``&&``, any of the values); the facet counts group the matching
rows in memory; the long display texts are read for the page of hits only. Spelling suggestions
test their selection on those columns too, and a rebuild writes the rows with ``COPY``.
"""

from __future__ import annotations

import collections
import functools
import itertools
import operator
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.fields import FloatField, TextField
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone

from search import fuzzy, places, resultcache, text
from search import query as search_query
from search.backends import database_pg
from search.backends.base import Hit, SearchParams, SearchResults, Suggestion
from search.facets import FACETS, FACETS_BY_PARAM
from search.models import IndexedWord, SearchDocument, SearchFacetValue, SearchMatch
from search.query import Group

# Field weights. FTS5's bm25() takes one per column (suggest_words last, never searched);
# PostgreSQL's ts_rank takes one per weight class D, C, B, A (database_pg.PG_WEIGHTS).
TERM_COLUMNS = ("title_terms", "summary_terms", "body_terms", "taxonomy_terms", "tag_terms")
FTS5_WEIGHTS = "8.0, 3.0, 1.0, 2.0, 3.0, 0.0"
# Ranking: every group of the query matched counts more than anything else; then (SQLite) the
# words near each other; then the field-weighted, length-normalised relevance, kept below 1.
COVERAGE_WEIGHT = 4
PROXIMITY_WEIGHT = 2
PG_WEIGHT_CLASSES = {
    "title_terms": "A",
    "summary_terms": "B",
    "taxonomy_terms": "C",
    "tag_terms": "C",
    "body_terms": "D",
}
MAX_TSVECTOR_POSITION = 16383
MAX_TERM_POSITIONS = 256  # PostgreSQL keeps no more per lexeme


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _fts5_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _ts_lexeme(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _term(term: str, postgres: bool, prefix: bool = False) -> str:
    if postgres:
        return _ts_lexeme(term) + (":*" if prefix else "")
    return _fts5_string(term) + (" *" if prefix else "")


def _any_of(terms, postgres: bool, prefix: bool = False) -> str:
    joiner = " | " if postgres else " OR "
    return "(" + joiner.join(_term(t, postgres, prefix) for t in sorted(terms)) + ")"


def match_expression(groups: list[frozenset[str]], prefix: bool = False) -> str:
    """The full-text query for the current database: AND of groups, OR within a group."""
    postgres = _is_postgres()
    parts = [_any_of(group, postgres, prefix) for group in groups]
    return (" & " if postgres else " AND ").join(parts)


def group_expression(group: Group, postgres: bool, exact: bool = False) -> str:
    """One query group: any alternative (with ``exact``, any of those that are what was
    typed), each alternative every slot, each slot any term."""
    and_, or_ = (" & ", " | ") if postgres else (" AND ", " OR ")
    alternatives = sorted(
        "(" + and_.join(_any_of(slot, postgres) for slot in alternative) + ")"
        for alternative in (group.exact if exact else group.alternatives)
        if alternative
    )
    return "(" + or_.join(alternatives) + ")"


def exact_expression(groups: list[Group]) -> str:
    """The documents having any group as typed (no synonym, municipality or neighbour), or ""
    when that is the same as having any group."""
    if all(group.exact == group.alternatives for group in groups):
        return ""
    postgres = _is_postgres()
    return (" | " if postgres else " OR ").join(
        group_expression(group, postgres, exact=True) for group in groups
    )


def any_expression(groups: list[Group], every: bool = False) -> str:
    """The documents having any group of the query (or, with ``every``, all of them)."""
    postgres = _is_postgres()
    joiners = {(True, True): " & ", (True, False): " AND ", (False, True): " | "}
    joiner = joiners.get((every, postgres), " OR ")
    return joiner.join(group_expression(group, postgres) for group in groups)


def near_expression(groups: list[Group]) -> str:
    """FTS5: every word's own main term close together (a phrase, or nearly), or "" for a
    query of one group or with a phrase group (a place, a synonym phrase)."""
    if len(groups) < 2 or any(group.fuzzy or " " in group.label for group in groups):
        return ""
    main_terms = [text.word_terms_whole(group.label)[0] for group in groups]
    return "NEAR(" + " ".join(_fts5_string(t) for t in main_terms) + f", {2 * len(groups)})"


def facet_columns(facets: dict[str, list[str]]) -> dict:
    """A document's facet values the way ``SearchMatch`` stores them: a column per facet, one
    value where the facet has one (``stage`` is the stage facet already), else a list."""
    columns = {}
    for facet in FACETS:
        if facet.field == "stage":
            continue
        values = list(dict.fromkeys(value[:120] for value in facets.get(facet.param, [])))
        columns[facet.field] = (values[0] if values else None) if facet.single else values
    return columns


@functools.lru_cache(maxsize=100_000)
def _ts_lexeme_prefix(term: str) -> str:
    return _ts_lexeme(term) + ":"


@functools.cache
def _position_labels(weight: str) -> tuple[str, ...]:
    """Every position's label of one weight class ("1A" ... "16383A"), index = position; built
    once, so a document's terms take theirs by slicing instead of formatting each one."""
    return tuple(f"{position}{weight}" for position in range(MAX_TSVECTOR_POSITION + 1))


def _labels(weight: str, start: int, count: int) -> Iterable[str]:
    """The labels of ``count`` terms following the ``start``-th: positions count on to the
    maximum, where every later term stays."""
    table = _position_labels(weight)
    labels = table[start + 1 : start + count + 1]
    if len(labels) == count:
        return labels
    return itertools.chain(labels, itertools.repeat(table[-1], count - len(labels)))


def tsvector_literal(terms: dict[str, list[str]]) -> str:
    """A weighted tsvector in PostgreSQL's input syntax, built without its text parser.

    ``terms`` holds each term column's terms in order. At most 256 positions per term
    (PostgreSQL's limit), the first ones. Called for every document of a rebuild, with millions
    of terms in all: hence the precomputed labels, the loops mapped in C and the cached quoting.
    """
    positions: defaultdict[str, list[str]] = defaultdict(list)
    start = 0
    for column, weight in PG_WEIGHT_CLASSES.items():
        column_terms = terms[column]
        # positions[term].append(label) for every term, mapped in C: a rebuild has millions.
        places = map(positions.__getitem__, column_terms)
        labels = _labels(weight, start, len(column_terms))
        collections.deque(map(list.append, places, labels), maxlen=0)
        start += len(column_terms)
    if start > MAX_TERM_POSITIONS:
        for places in positions.values():
            del places[MAX_TERM_POSITIONS:]
    return " ".join(
        map(operator.add, map(_ts_lexeme_prefix, positions), map(",".join, positions.values()))
    )


# The text fields of a source and the term column each is indexed in.
TEXT_FIELDS = {
    "title": "title_terms",
    "summary": "summary_terms",
    "body": "body_terms",
    "taxonomy": "taxonomy_terms",
    "tag_names": "tag_terms",
}


@functools.lru_cache(maxsize=100_000)
def _in_vocabulary(word: str) -> bool:
    """Whether a word is offered in "did you mean" suggestions."""
    return 3 <= len(word) <= 40 and word.isalpha() and word not in text.stop_words()


def _copy(model, rows: list[dict]) -> None:
    """Insert rows (dicts by attribute name) into a model's table with PostgreSQL's COPY.

    A rebuild writes megabytes of text and vectors: COPY streams them as rows, where the ORM
    built and the server parsed one huge parametrised INSERT per batch (half the rebuild's
    time). Only for tables without Python-side behaviour: no signals, no defaults are applied.
    """
    if not rows:
        return
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    names = [field.attname for field in fields]
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


class DatabaseBackend:
    name = "database"

    # Writing ----------------------------------------------------------------------------

    def apply(self, sources: Iterable[dict], remove_ids: Iterable[int]) -> None:
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=list(remove_ids)).delete()
            for source in sources:
                self._upsert(source)
        resultcache.index_changed()

    def clear(self) -> None:
        """Empty the index with one DELETE per table (the ORM's cascade collected every row
        first: a third of a rebuild). Readers see the old index until the caller commits."""
        tables = [
            SearchFacetValue._meta.db_table,
            SearchMatch._meta.db_table,
            SearchDocument._meta.db_table,
            IndexedWord._meta.db_table,
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608 - model tables
        resultcache.index_changed()

    @staticmethod
    def _analyse(source: dict) -> tuple[dict[str, list[str]], set[str]]:
        """Each term column's terms in order and the source's words for spelling suggestions,
        reading each text field's words once (the cached per-word functions are mapped, not
        called from a Python loop: a rebuild analyses millions of words)."""
        terms, vocabulary = {}, set()
        for field, column in TEXT_FIELDS.items():
            field_words = text.words(source[field])
            terms[column] = list(itertools.chain.from_iterable(map(text.word_terms, field_words)))
            vocabulary.update(filter(_in_vocabulary, set(field_words)))
        return terms, vocabulary

    @staticmethod
    def _fields(source: dict, terms: dict[str, list[str]]) -> dict:
        return {
            "title": source["title"][:255],
            "summary": source["summary"],
            "body": source["body"],
            "stage": source["stage"],
            "spread": source["spread"],
            "first_published_at": source["first_published_at"],
            "source_hash": source["source_hash"],
            "copy_key": source["copy_key"],
            "suggest_words": " ".join(text.folded_word(w) for w in text.words(source["title"])),
            **{column: " ".join(column_terms) for column, column_terms in terms.items()},
        }

    @staticmethod
    def _facet_rows(source: dict) -> list[SearchFacetValue]:
        """SQLite's facet rows (PostgreSQL reads the facet columns of ``SearchMatch``)."""
        return [
            SearchFacetValue(document_id=source["page_id"], facet=facet, value=value[:120])
            for facet, values in source["facets"].items()
            for value in dict.fromkeys(values)
        ]

    @staticmethod
    def _match_fields(source: dict, terms: dict[str, list[str]]) -> dict:
        return {
            "document_id": source["page_id"],
            "stage": source["stage"],
            "spread": source["spread"],
            "first_published_at": source["first_published_at"],
            "copy_key": source["copy_key"],
            # A tsvector literal; PostgreSQL casts the string on insert.
            "search_vector": tsvector_literal(terms),
            **facet_columns(source["facets"]),
        }

    @staticmethod
    def _add_words(vocabulary: set[str]) -> None:
        IndexedWord.objects.bulk_create(
            [IndexedWord(word=word, length=len(word)) for word in vocabulary],
            ignore_conflicts=True,
            batch_size=2000,
        )

    def _upsert(self, source: dict) -> None:
        terms, vocabulary = self._analyse(source)
        SearchDocument.objects.update_or_create(
            page_id=source["page_id"], defaults=self._fields(source, terms)
        )
        if _is_postgres():
            SearchMatch.objects.filter(pk=source["page_id"]).delete()
            SearchMatch.objects.create(**self._match_fields(source, terms))
        else:
            SearchFacetValue.objects.filter(document_id=source["page_id"]).delete()
            SearchFacetValue.objects.bulk_create(self._facet_rows(source))
        self._add_words(vocabulary)

    def bulk_add(self, sources: Iterable[dict]) -> int:
        """Add documents that are not in the index yet (a rebuild, after ``clear``), a few
        statements per batch instead of several per document. Returns how many were added."""
        if not _is_postgres():
            return self._bulk_add_sqlite(sources)
        documents, matches, vocabulary = [], [], set()
        now = timezone.now()  # what auto_now would write; COPY bypasses the model
        for source in sources:
            terms, words = self._analyse(source)
            fields = self._fields(source, terms)
            documents.append({"page_id": source["page_id"], "indexed_at": now, **fields})
            matches.append(self._match_fields(source, terms))
            vocabulary |= words
        with transaction.atomic():
            _copy(SearchDocument, documents)
            _copy(SearchMatch, matches)
            self._add_words(vocabulary)
        resultcache.index_changed()
        return len(documents)

    def _bulk_add_sqlite(self, sources: Iterable[dict]) -> int:
        """SQLite's ``bulk_add``: the model's INSERTs, which the FTS5 triggers follow."""
        documents, facets, vocabulary = [], [], set()
        for source in sources:
            terms, words = self._analyse(source)
            documents.append(
                SearchDocument(page_id=source["page_id"], **self._fields(source, terms))
            )
            facets.extend(self._facet_rows(source))
            vocabulary |= words
        with transaction.atomic():
            SearchDocument.objects.bulk_create(documents)
            SearchFacetValue.objects.bulk_create(facets, batch_size=2000)
            self._add_words(vocabulary)
        resultcache.index_changed()
        return len(documents)

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load: without them PostgreSQL guesses
        a few hundred matching rows where there are thousands and picks slow plans.

        A bulk load also leaves the new entries of the GIN indexes in their pending list, which
        every search then scans in full (20 ms at 10 000 documents) until autovacuum merges it:
        ``gin_clean_pending_list`` merges it now (where the index is ours to maintain: the function
        is for its owner only). Outside a transaction (the rebuild command) ``VACUUM`` does both
        and also clears the rows the rebuild replaced, which searches would otherwise still
        visit through the indexes until autovacuum comes by.
        """
        tables = [
            SearchDocument._meta.db_table,
            SearchMatch._meta.db_table,
            SearchFacetValue._meta.db_table,
        ]
        with connection.cursor() as cursor:
            if _is_postgres() and not connection.in_atomic_block:
                names = ", ".join(connection.ops.quote_name(table) for table in tables)
                cursor.execute(f"VACUUM (ANALYZE) {names}")  # nosec B608 - model tables
                return
            if _is_postgres():
                cursor.execute(
                    "SELECT gin_clean_pending_list(c.oid) FROM pg_class c "
                    "JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_am a ON a.oid = c.relam "
                    "WHERE a.amname = 'gin' AND i.indrelid = %s::regclass "
                    "AND pg_has_role(c.relowner, 'USAGE')",
                    [SearchMatch._meta.db_table],
                )
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")  # nosec B608

    def indexed_hashes(self) -> dict[int, str]:
        return dict(SearchDocument.objects.values_list("page_id", "source_hash"))

    # Reading ----------------------------------------------------------------------------

    @staticmethod
    def _with_columns(expression: str) -> str:
        """An FTS5 expression searching every term column (PostgreSQL's needs nothing)."""
        if _is_postgres():
            return expression
        return "{" + " ".join(TERM_COLUMNS) + "} : (" + expression + ")"

    def _matching_ids(self, groups: list[Group], every: bool = False) -> RawSQL:
        """The documents having any group (or, with ``every``, all of them)."""
        if _is_postgres():
            sql = "SELECT document_id FROM search_searchmatch WHERE search_vector @@ %s::tsquery"
        else:
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        expression = self._with_columns(any_expression(groups, every=every))
        # The expression is bound as a parameter; only constant SQL is written here.
        return RawSQL(sql, [expression])  # noqa: S611  # nosec B611

    def _score(self, groups: list[Group]) -> RawSQL:
        """SQLite's relevance (PostgreSQL ranks in ``database_pg.search``): the number of groups
        matched first, then the query's main terms near each other, then being located in a
        place or linked to a goal the query names, then BM25 (field-weighted, length-normalised) squashed below 1."""
        coverage = " + ".join(
            "(search_searchdocument.page_id IN (SELECT rowid FROM search_fts "
            "WHERE search_fts MATCH %s))"
            for _ in groups
        )
        params = [self._with_columns(group_expression(group, False)) for group in groups]
        near = near_expression(groups)
        proximity = "0"
        if near:
            proximity = (
                "(search_searchdocument.page_id IN (SELECT rowid FROM search_fts "
                "WHERE search_fts MATCH %s))"
            )
            params.append(self._with_columns(near))
        relevance = (
            f"(SELECT r / (1.0 + r) FROM (SELECT -bm25(search_fts, {FTS5_WEIGHTS}) AS r "  # noqa: S608 - constants  # nosec B608
            "FROM search_fts WHERE search_fts MATCH %s "
            "AND search_fts.rowid = search_searchdocument.page_id))"
        )
        sql = f"({COVERAGE_WEIGHT} * ({coverage}) + {PROXIMITY_WEIGHT} * {proximity} + "
        located = search_query.located(groups)
        if located:
            # Located in a place the query names (its county, or a municipality where it runs),
            # or linked to a goal it names.
            pairs = [(param, slug) for param, slugs in located.items() for slug in slugs]
            sql += (
                f"{database_pg.LOCATED_WEIGHT} * (search_searchdocument.page_id IN "  # noqa: S608  # nosec B608 - constants
                "(SELECT document_id FROM search_searchfacetvalue WHERE "
                + " OR ".join(["(facet = %s AND value = %s)"] * len(pairs))
                + ")) + "
            )
            params.extend(item for pair in pairs for item in pair)
        exact = exact_expression(groups)
        if exact:
            # The words as typed rank above their synonyms, neighbours and municipalities.
            sql += f"coalesce({relevance}, 0) + {database_pg.EXPANSION_WEIGHT} * "
            params.append(self._with_columns(exact))
        sql += relevance + ")"
        params.append(self._with_columns(any_expression(groups)))
        return RawSQL(sql, params, output_field=FloatField())  # noqa: S611 - bound parameters  # nosec B611

    def _text_matches(self, groups: list[Group], every: bool = False):
        documents = SearchDocument.objects.all()
        if groups:
            documents = documents.filter(pk__in=self._matching_ids(groups, every=every))
        return documents

    @staticmethod
    def _facet_filter(param: str, values: tuple[str, ...]) -> Q:
        """The documents having any of the values of one facet.

        PostgreSQL keeps no ``SearchFacetValue`` rows (its search reads the facet columns of
        ``SearchMatch``, and a rebuild skips writing a hundred thousand rows): the same test
        as ``database_pg`` there, the single-valued facets compared as text (the stage's
        values are its number as text), the others by array overlap.
        """
        if not _is_postgres():
            return Q(
                pk__in=SearchFacetValue.objects.filter(facet=param, value__in=values).values(
                    "document_id"
                )
            )
        facet = FACETS_BY_PARAM[param]
        if facet.single:
            matches = SearchMatch.objects.annotate(
                facet_text=Cast(facet.field, output_field=TextField())
            ).filter(facet_text__in=list(values))
        else:
            matches = SearchMatch.objects.filter(**{f"{facet.field}__overlap": list(values)})
        return Q(pk__in=matches.values("document_id"))

    def search(self, params: SearchParams) -> SearchResults:
        """On PostgreSQL every statement of a search runs with the search's settings
        (``database_pg.search_settings``): also the test of which words match anything, which
        without them read every vector to find that a misspelt word is nowhere."""
        if _is_postgres():
            with database_pg.search_settings(words=bool(params.words)):
                return self._search(params)
        return self._search(params)

    def _search(self, params: SearchParams) -> SearchResults:
        groups, corrections, widened = self._query_groups(params.query)
        selected = {param: values for param, values in params.filters.items() if values}
        suggestion = self._suggestion(params.query, corrections, selected)
        if _is_postgres():
            total, complete, listed, rows, facets = self._search_postgres(params, groups, selected)
        else:
            total, complete, listed, rows, facets = self._search_sqlite(params, groups, selected)
        terms = frozenset().union(*(group.terms for group in groups))
        hits = []
        for page_id, score, summary, body in rows:
            snippet = ""
            if terms:
                snippet = text.highlight(summary, terms) or text.highlight(body, terms)
            hits.append(Hit(page_id, score or 0.0, snippet))
        return SearchResults(
            total=total,
            hits=hits,
            facets=facets,
            suggestion=suggestion,
            backend=self.name,
            partial=bool(total) and len(groups) > 1 and complete == 0,
            groups=listed,
            widened=widened if total else (),
        )

    def _suggestion(self, query: str, corrections: dict, selected: dict) -> str:
        """The "Menade du" suggestion: the query with its misspelt words corrected
        (``fuzzy.py``), offered only when an example passing the selected filters has every
        correction (with filters that costs one statement; the corrections are words of the
        index, so without filters some example has each)."""
        replaced = fuzzy.replacements(query, corrections)
        if not replaced:
            return ""
        if selected:
            groups = [search_query.word_group(word) for word in replaced.values()]
            documents = self._text_matches(groups, every=True)
            for param, values in selected.items():
                documents = documents.filter(self._facet_filter(param, values))
            if not documents.exists():
                return ""
        return fuzzy.suggestion(query, corrections)

    def _query_groups(self, query: str) -> tuple[list[Group], dict[str, tuple[str, ...]], tuple]:
        """The query's groups, widened where they match nothing: a misspelt word (one the index
        and the lexicon do not know) to the indexed words closest to it (``fuzzy.py``), and a
        municipality no example names to its county (``widen_to_county``); with the
        corrections and the municipalities widened.

        A correctly spelt word or a place that no example has is not widened to its neighbours
        ("hemlig" to "hemlik", "Västerås" to "västra"): it would find examples about something
        else."""
        groups = search_query.analyse(query)
        if not groups:
            return groups, {}, ()
        known = self._known_groups(groups)
        if all(known):
            return groups, {}, ()
        unknown = [
            group.label
            for group, found in zip(groups, known, strict=True)
            if not found and not group.located and fuzzy.correctable(group.label)
        ]
        corrections = fuzzy.corrections(unknown) if unknown else {}
        widened, surroundings = [], []
        for group, found in zip(groups, known, strict=True):
            closest = corrections.get(group.label, ())
            around = None if found or not group.located else places.surroundings(group.label)
            if around:
                widened.append(search_query.widen_to_county(group, around))
                surroundings.append((around.place, around.county))
            elif found or not closest:
                widened.append(group)
            else:
                alternatives = set(group.alternatives)
                for word in closest:
                    alternatives |= search_query.word_group(word).alternatives
                # The closest word ranks as typed (what "Menade du" offers), the others below.
                best = search_query.word_group(closest[0]).primary
                widened.append(
                    group._replace(alternatives=frozenset(alternatives), fuzzy=True, primary=best)
                )
        return widened, corrections, tuple(surroundings)

    def _known_groups(self, groups: list[Group]) -> list[bool]:
        """Whether each group matches some document: one statement for all of them."""
        if _is_postgres():
            sql = "EXISTS (SELECT 1 FROM search_searchmatch WHERE search_vector @@ %s::tsquery)"
        else:
            sql = "EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s)"
        expressions = [self._with_columns(group_expression(g, _is_postgres())) for g in groups]
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join([sql] * len(groups)), expressions)
            return [bool(value) for value in cursor.fetchone()]

    @staticmethod
    def _search_postgres(params: SearchParams, groups, selected):
        """Total, facet counts and a page of hits in one statement on the narrow ``SearchMatch`` rows."""
        expression = any_expression(groups) if groups else None
        group_expressions = [group_expression(g, True) for g in groups] if len(groups) > 1 else []
        total, complete, listed, facets, rows = database_pg.search(
            expression,
            exact_expression(groups) if groups else "",
            group_expressions,
            selected,
            [facet.param for facet in FACETS],
            params.effective_sort,
            params.offset,
            params.per_page,
            search_query.located(groups),
            collapse=params.collapse,
        )
        return total, complete, listed, rows, facets

    def _search_sqlite(self, params: SearchParams, groups, selected):
        documents = self._text_matches(groups)
        for param, values in selected.items():
            documents = documents.filter(self._facet_filter(param, values))
        listed = None
        if params.collapse:
            counted = documents.aggregate(
                total=Count("pk"), groups=Count("copy_key", distinct=True)
            )
            total, listed = counted["total"], counted["groups"]
        else:
            total = documents.count()
        complete = total
        if total and len(groups) > 1:
            complete = documents.filter(pk__in=self._matching_ids(groups, every=True)).count()
        rows = []
        if total and params.offset < (total if listed is None else listed):
            ordered = documents
            sort = params.effective_sort
            if sort == "relevans" and groups:
                ordered = ordered.annotate(score=self._score(groups))
                order = [F("score").desc(), F("first_published_at").desc(), F("pk").desc()]
            elif sort == "steg":
                order = [F("stage").desc(), F("first_published_at").desc(), F("pk").desc()]
            elif sort == "spridning":
                order = [
                    F("spread").desc(nulls_last=True),
                    F("first_published_at").desc(),
                    F("pk").desc(),
                ]
            else:
                order = [F("first_published_at").desc(), F("pk").desc()]
            if params.collapse:
                # Each group of near-copies once: its first row in the page's order.
                ordered = ordered.annotate(
                    nth=Window(RowNumber(), partition_by=[F("copy_key")], order_by=order)
                ).filter(nth=1)
            ordered = ordered.order_by(*order)
            rows = [
                (document.pk, getattr(document, "score", 0.0), document.summary, document.body)
                for document in ordered[params.offset : params.offset + params.per_page]
            ]
        return total, complete, listed, rows, self.facet_counts(groups, selected)

    def facet_counts(self, groups: list[Group], selected: dict[str, tuple[str, ...]]):
        """SQLite: every facet's counts in one query: a value counts the documents that match the words
        and every *other* facet's selection.

        The facets nobody selected share one set of documents (words and every selection), so
        they are counted together; each selected facet gets its own set (without its own
        selection). One ``UNION ALL`` of those few grouped counts reads only the facet rows of
        the documents concerned, through the (document, facet, value) index, instead of testing
        every facet row against every selection.
        """
        text_ids = self._matching_ids(groups) if groups else None

        def documents(without: str | None = None) -> Q:
            condition = Q(document_id__in=text_ids) if text_ids is not None else Q()
            for param, values in selected.items():
                if param != without:
                    condition &= Q(
                        document_id__in=SearchFacetValue.objects.filter(
                            facet=param, value__in=values
                        ).values("document_id")
                    )
            return condition

        parts = [SearchFacetValue.objects.filter(documents()).exclude(facet__in=list(selected))]
        parts += [
            SearchFacetValue.objects.filter(documents(param), facet=param) for param in selected
        ]
        counted = [
            part.values("facet", "value").annotate(count=Count("pk")).order_by() for part in parts
        ]
        rows = counted[0].union(*counted[1:], all=True) if len(counted) > 1 else counted[0]
        counts: dict[str, dict[str, int]] = {facet.param: {} for facet in FACETS}
        for row in rows:
            counts[row["facet"]][row["value"]] = row["count"]
        return counts

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
