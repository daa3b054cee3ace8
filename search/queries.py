"""Every Elasticsearch request the site makes, as pure functions returning ``Search`` objects.

Nothing here talks to a server, so each body can be checked with ``.to_dict()`` (the golden
tests in ``tests/search/golden/``). The semantics match the database backend
(``search/backends/database.py``):

* the query is split into words in Python (``search/text.py``): stop words out, and no query
  syntax of any kind reaches Elasticsearch;
* examples with all the words come first, then those with most of them: each word that matches
  adds a fixed ``COVERAGE`` to the score (half of it when only a fuzzy spelling matches), which
  outweighs any text score, so the coverage decides the tier and BM25 (field boosts, length
  normalisation) the order within it; an example needs one word to be listed at all;
* within a tier: the exact phrase above scattered words, title, summary, taxonomy and tags
  above the body, the exact spelling above the folded one (typed without å/ä/ö), and both above
  a fuzzy match (``fuzziness: AUTO`` on the folded fields, with its own analyzer so synonyms
  and compound parts are never made fuzzy);
* synonyms, acronyms, places and compound parts are the search analyzers' business
  (``search/documents.py``), from the same data files the database backend reads;
* an example located in a place the query names (its county, a municipality where it runs:
  the ``county`` and ``municipalities`` keywords) or linked to a goal it names (``goals``)
  gets ``LOCATED`` more, half a tier, so within a tier it comes before examples whose text
  only has the words (``query.located``, the same analysis the database backend ranks by);
* facets: OR within a facet (``terms``), AND across facets; the hits are filtered by every
  selection (``post_filter``) while each facet's counts apply every selection but its own
  (a ``filter`` aggregation around a ``terms`` aggregation sized for every possible value);
  ``alla_ord`` counts the selected examples having every word, so the page can say when it
  shows partial matches;
* a place's name is never widened to close spellings ("Västerås" is not "västra"), and a
  municipality no example names is widened to its county instead: an example there counts as
  having the word (``build_search``'s ``widened``, found by ``ElasticsearchBackend`` with one
  ``_count`` request per municipality named);
* no request reaches past the index's result window (``search.paging``).
"""

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import Query

from search import places
from search import query as search_query
from search.backends.base import SearchParams
from search.facets import FACETS, FACETS_BY_PARAM
from search.paging import MAX_RESULT_WINDOW

# Field boosts; the folded subfields count less than the exact spelling.
TEXT_FIELDS = [
    "title^8",
    "title.folded^4",
    "summary^3",
    "summary.folded^1.5",
    "body",
    "body.folded^0.5",
    "taxonomy^2",
    "taxonomy.folded",
    "tag_names^3",
    "tag_names.folded^1.5",
]
FUZZY_FIELDS = [
    "title.folded^4",
    "summary.folded^1.5",
    "body.folded^0.5",
    "taxonomy.folded",
    "tag_names.folded^1.5",
]
PHRASE_FIELDS = ["title^8", "summary^3", "body", "taxonomy^2", "tag_names^3"]
# Score per matching word: far above any text score, so how many words match decides first.
COVERAGE = 1000.0
FUZZY_COVERAGE = COVERAGE / 2
LOCATED = COVERAGE / 2
FUZZY_BOOST = 0.3
PHRASE_BOOST = 4.0
PHRASE_SLOP = 2
# Elasticsearch counts distinct values exactly up to this many (its maximum), approximately above.
COPY_GROUPS_EXACT = 40_000
HIGHLIGHT_FIELDS = ("summary", "body", "summary.folded", "body.folded")
SORTS = {
    "relevans": ["_score", {"first_published_at": {"order": "desc"}}, {"page_id": "desc"}],
    "nyast": [{"first_published_at": {"order": "desc"}}, {"page_id": "desc"}],
    "steg": [
        {"stage": {"order": "desc"}},
        {"first_published_at": {"order": "desc"}},
        {"page_id": "desc"},
    ],
    "spridning": [
        {"spread": {"order": "desc"}},
        {"first_published_at": {"order": "desc"}},
        {"page_id": "desc"},
    ],
}


