"""The Swedish text pipeline of the database backend, mirroring the Elasticsearch analyzers.

Elasticsearch analyses text with the analyzers in ``search/documents.py``; the database backend
(PostgreSQL or SQLite) gets the same treatment here, in Python, from the same data files:

* index side: lowercase -> dictionary decompounder (``data/compounds.txt``) -> stop words
  (``data/stopwords.txt``) -> Snowball Swedish stemmer -> ``scandinavian_normalization``, plus a
  folded form (``scandinavian_folding`` + ASCII folding) for people typing without å/ä/ö;
* search side: lowercase -> synonyms (``data/synonyms.txt``) -> stop words -> stemmer ->
  normalisation, and the folded form. Compounds are split only when indexing, as in
  Elasticsearch, so "omsorg" finds "äldreomsorg" but "äldreomsorg" does not find every "omsorg".

The normalisation and folding functions follow Lucene's ``ScandinavianNormalizer`` and
``ScandinavianFolder`` character for character, and ``decompound`` follows Lucene's
``DictionaryCompoundWordTokenFilter`` with ``only_longest_match``, so both backends derive the
same terms from the same text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import snowballstemmer

from search import lexicon

DATA_DIR = Path(__file__).resolve().parent / "data"

# Letters and digits, joined across ":" "." and apostrophes between them, like Unicode word
# boundaries (UAX #29) and Elasticsearch's standard tokenizer: "SKR:s" and "t.ex" stay one word.
WORD_RE = re.compile(r"[^\W_]+(?:[:.'’][^\W_]+)*")
JOINERS_RE = re.compile(r"[:.'’]")
MAX_TOKEN_LENGTH = 60  # longer "words" are noise (and Elasticsearch splits at 255)
MIN_WORD_SIZE = 5  # decompounder: words shorter than this are not split
MIN_SUBWORD_SIZE = 4
MAX_SUBWORD_SIZE = 15


def _data_lines(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def stop_words() -> frozenset[str]:
    return frozenset(word.lower() for word in _data_lines("stopwords.txt"))


@functools.cache
def compounds() -> dict[str, tuple[str, ...]]:
    """Each curated compound with the parts it splits into (``data/compounds.txt``)."""
    result = {}
    for line in _data_lines("compounds.txt"):
        compound, _, parts = line.partition("=")
        result[compound.strip().lower()] = tuple(
            part.strip().lower() for part in parts.split("+") if part.strip()
        )
    return result


@functools.cache
def compound_parts() -> tuple[str, ...]:
    """The decompounder's dictionary: every part named in ``data/compounds.txt``, sorted."""
    return tuple(sorted({part for parts in compounds().values() for part in parts}))


def synonym_rules() -> list[str]:
    """``data/synonyms.txt`` as Solr-format lines, as Elasticsearch's synonym_graph reads them."""
    return [
        ", ".join(word.strip().lower() for word in line.split(",") if word.strip())
        for line in _data_lines("synonyms.txt")
    ]


