"""The Elasticsearch backend: writing documents, zero-downtime rebuilds, searching.

Every failure of the server is raised as ``SearchBackendError``, which the view answers from the
database backend and the indexing code leaves pending for ``manage.py search_index sync``. A
request the server refuses (any 4xx but 408 and 429: a bad query, a missing index, a document the
mapping rejects) is a ``SearchRequestError`` carrying the server's reason, so it is logged and
reported as the fault it is, never as "Elasticsearch svarar inte".
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from django.conf import settings

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from search import fuzzy, indexing, places, queries
from search import query as search_query
from search.backends.base import (
    Hit,
    SearchBackendError,
    SearchParams,
    SearchRequestError,
    SearchResults,
    Suggestion,
)
from search.documents import ExampleDocument, alias_name, examples_index, new_index_name
from search.facets import FACETS

ERRORS = (ApiError, TransportError, BulkIndexError, ConnectionError, TimeoutError)


@functools.cache
def default_client() -> Elasticsearch:
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=getattr(settings, "SEARCH_ELASTICSEARCH_TIMEOUT", 5),
        max_retries=1,
        retry_on_timeout=False,
    )


# Statuses in the 4xx range that mean "not now" rather than "not this request".
TRANSIENT_STATUSES = {408, 429}


def _refused(status) -> bool:
    return isinstance(status, int) and 400 <= status < 500 and status not in TRANSIENT_STATUSES


def _reason(error) -> str:
    """The server's own explanation of an error: its type and reason, as the body gives them."""
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        if isinstance(cause, dict) and cause.get("reason"):
            return f"{cause.get('type', 'error')}: {cause['reason']}"
    return str(error)


def classify(exc: Exception) -> SearchBackendError:
    """The backend error for a client exception: refused (4xx) or unavailable."""
    if isinstance(exc, ApiError) and _refused(exc.meta.status):
        body = exc.body if isinstance(exc.body, dict) else {}
        return SearchRequestError(
            f"Elasticsearch avvisade begäran ({exc.meta.status}): {_reason(body.get('error', exc))}"
        )
    if isinstance(exc, BulkIndexError):
        items = [next(iter(item.values()), {}) for item in exc.errors]
        if items and all(_refused(item.get("status")) for item in items):
            return SearchRequestError(
                f"Elasticsearch avvisade {len(items)} dokument ({items[0].get('status')}): "
                f"{_reason(items[0].get('error'))}"
            )
    return SearchBackendError(f"Elasticsearch svarar inte: {type(exc).__name__}: {exc}")