def exact_word(word: str) -> Q:
    """The word as typed, through stems, synonyms, compound parts and folding, in any field."""
    return Q("multi_match", query=word, fields=TEXT_FIELDS, type="most_fields")


def fuzzy_word(word: str) -> Q:
    """A spelling close to the word (Levenshtein, ``AUTO`` by length) in the folded fields."""
    return Q(
        "multi_match",
        query=word,
        fields=FUZZY_FIELDS,
        type="most_fields",
        fuzziness="AUTO",
        prefix_length=1,
        analyzer="sv_fuzzy",
        boost=FUZZY_BOOST,
    )


def may_be_misspelt(word: str) -> bool:
    """A place's name is never widened to close spellings: "Västerås" is not "västra" (as
    ``fuzzy.correctable`` on the database backend)."""
    return not places.place_names(word)


def word_matches(word: str) -> Q:
    """An example has the word: exactly or by a close spelling."""
    if not may_be_misspelt(word):
        return exact_word(word)
    return Q("bool", should=[exact_word(word), fuzzy_word(word)], minimum_should_match=1)


def coverage(word: str) -> Q:
    """``COVERAGE`` when the word matches, half when only a close spelling does."""
    if not may_be_misspelt(word):
        return Q("constant_score", filter=exact_word(word), boost=COVERAGE)
    return Q(
        "dis_max",
        queries=[
            Q("constant_score", filter=exact_word(word), boost=COVERAGE),
            Q("constant_score", filter=fuzzy_word(word), boost=FUZZY_COVERAGE),
        ],
    )


def text_query(words: list[str]):
    """Any word may match; every word that does raises the example a tier (see above)."""
    if not words:
        return Q("match_all")
    should = [coverage(word) for word in words]
    should += [exact_word(word) for word in words]
    should += [fuzzy_word(word) for word in words if may_be_misspelt(word)]
    if len(words) > 1:
        should.append(
            Q(
                "multi_match",
                query=" ".join(words),
                fields=PHRASE_FIELDS,
                type="phrase",
                slop=PHRASE_SLOP,
                boost=PHRASE_BOOST,
            )
        )
    return Q("bool", should=should, minimum_should_match=1)


def located_boost(located: dict[str, tuple[str, ...]]) -> Query | None:
    """``LOCATED`` for an example in one of the places or linked to one of the goals
    (``query.located``), else None."""
    fields = {"lan": "county", "kommun": "municipalities", "mal": "goals"}
    clauses = [
        Q("terms", **{fields[param]: list(slugs)}) for param, slugs in located.items() if slugs
    ]
    if not clauses:
        return None
    return Q(
        "constant_score", filter=Q("bool", should=clauses, minimum_should_match=1), boost=LOCATED
    )


def all_words(words: list[str], widened: dict[str, str] | None = None) -> Q:
    """Examples having every word (exactly or by a close spelling; a municipality widened to
    its county, by being in the county)."""
    widened = widened or {}
    return Q(
        "bool",
        filter=[
            Q("bool", should=[word_matches(word), in_county(widened[word])], minimum_should_match=1)
            if word in widened
            else word_matches(word)
            for word in words
        ],
    )


def in_county(slug: str) -> Q:
    return Q("term", county=slug)


def place_named(names) -> Q:
    """Examples naming a place in any of its names (as phrases, in any text field)."""
    return Q(
        "bool",
        should=[
            Q("multi_match", query=name, fields=PHRASE_FIELDS, type="phrase") for name in names
        ],
        minimum_should_match=1,
    )


def facet_filter(param: str, values) -> Q:
    return Q("terms", **{FACETS_BY_PARAM[param].field: list(values)})


def selection_filters(filters: dict, exclude: str | None = None) -> list:
    return [
        facet_filter(param, values)
        for param, values in filters.items()
        if values and param != exclude and param in FACETS_BY_PARAM
    ]