@functools.cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of ``data/synonyms.txt`` (what Elasticsearch's synonym filter reads) and of
    ``data/thesaurus.txt`` (acronyms, everyday words, multi-word entries; ``search/query.py``)."""
    return tuple(
        tuple(word.strip().lower() for word in line.split(",") if word.strip())
        for name in ("synonyms.txt", "thesaurus.txt")
        for line in _data_lines(name)
    )


@functools.cache
def _synonym_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for group in synonym_groups():
        for word in group:
            index.setdefault(word, set()).update(group)
    return {word: tuple(sorted(words)) for word, words in index.items()}


def synonyms(word: str) -> tuple[str, ...]:
    """The word and every word it is a synonym of (lowercase)."""
    return _synonym_index().get(word, (word,))


_stemmer = snowballstemmer.stemmer("swedish")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def normalise(term: str) -> str:
    """Lucene's ``scandinavian_normalization``: ä→æ, ö→ø, aa/ao→å, ae→æ, oe/oo→ø."""
    chars = list(term)
    i = 0
    while i < len(chars):
        c = chars[i]
        nxt = chars[i + 1].lower() if i + 1 < len(chars) else ""
        if c == "ä":
            chars[i] = "æ"
        elif c == "Ä":
            chars[i] = "Æ"
        elif c == "ö":
            chars[i] = "ø"
        elif c == "Ö":
            chars[i] = "Ø"
        elif c in "aA" and nxt in ("a", "o"):
            del chars[i + 1]
            chars[i] = "å" if c == "a" else "Å"
        elif c in "aA" and nxt == "e":
            del chars[i + 1]
            chars[i] = "æ" if c == "a" else "Æ"
        elif c in "oO" and nxt in ("e", "o"):
            del chars[i + 1]
            chars[i] = "ø" if c == "o" else "Ø"
        i += 1
    return "".join(chars)


def fold(term: str) -> str:
    """Lucene's ``scandinavian_folding`` (åäæ→a, öø→o, double vowels to one) then ASCII folding."""
    chars = list(term)
    i = 0
    while i < len(chars):
        c = chars[i]
        nxt = chars[i + 1].lower() if i + 1 < len(chars) else ""
        if c in "åäæ":
            chars[i] = "a"
        elif c in "ÅÄÆ":
            chars[i] = "A"
        elif c in "øö":
            chars[i] = "o"
        elif c in "ØÖ":
            chars[i] = "O"
        elif (c in "aA" and nxt in ("a", "e", "o")) or (c in "oO" and nxt in ("e", "o")):
            del chars[i + 1]
        i += 1
    decomposed = unicodedata.normalize("NFKD", "".join(chars))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def decompound(word: str) -> list[str]:
    """The dictionary parts found inside ``word`` (Lucene's algorithm, longest match per start)."""
    if len(word) < MIN_WORD_SIZE:
        return []
    parts = set(compound_parts())
    found = []
    for start in range(len(word) - MIN_SUBWORD_SIZE + 1):
        longest = None
        for size in range(MIN_SUBWORD_SIZE, MAX_SUBWORD_SIZE + 1):
            if start + size > len(word):
                break
            if word[start : start + size] in parts:
                longest = word[start : start + size]
        if longest:
            found.append(longest)
    return found


class Token(NamedTuple):
    """A word as written and where it is; a tuple because highlighting makes one per word."""

    word: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return list(_tokens(text or ""))


def words(text: str) -> list[str]:
    """Lowercased words as a person would type them (joiners removed).

    Reads the matches directly rather than through ``tokenize``: indexing calls this for every
    word of every document, and building a ``Token`` per word was most of a rebuild's text time.
    The cached ``_indexed_word`` is mapped over the matches (no Python loop per word).
    """
    return list(filter(None, map(_indexed_word, WORD_RE.findall(text or ""))))


@functools.lru_cache(maxsize=100_000)
def _indexed_word(word: str) -> str:
    """The typed form of a matched word, or "" for a word too long to be one (left out)."""
    return _typed_word(word) if len(word) <= MAX_TOKEN_LENGTH else ""


@functools.lru_cache(maxsize=100_000)
def _typed_word(word: str) -> str:
    return JOINERS_RE.sub("", word.lower())


def _term_forms(word: str) -> tuple[str, ...]:
    """The index terms of one lowercase word: normalised stem, and its folded form if different.

    The stem is taken of the lexicon's base form ("skolan" -> "skola" -> "skol"), so inflected
    forms the Snowball stemmer leaves apart meet (``search/lexicon.py``)."""
    base = lexicon.base_form(word)
    stemmed = _kept_derivation(base, stem(base))
    main, folded = normalise(stemmed), fold(stemmed)
    return (main,) if main == folded else (main, folded)


DERIVATION_SUFFIXES = ("lig", "els")


def _kept_derivation(word: str, stemmed: str) -> str:
    """The Snowball stem with its derivational suffix (-lig, -els) put back for a word
    the lexicon knows: "hemlig" is not "hem", "personlig" not "person". Otherwise the compound
    parts the lexicon indexes ("hem" of "hembesök") meet every word derived from them;
    "hemligheten" and "hemlig" still meet."""
    if not word.startswith(stemmed) or len(stemmed) == len(word):
        return stemmed
    rest = word[len(stemmed) :]
    for suffix in DERIVATION_SUFFIXES:
        if rest.startswith(suffix) and lexicon.is_word(stemmed + suffix):
            return stemmed + suffix
    return stemmed


@functools.lru_cache(maxsize=100_000)
def word_terms_whole(word: str) -> tuple[str, ...]:
    """The terms of a word itself, without its parts: the main (normalised) term first."""
    return _term_forms(word)


@functools.lru_cache(maxsize=100_000)
def compound_split_top(word: str) -> tuple[str, ...]:
    """A compound's top-level parts, as a query requires them all ("skol" + "hälsovård")."""
    curated = compounds().get(word)
    if curated and len(curated) > 1:
        return curated
    parts = lexicon.split(word)
    if any(part in stop_words() for part in parts):
        return ()
    return parts


@functools.lru_cache(maxsize=100_000)
def compound_split(word: str) -> tuple[str, ...]:
    """The parts a compound is split into: the curated ones (``data/compounds.txt``) and the
    lexicon's (``search/lexicon.py``), every level ("skolhälsovård" -> skol, hälsovård, hälso,
    vård). A split with a stop word among its parts ("över" + "viktig") is no split."""
    parts = [*decompound(word), *lexicon.all_parts(word)]
    if any(part in stop_words() for part in lexicon.split(word)):
        parts = list(decompound(word))
    return tuple(dict.fromkeys(part for part in parts if part != word))


@functools.lru_cache(maxsize=50_000)
def word_terms(word: str) -> tuple[str, ...]:
    """Index terms of one lowercase word: the word itself and its compound parts, stop words out."""
    terms: list[str] = []
    for form in (word, *compound_split(word)):
        if form not in stop_words():
            terms.extend(_term_forms(form))
    return tuple(dict.fromkeys(terms))


def index_terms(text: str) -> list[str]:
    """Every index term of ``text`` in order, repeated as often as it occurs (for ranking)."""
    return [term for word in words(text) for term in word_terms(word)]


@functools.cache
def query_filler() -> frozenset[str]:
    """Words that carry a question rather than its subject (``data/query_filler.txt``)."""
    return frozenset(word.lower() for word in _data_lines("query_filler.txt"))


def without_filler(typed: list[str]) -> list[str]:
    """The words less the question's filler ("gör", "exempel"), unless nothing else is left."""
    meaningful = [word for word in typed if word not in query_filler()]
    return meaningful if any(word not in stop_words() for word in meaningful) else typed


def query_words(query: str, limit: int = 12) -> list[str]:
    """The meaningful words of a query: lowercased, stop words and filler out, duplicates out,
    at most ``limit``."""
    result: list[str] = []
    for word in without_filler(words(query)):
        if word not in stop_words() and word not in result:
            result.append(word)
    return result[:limit]


def folded_word(word: str) -> str:
    """A word as compared for spelling suggestions: lowercase and folded."""
    return fold(word.lower())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up (returning limit + 1) beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def closest_words(word: str, vocabulary, limit: int = 3) -> list[str]:
    """The vocabulary words closest to ``word`` within 1 (up to five letters) or 2 edits, as
    Elasticsearch's ``fuzziness: AUTO``, best first: fewest edits, then a letter doubled or
    undoubled by mistake ("gottland" is Gotland before Götaland), same first letter, closest
    length."""
    target = folded_word(word)
    max_edits = 1 if len(target) <= 5 else 2
    ranked = []
    for candidate in set(vocabulary):
        folded = folded_word(candidate)
        distance = edit_distance(target, folded, max_edits)
        if distance == 0 or distance > max_edits:
            continue
        doubling = _undoubled(folded) != _undoubled(target)
        key = (
            distance,
            doubling,
            candidate[:1] != word[:1],
            abs(len(candidate) - len(word)),
            candidate,
        )
        ranked.append((key, candidate))
    return [candidate for _, candidate in sorted(ranked)[:limit]]


def _undoubled(word: str) -> str:
    """The word with each run of one letter written once ("gottland" -> "gotland")."""
    return "".join(letter for i, letter in enumerate(word) if i == 0 or word[i - 1] != letter)


def closest_word(word: str, vocabulary: list[str]) -> str | None:
    """The vocabulary word closest to ``word`` within 1 (up to five letters) or 2 edits, else
    None."""
    found = closest_words(word, vocabulary, 1)
    return found[0] if found else None


def highlight(text: str, terms: frozenset[str], max_words: int = 36) -> SafeString:
    """An escaped excerpt of ``text`` around the most query terms, with matches in ``<mark>``.

    Returns an empty string when no word of ``text`` matches. A page of hits highlights a dozen
    texts, some of them long: the words are read as plain strings to find the matches, and
    only the words up to the end of the chosen excerpt are located in the text.
    """
    text = text or ""
    typed = [word for word in WORD_RE.findall(text) if len(word) <= MAX_TOKEN_LENGTH]
    hits = [
        i for i, word in enumerate(typed) if not terms.isdisjoint(word_terms(_typed_word(word)))
    ]
    if not hits:
        return mark_safe("")  # nosec B308 B703 - an empty string
    best_start, best_count = 0, -1
    for first in hits:
        start = max(0, first - 4)
        count = bisect.bisect_left(hits, start + max_words) - bisect.bisect_left(hits, start)
        if count > best_count:
            best_start, best_count = start, count
    window = list(itertools.islice(_tokens(text), best_start, best_start + max_words))
    hit_set = set(hits)
    at_end = best_start + len(window) >= len(typed)
    begin = window[0].start if best_start > 0 else 0
    end = len(text) if at_end else window[-1].end
    parts = ["… " if best_start > 0 else ""]
    cursor = begin
    for offset, token in enumerate(window):
        parts.append(escape(text[cursor : token.start]))
        word = escape(token.word)
        parts.append(f"<mark>{word}</mark>" if best_start + offset in hit_set else word)
        cursor = token.end
    parts.append(escape(text[cursor:end]))
    if not at_end:
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above  # nosec B308 B703 - every part escaped above


def _tokens(text: str):
    """The words of ``tokenize``, one at a time, so a caller can stop early."""
    for match in WORD_RE.finditer(text):
        if len(match.group()) <= MAX_TOKEN_LENGTH:
            yield Token(match.group(), match.start(), match.end())
