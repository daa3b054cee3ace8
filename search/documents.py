"""The Elasticsearch index: one document per published example, a strict mapping, Swedish analysis.

Analysis (mirrored in Python by ``search/text.py`` for the database backend):

* ``sv_index``: standard tokenizer, lowercase, dictionary decompounder with the curated parts of
  ``data/compounds.txt``, the Snowball Swedish stop words (``data/stopwords.txt``), the Swedish
  stemmer, then ``scandinavian_normalization`` (not ASCII folding: å, ä and ö stay letters);
* ``sv_search``: the same with search-time synonyms first (``synonym_graph``, every group
  ``text.synonym_rules()`` reads from ``data/``), so a query's compounds are split as the
  texts' are: "äldreomsorg" also looks for "äldre" and "omsorg";
* ``sv_fuzzy``: the folded chain without synonyms and decompounder, for the fuzzy clauses of the
  query (``search/queries.py``): a close spelling of what was typed, never of a synonym;
* ``*_folded``: each text field has a ``folded`` subfield (``scandinavian_folding`` + ASCII
  folding) for people typing without å/ä/ö;
* ``title.suggest`` is a ``search_as_you_type`` field for autocomplete; ``spell`` gathers the
  words of title, summary and body for the spelling suggester.

Index names carry the environment prefix (``SEARCH_INDEX_PREFIX``): the alias
``<prefix>-examples`` points at one versioned index ``<prefix>-examples-<timestamp>``; a rebuild
fills a new one and swaps the alias (``search/backends/elasticsearch.py``).
Contact persons' details are not in the mapping, and the mapping is strict: nothing else can be
stored by mistake.
"""

from django.conf import settings
from django.utils import timezone

from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    MetaField,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from search import text
from search.paging import MAX_RESULT_WINDOW

sv_stop = token_filter("sv_stop", "stop", stopwords=sorted(text.stop_words()))
sv_stemmer = token_filter("sv_stemmer", "stemmer", language="swedish")
sv_decompounder = token_filter(
    "sv_decompounder",
    "dictionary_decompounder",
    word_list=list(text.compound_parts()),
    min_word_size=text.MIN_WORD_SIZE,
    min_subword_size=text.MIN_SUBWORD_SIZE,
    max_subword_size=text.MAX_SUBWORD_SIZE,
    only_longest_match=True,
)
sv_synonyms = token_filter("sv_synonyms", "synonym_graph", synonyms=text.synonym_rules())

sv_index = analyzer(
    "sv_index",
    tokenizer="standard",
    filter=["lowercase", sv_decompounder, sv_stop, sv_stemmer, "scandinavian_normalization"],
)
sv_search = analyzer(
    "sv_search",
    tokenizer="standard",
    filter=[
        "lowercase",
        sv_synonyms,
        sv_decompounder,
        sv_stop,
        sv_stemmer,
        "scandinavian_normalization",
    ],
)
sv_index_folded = analyzer(
    "sv_index_folded",
    tokenizer="standard",
    filter=[
        "lowercase",
        sv_decompounder,
        sv_stop,
        sv_stemmer,
        "scandinavian_folding",
        "asciifolding",
    ],
)
sv_search_folded = analyzer(
    "sv_search_folded",
    tokenizer="standard",
    filter=[
        "lowercase",
        sv_synonyms,
        sv_decompounder,
        sv_stop,
        sv_stemmer,
        "scandinavian_folding",
        "asciifolding",
    ],
)
sv_fuzzy = analyzer(
    "sv_fuzzy",
    tokenizer="standard",
    filter=["lowercase", sv_stop, sv_stemmer, "scandinavian_folding", "asciifolding"],
)
sv_suggest = analyzer(
    "sv_suggest",
    tokenizer="standard",
    filter=["lowercase", "scandinavian_folding", "asciifolding"],
)
sv_spell = analyzer("sv_spell", tokenizer="standard", filter=["lowercase"])


def swedish_text(copy_to=None, **extra_fields):
    """A Swedish text field with its folded subfield."""
    kwargs = {"copy_to": copy_to} if copy_to else {}
    return Text(
        analyzer=sv_index,
        search_analyzer=sv_search,
        fields={
            "folded": Text(analyzer=sv_index_folded, search_analyzer=sv_search_folded),
            **extra_fields,
        },
        **kwargs,
    )


class ExampleDocument(Document):
    page_id = Integer()
    title = swedish_text(copy_to="spell", suggest=SearchAsYouType(analyzer=sv_suggest))
    summary = swedish_text(copy_to="spell")
    body = swedish_text(copy_to="spell")
    taxonomy = swedish_text()
    tag_names = swedish_text()
    spell = Text(analyzer=sv_spell)
    stage = Integer()
    spread = Integer()
    first_published_at = Date()
    county = Keyword()
    level = Keyword()
    municipalities = Keyword(multi=True)
    target_areas = Keyword(multi=True)
    target_groups = Keyword(multi=True)
    goals = Keyword(multi=True)
    tags = Keyword(multi=True)
    status = Keyword()  # "pagaende" or "avslutade" (search/facets.py)
    adopted_counties = Keyword(multi=True)
    # Shared by the near-copies of one text: the search page collapses on it (search/nearcopies.py).
    copy_key = Keyword()
    source_hash = Keyword(index=False)

    class Meta:
        dynamic = MetaField("strict")

    @classmethod
    def from_source(cls, source: dict) -> "ExampleDocument":
        """The Elasticsearch document of a backend-neutral source (``indexing.build_source``)."""
        facets = source["facets"]
        return cls(
            meta={"id": source["page_id"]},
            page_id=source["page_id"],
            title=source["title"],
            summary=source["summary"],
            body=source["body"],
            taxonomy=source["taxonomy"],
            tag_names=source["tag_names"],
            stage=source["stage"],
            spread=source["spread"],
            first_published_at=source["first_published_at"],
            county=facets["lan"][0] if facets["lan"] else None,
            level=facets["niva"][0] if facets.get("niva") else None,
            municipalities=facets["kommun"],
            target_areas=facets["omrade"],
            target_groups=facets["malgrupp"],
            goals=facets["mal"],
            tags=facets["tagg"],
            status=facets["status"][0] if facets.get("status") else None,
            adopted_counties=facets["infort"],
            copy_key=source["copy_key"],
            source_hash=source["source_hash"],
        )


def alias_name(prefix: str | None = None) -> str:
    """The name searches and updates use: ``<prefix>-examples``."""
    return f"{prefix or settings.SEARCH_INDEX_PREFIX}-examples"


def new_index_name(prefix: str | None = None) -> str:
    """A fresh versioned index name for a rebuild."""
    return f"{alias_name(prefix)}-{timezone.now():%Y%m%d%H%M%S%f}"


def examples_index(name: str) -> Index:
    """The index definition (settings, analysis and mapping) under ``name``."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        number_of_replicas=getattr(settings, "SEARCH_INDEX_REPLICAS", 0),
        max_result_window=MAX_RESULT_WINDOW,
    )
    index.document(ExampleDocument)
    index.analyzer(sv_fuzzy)  # used by queries only, so no field brings it in
    return index