def build_search(params: SearchParams, index: str, widened: dict[str, str] | None = None) -> Search:
    """The search page's request: hits, facet counts, highlights and spelling suggestions.

    ``widened``: the municipalities the query names that no example names (as analysed,
    ``search.query``) -> their county's slug (``places.surroundings``): an example in the
    county counts as having that word, as on the database backend."""
    words = params.words
    widened = widened or {}
    query = text_query(words)
    places_named = search_query.located(search_query.analyse(params.query or ""))
    if widened:
        counties = sorted(set(widened.values()))
        in_counties = Q("constant_score", filter=Q("terms", county=counties), boost=COVERAGE)
        query = Q("bool", should=[*query.should, in_counties], minimum_should_match=1)
        places_named = {
            **places_named,
            "lan": tuple(sorted({*places_named.get("lan", ()), *counties})),
        }
    located = located_boost(places_named)
    if words and located is not None:
        query = Q("bool", must=[query], should=[located])
    search = Search(index=index).query(query).source(False)
    selected = selection_filters(params.filters)
    if selected:
        search = search.post_filter(Q("bool", filter=selected))
    for facet in FACETS:
        others = selection_filters(params.filters, exclude=facet.param)
        search.aggs.bucket(
            facet.param, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
        ).bucket("values", "terms", field=facet.field, size=facet.size)
    if len(words) > 1:
        search.aggs.bucket(
            "alla_ord", "filter", filter=Q("bool", filter=[all_words(words, widened), *selected])
        )
    search = search.sort(*SORTS[params.effective_sort])
    search = search.extra(track_total_hits=True)
    if params.collapse:
        # Near-copies of one text as one hit, the first in the page's order; the total still
        # counts every example, the groups are counted for the paging (exact below the
        # threshold, within a few per cent above it).
        search = search.extra(collapse={"field": "copy_key"})
        search.aggs.metric(
            "grupper", "cardinality", field="copy_key", precision_threshold=COPY_GROUPS_EXACT
        )
    if words:
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            number_of_fragments=1,
            fragment_size=220,
        ).highlight(*HIGHLIGHT_FIELDS)
        search = search.suggest(
            "stavning",
            " ".join(words),
            term={"field": "spell", "suggest_mode": "missing", "min_word_length": 3},
        )
    # Never past the result window: Elasticsearch would refuse the whole request.
    start = min(params.offset, MAX_RESULT_WINDOW)
    return search[start : min(params.offset + params.per_page, MAX_RESULT_WINDOW)]


def build_place_named(names, index: str) -> Search:
    """The examples naming a place (counted: whether a municipality's search is widened)."""
    return Search(index=index).query(place_named(names))


def build_suggest(prefix: str, index: str, limit: int = 8) -> Search:
    """Autocomplete: titles matching what has been typed so far, the last word as a prefix."""
    return (
        Search(index=index)
        .query(
            "multi_match",
            query=prefix,
            type="bool_prefix",
            operator="and",
            fields=["title.suggest", "title.suggest._2gram", "title.suggest._3gram"],
        )
        .source(["title"])[:limit]
    )


def build_more_like_this(page_id: int, index: str, limit: int = 4) -> Search:
    """Related examples: more-like-this over the texts and the shared goals, areas and tags.

    The example itself is never among its own related examples; only ids come back, the cards
    are read from the database (``examples/related.py``).
    """
    like = [{"_index": index, "_id": str(page_id)}]
    return (
        Search(index=index)
        .query(
            "bool",
            should=[
                Q(
                    "more_like_this",
                    fields=["title", "summary", "body", "tag_names"],
                    like=like,
                    min_term_freq=1,
                    min_doc_freq=1,
                    max_query_terms=25,
                ),
                Q(
                    "more_like_this",
                    fields=["goals", "target_areas", "tags"],
                    like=like,
                    min_term_freq=1,
                    min_doc_freq=1,
                    boost=2,
                ),
            ],
            minimum_should_match=1,
            must_not=[Q("ids", values=[str(page_id)])],
        )
        .source(False)[:limit]
    )