def wrap_errors(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except ERRORS as exc:
            raise classify(exc) from exc

    return wrapper


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None = None, prefix: str | None = None):
        self.client = client if client is not None else default_client()
        self.alias = alias_name(prefix)
        self.prefix = prefix

    # Writing ----------------------------------------------------------------------------

    @staticmethod
    def _actions(index: str, sources: Iterable[dict], remove_ids: Iterable[int]):
        for source in sources:
            yield ExampleDocument.from_source(source).to_dict(include_meta=True) | {"_index": index}
        for page_id in remove_ids:
            yield {"_op_type": "delete", "_index": index, "_id": page_id}

    @wrap_errors
    def apply(self, sources: Iterable[dict], remove_ids: Iterable[int], index: str | None = None):
        """Write and delete documents; deleting one that is not there is not an error."""
        _ok, errors = bulk(
            self.client,
            self._actions(index or self.alias, sources, remove_ids),
            raise_on_error=False,
            refresh="wait_for",
        )
        real_errors = [error for error in errors if error.get("delete", {}).get("status") != 404]
        if real_errors:
            raise BulkIndexError(f"{len(real_errors)} dokument kunde inte skrivas", real_errors)

    @wrap_errors
    def create(self) -> str:
        """Create a versioned index and point the alias at it, if no index is there yet."""
        if self.client.indices.exists_alias(name=self.alias):
            return self.current_index()
        name = new_index_name(self.prefix)
        examples_index(name).create(using=self.client)
        self.client.indices.put_alias(index=name, name=self.alias)
        return name

    @wrap_errors
    def current_index(self) -> str | None:
        try:
            return next(iter(self.client.indices.get_alias(name=self.alias)))
        except NotFoundError:
            return None

    @wrap_errors
    def rebuild(self, progress: Callable[[str], None]) -> str:
        """Fill a new versioned index, replay changes made meanwhile, then swap the alias."""
        from django.utils import timezone

        started = timezone.now()
        name = new_index_name(self.prefix)
        progress(f"Skapar index {name}")
        examples_index(name).create(using=self.client)
        batch: list[dict] = []
        for source in indexing.all_sources(progress):
            batch.append(source)
            if len(batch) >= indexing.BATCH_SIZE:
                self.apply(batch, [], index=name)
                batch = []
        self.apply(batch, [], index=name)
        self._replay(started, name, progress)
        old = self.current_index()
        actions = [{"add": {"index": name, "alias": self.alias}}]
        if old:
            actions.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        progress(f"Aliaset {self.alias} pekar nu på {name}")
        # Changes committed while the alias was being swapped went to the old index.
        self._replay(started, name, progress)
        for index in self.client.indices.get(index=f"{self.alias}-*"):
            if index not in {name, old}:
                self.client.indices.delete(index=index)
                progress(f"Tog bort gammalt index {index}")
        if old:
            self.client.indices.delete(index=old)
            progress(f"Tog bort föregående index {old}")
        return name

    def _replay(self, since, index: str, progress) -> None:
        changed = indexing.changed_since(since)
        if changed:
            sources = indexing.sources_for(changed)
            self.apply(sources.values(), changed - set(sources), index=index)
            progress(f"  spelade upp {len(changed)} ändringar gjorda under bygget")

    @wrap_errors
    def indexed_hashes(self) -> dict[int, str]:
        from elasticsearch.helpers import scan

        return {
            int(hit["_id"]): hit["_source"].get("source_hash", "")
            for hit in scan(
                self.client, index=self.alias, query={"_source": ["source_hash"]}, size=500
            )
        }

    @wrap_errors
    def check(self) -> list[str]:
        """Differences between the mapping and analysis in code and the live index."""
        current = self.current_index()
        if current is None:
            return [f"Aliaset {self.alias} finns inte: kör `search_index create`."]
        expected = examples_index(current).to_dict()
        live_mapping = self.client.indices.get_mapping(index=current)[current]["mappings"]
        live_settings = self.client.indices.get_settings(index=current)[current]["settings"]
        problems = []
        if _normalise(_canonical_mapping(live_mapping)) != _normalise(
            _canonical_mapping(expected["mappings"])
        ):
            problems.append("Mappningen i indexet skiljer sig från den i koden.")
        live_analysis = live_settings.get("index", {}).get("analysis", {})
        if _normalise(live_analysis) != _normalise(expected["settings"]["analysis"]):
            problems.append("Analysinställningarna i indexet skiljer sig från dem i koden.")
        return problems

    @wrap_errors
    def status(self) -> dict:
        current = self.current_index()
        count = self.client.count(index=self.alias)["count"] if current else 0
        return {"alias": self.alias, "index": current, "documents": count}

    # Reading ----------------------------------------------------------------------------

    @wrap_errors
    def search(self, params: SearchParams) -> SearchResults:
        surroundings = self._surroundings(params)
        widened = {label: around.county_slug for label, around in surroundings.items()}
        response = queries.build_search(params, self.alias, widened).using(self.client).execute()
        hits = []
        for hit in response.hits:
            highlight = getattr(hit.meta, "highlight", None)
            snippet = ""
            if highlight:
                for field in queries.HIGHLIGHT_FIELDS:
                    fragments = getattr(highlight, field.replace(".", "__"), None) or (
                        highlight.to_dict().get(field)
                    )
                    if fragments:
                        snippet = fragments[0]
                        break
            hits.append(Hit(int(hit.meta.id), hit.meta.score or 0.0, _trusted_html(snippet)))
        facets = {
            facet.param: {
                str(bucket.key): bucket.doc_count
                for bucket in getattr(response.aggregations, facet.param).values.buckets
            }
            for facet in FACETS
        }
        total = response.hits.total.value
        suggestion = ""
        if total == 0 and params.words:
            suggestion = _suggestion(params.words, response)
        every_word = getattr(response.aggregations, "alla_ord", None)
        partial = bool(total and every_word is not None and every_word.doc_count == 0)
        copy_groups = getattr(response.aggregations, "grupper", None)
        return SearchResults(
            total,
            hits,
            facets,
            suggestion,
            backend=self.name,
            partial=partial,
            groups=min(int(copy_groups.value), total) if copy_groups is not None else None,
            widened=tuple((a.place, a.county) for a in surroundings.values()) if total else (),
        )

    def _surroundings(self, params: SearchParams) -> dict[str, places.Surroundings]:
        """The municipalities the query names that no example names, by their words as
        analysed, with the county shown instead (as ``database._query_groups``): one count
        request each, and none for a query naming no municipality."""
        found = {}
        for group in search_query.analyse(params.query or ""):
            around = places.surroundings(group.label) if group.located else None
            if around is None:
                continue
            named = queries.build_place_named(places.place_names(group.label), self.alias)
            if not named.using(self.client).count():
                found[group.label] = around
        return found

    @wrap_errors
    def more_like_this(self, page_id: int, limit: int = 4) -> list[int]:
        """Ids of the examples most like this one, best first (Elasticsearch's more-like-this)."""
        response = (
            queries.build_more_like_this(page_id, self.alias, limit).using(self.client).execute()
        )
        return [int(hit.meta.id) for hit in response.hits]

    @wrap_errors
    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        response = queries.build_suggest(prefix, self.alias, limit).using(self.client).execute()
        return [Suggestion(int(hit.meta.id), hit.title) for hit in response.hits]


