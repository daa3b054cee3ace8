"""Typo tolerance on the database backend: the indexed words closest to a word nobody wrote.

A query word that matches no example ("fallprevetion", "Gävelborg", "Vivala") is widened to the
indexed words (``IndexedWord``) closest to it, so it finds their examples directly; a word that
matches something is never widened, so exact matches are never outranked by guesses. PostgreSQL
finds the candidates with ``pg_trgm``'s trigram index (``migrations/0004_indexedword_trigram``),
SQLite (small indexes) by comparing the words of a similar length; both keep only candidates
within 1 edit (words up to 5 letters) or 2 edits (``text.edit_distance``, å/ä/ö folded).

"Menade du" offers the corrected query, and never replaces a word the Swedish lexicon knows
("stad" is not "corrected" to the more frequent "står") or the name of a county or municipality
("Västerås" is not "västra", "Gävle" not "gäller", even where no example names them): only a
misspelling is corrected (``correctable``, also on Elasticsearch). The edits allowed are
Elasticsearch's ``fuzziness: AUTO``.
"""

from __future__ import annotations

from django.db import connection

from search import lexicon, places, text
from search.models import IndexedWord

MAX_CANDIDATES = 3
TRIGRAM_CANDIDATES = 30


def corrections(words: list[str]) -> dict[str, tuple[str, ...]]:
    """Each word's closest indexed words, best first (one query for all the words)."""
    words = [word for word in words if " " not in word and 3 <= len(word) <= 40]
    if not words:
        return {}
    vocabulary = _candidates(words)
    result = {}
    for word in words:
        ranked = text.closest_words(word, vocabulary.get(word, ()), MAX_CANDIDATES)
        if ranked:
            result[word] = tuple(ranked)
    return result


def _candidates(words: list[str]) -> dict[str, list[str]]:
    if connection.vendor == "postgresql":
        sql = " UNION ALL ".join(
            [
                "(SELECT %s, word FROM search_indexedword WHERE word %% %s "
                "ORDER BY word <-> %s LIMIT %s)"
            ]
            * len(words)
        )
        params = [p for word in words for p in (word, word, word, TRIGRAM_CANDIDATES)]
        result: dict[str, list[str]] = {word: [] for word in words}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for word, candidate in cursor.fetchall():
                result[word].append(candidate)
        return result
    lengths = {n for word in words for n in range(max(3, len(word) - 2), len(word) + 3)}
    vocabulary = list(IndexedWord.objects.filter(length__in=lengths).values_list("word", flat=True))
    return dict.fromkeys(words, vocabulary)


def correctable(word: str) -> bool:
    """Whether a word of a query may be a misspelling: neither a word of the Swedish lexicon
    nor the name of a county or municipality."""
    return not lexicon.is_word(word) and not places.place_names(word)


def replacements(query: str, found: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each misspelt word of the query -> the closest indexed word that replaces it."""
    return {
        word: found[word][0] for word in text.words(query) if found.get(word) and correctable(word)
    }


def suggestion(query: str, found: dict[str, tuple[str, ...]]) -> str:
    """The query with each misspelt word replaced by its closest indexed word, or ""."""
    replaced = replacements(query, found)
    if not replaced:
        return ""
    return " ".join(replaced.get(word, word) for word in text.words(query))
