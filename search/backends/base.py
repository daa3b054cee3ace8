"""What every search backend takes and returns; the contract tests hold each one to it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.safestring import SafeString

from search import text

SORTS = ("relevans", "nyast", "steg", "spridning")
MAX_QUERY_LENGTH = 200
PER_PAGE = 12


class SearchBackendError(Exception):
    """The backend could not answer (Elasticsearch down, timed out or refusing the request)."""


class SearchRequestError(SearchBackendError):
    """Elasticsearch answered, but refused the request (a 4xx): a fault in what we sent or in the
    index (missing, mapping out of date), not an outage, and reported as such."""


@dataclass(frozen=True)
class SearchParams:
    """One search as the URL describes it, already cleaned (see ``search/forms.py``)."""

    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevans"
    page: int = 1
    per_page: int = PER_PAGE
    # List the near-copies of one text as one hit (search/nearcopies.py): the search page does;
    # the API, the exports and the follows list every example.
    collapse: bool = False
    # ``kopior=alla``: the visitor asked the search page to list every near-copy after all.
    all_copies: bool = False

    @property
    def words(self) -> list[str]:
        return text.query_words(self.query)

    @property
    def effective_sort(self) -> str:
        """Relevance needs words to be relevant to; without them the newest come first."""
        return self.sort if (self.sort != "relevans" or self.words) else "nyast"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def with_page(self, page: int) -> SearchParams:
        return replace(self, page=page)


@dataclass
class Hit:
    page_id: int
    score: float = 0.0
    snippet: SafeString | str = ""


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # facet param -> value -> count
    suggestion: str = ""  # a corrected query, for a misspelt word
    backend: str = ""
    # No hit has every word of the query: the hits are those with the most of them.
    partial: bool = False
    # With ``collapse``: how many hits the pages list, each near-copy group once (``total``
    # counts every example, as the facets do).
    groups: int | None = None
    # The key this answer is kept under (``search.resultcache``); empty when it is not kept.
    cache_key: str = ""
    # Municipalities the query names that no example names, each with the county whose
    # examples are shown for it instead (``places.surroundings``): ("Umeå", "Västerbottens län").
    widened: tuple[tuple[str, str], ...] = ()

    @property
    def listed(self) -> int:
        """How many hits the pages list: what paging counts."""
        return self.total if self.groups is None else self.groups

    @property
    def copies(self) -> int:
        """How many matching examples are listed under a copy of their text instead."""
        return self.total - self.listed


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    title: str
