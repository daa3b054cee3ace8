"""Every Elasticsearch request the site makes, as pure functions returning ``Search`` objects.

Nothing here talks to a server, so each body can be checked with ``.to_dict()`` (the golden
tests in ``tests/search/golden/``). The semantics match the database backend
(``search/backends/database.py``):

* the query is split into words in Python (``search/text.py``): stop words out, no query
  syntax of any kind reaches Elasticsearch, and every word must match, in any field;
* facets: OR within a facet (``terms``), AND across facets; the hits are filtered by every
  selection (``post_filter``) while each facet's counts apply every selection but its own
  (a ``filter`` aggregation around a ``terms`` aggregation sized for every possible value).
"""

from elasticsearch.dsl import Q, Search

from search.backends.base import SearchParams
from search.facets import FACETS, FACETS_BY_PARAM

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
HIGHLIGHT_FIELDS = ("summary", "body", "summary.folded", "body.folded")
SORTS = {
    "relevans": ["_score", {"first_published_at": {"order": "desc"}}, {"page_id": "desc"}],
    "nyast": [{"first_published_at": {"order": "desc"}}, {"page_id": "desc"}],
    "steg": [
        {"stage": {"order": "desc"}},
        {"first_published_at": {"order": "desc"}},
        {"page_id": "desc"},
    ],
}


def text_query(words: list[str]):
    """Every word must match in some field (through synonyms, stems or folding)."""
    if not words:
        return Q("match_all")
    return Q(
        "bool",
        must=[
            Q("multi_match", query=word, fields=TEXT_FIELDS, type="most_fields") for word in words
        ],
    )


def facet_filter(param: str, values) -> Q:
    return Q("terms", **{FACETS_BY_PARAM[param].field: list(values)})


def selection_filters(filters: dict, exclude: str | None = None) -> list:
    return [
        facet_filter(param, values)
        for param, values in filters.items()
        if values and param != exclude and param in FACETS_BY_PARAM
    ]


def build_search(params: SearchParams, index: str) -> Search:
    """The search page's request: hits, facet counts, highlights and spelling suggestions."""
    words = params.words
    search = Search(index=index).query(text_query(words)).source(False)
    selected = selection_filters(params.filters)
    if selected:
        search = search.post_filter(Q("bool", filter=selected))
    for facet in FACETS:
        others = selection_filters(params.filters, exclude=facet.param)
        search.aggs.bucket(
            facet.param, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
        ).bucket("values", "terms", field=facet.field, size=facet.size)
    search = search.sort(*SORTS[params.effective_sort])
    search = search.extra(track_total_hits=True)
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
    return search[params.offset : params.offset + params.per_page]


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
