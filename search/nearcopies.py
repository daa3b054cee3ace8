"""Near-copies: examples whose description is another's with only the places and figures changed.

When a method spreads, the organisations introducing it often publish the original's text with
their own name in it. A search for what the text says would then fill its first page with one
description over and over, and push every other example down ("real examples are not drowned
by near-duplicates", issue 13). The search page lists such copies as one hit, the best-ranked,
and names the others under it (``search.views``); the API, the exports and the follows list
every example.

Two examples are copies when their texts (the summary, then the body) open with the same
``KEY_WORDS`` words in the same order once the names of places (every county and municipality,
with "kommun", "region", "län" …), figures, case, punctuation and diacritics are set aside: an
organisation that adds its own results at the end, or rewrites the last paragraphs, still
publishes the same description, and a visitor sees the same summary twice. That is equality of
one key per example, so every backend groups them the same way (a column on the database,
``collapse`` on Elasticsearch) and no example's key depends on another's. A text whose opening
is rewritten in other words is not a copy: it is a different account, and is listed. Texts too
short to tell a copy from a shared phrasing (fewer than ``MIN_WORDS`` words left) are never
grouped.
"""

from __future__ import annotations

import functools
import hashlib
import itertools

from django.db.models import Case, Count, F, Value, When, Window
from django.db.models.functions import RowNumber

from search import places, text
from search.models import SearchDocument

MIN_WORDS = 25
# The opening compared: about a summary and the body's first paragraph. Fifty words in the same
# order (places and figures aside) are not written twice independently.
KEY_WORDS = 50
SHOWN_COPIES = 3  # named under the hit; the rest are counted
# Set aside with the place names (``places.place_words`` already has "kommun", "region", "läns",
# "landstinget" …, the words of the names as people write them): the definite forms.
PLACE_KIND_WORDS = frozenset(
    text.fold(word)
    for word in "kommunen kommunens staden stadens regionen regionens länet länets".split()  # noqa: SIM905
)


@functools.lru_cache(maxsize=100_000)
def _kept(word: str) -> str:
    """The word as the key compares it (folded), or "" for a place, a place kind or a figure.
    Cached and mapped: a rebuild reads every word of every example here once more."""
    folded = text.fold(word)
    if folded.isdigit() or folded in PLACE_KIND_WORDS or folded in places.place_words():
        return ""
    return folded


def copy_key(page_id: int, summary: str, body: str) -> str:
    """The key every copy of this text shares; an example with too short a text has its own."""
    words = text.words(f"{summary}\n{body}")
    kept = list(itertools.islice(filter(None, map(_kept, words)), KEY_WORDS))
    if len(kept) < MIN_WORDS:
        return f"sida-{page_id}"
    return "text-" + hashlib.sha256(" ".join(kept).encode()).hexdigest()[:24]


def copies_of(page_ids: list[int], shown: int = SHOWN_COPIES) -> dict[int, tuple[list[int], int]]:
    """For each of these examples that has near-copies in the index: the ids of the first
    ``shown`` of them by title, and how many there are in all. One query, whatever the number of copies:
    each group's rows are numbered with the example itself first."""
    if not page_ids:
        return {}
    keys = SearchDocument.objects.filter(pk__in=page_ids, copy_key__startswith="text-")
    itself_first = Case(When(pk__in=page_ids, then=Value(0)), default=Value(1))
    rows = (
        SearchDocument.objects.filter(copy_key__in=keys.values("copy_key"))
        .annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("copy_key")],
                order_by=[itself_first.asc(), F("title").asc(), F("pk").asc()],
            ),
            size=Window(Count("pk"), partition_by=[F("copy_key")]),
        )
        .filter(nth__lte=shown + 1)
        .order_by("copy_key", "nth")
        .values_list("pk", "copy_key", "size")
    )
    wanted = set(page_ids)
    result: dict[int, tuple[list[int], int]] = {}
    hit, group = None, None
    for page_id, key, size in rows:
        if page_id in wanted:  # the first of its group
            hit, group = page_id, key
            result[hit] = ([], size - 1)
        elif key == group:
            result[hit][0].append(page_id)
    return {page_id: found for page_id, found in result.items() if found[0]}


def published_copies(page_id: int, summary: str, body: str) -> tuple[list[str], int]:
    """The titles of up to ``SHOWN_COPIES`` published examples (by title) whose text this one
    copies, and how many there are: what an editor reviewing it is told (``wagtail_hooks``).
    The example's own published version does not count."""
    key = copy_key(page_id, summary, body)
    if not key.startswith("text-"):
        return [], 0
    others = SearchDocument.objects.filter(copy_key=key).exclude(pk=page_id)
    rows = list(
        others.annotate(size=Window(Count("pk")))
        .order_by("title", "pk")
        .values_list("title", "size")[:SHOWN_COPIES]
    )
    return [title for title, _ in rows], rows[0][1] if rows else 0