def _trusted_html(fragment: str):
    """Elasticsearch escaped the text (``encoder: html``) and added only <mark> tags."""
    from django.utils.safestring import mark_safe

    return mark_safe(fragment) if fragment else ""  # noqa: S308 - escaped by Elasticsearch  # nosec B308 B703


def _suggestion(words: list[str], response) -> str:
    suggest = getattr(response, "suggest", None)
    if not suggest or not getattr(suggest, "stavning", None):
        return ""
    corrections = {
        entry.text: entry.options[0].text
        for entry in suggest.stavning
        if entry.options and fuzzy.correctable(entry.text)
    }
    corrected = [corrections.get(word, word) for word in words]
    return " ".join(corrected) if corrected != words else ""


# What a live server adds to a field's mapping when it is left out: compared as if written.
FIELD_DEFAULTS = {"search_as_you_type": {"doc_values": False, "max_shingle_size": 3}}
# Mapping parameters that take one value or a list; a live server always returns the list.
LIST_PARAMETERS = ("copy_to",)


def _canonical_mapping(value):
    """A mapping in one shape, whether written by us or returned by a live server."""
    if isinstance(value, dict):
        value = {key: _canonical_mapping(item) for key, item in value.items()}
        for name in LIST_PARAMETERS:
            if isinstance(value.get(name), str):
                value[name] = [value[name]]
        defaults = FIELD_DEFAULTS.get(value.get("type"), {}) if "type" in value else {}
        return {**defaults, **value}
    if isinstance(value, list | tuple):
        return [_canonical_mapping(item) for item in value]
    return value


def _normalise(value):
    """Compare settings as Elasticsearch returns them (every scalar a string) with ours."""
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(item) for item in value]
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
