"""Swedish words from a lexicon: base forms and compound splitting, for ``search/text.py``.

The lists in ``data/lexicon_first.txt`` and ``data/lexicon_last.txt`` are derived from the
Swedish Hunspell dictionary (``scripts/build_lexicon.py``; licence in ``data/README.md``): the
forms a word takes at the start or in the middle of a compound ("hälso", "tobaks", "familje")
with the word they come from, and the words that may end one. The Snowball stemmer alone leaves
"skolan", "elevhälsan" and "ensamma" apart from "skola", "elevhälsa" and "ensam"; and a hand list
of compounds cannot know "barnfetma" or "familjecentralsverksamhet". Both come from here.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

MIN_COMPOUND = 6  # shorter words are not split
MIN_PART = 3
MAX_PARTS = 4

# Inflection endings tried, longest first, to reach a word the lexicon knows: definite and
# plural forms of nouns ("skolan", "mötesplatserna"), genitive -s, adjective -a/-t/-e.
ENDINGS = (
    "arnas", "ernas", "ornas", "arna", "erna", "orna", "ena", "ens", "ets", "ans", "ars",
    "ers", "ors", "na", "en", "et", "an", "ar", "er", "or", "s", "n", "t", "a", "e",
)  # fmt: skip


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def first_forms() -> dict[str, str]:
    """Compound-initial form -> the word it comes from ("hälso" -> "hälso", "tobaks" -> "tobak")."""
    return dict(line.split(" ", 1) for line in _lines("lexicon_first.txt"))


@functools.cache
def last_words() -> frozenset[str]:
    return frozenset(_lines("lexicon_last.txt"))


@functools.cache
def known_words() -> frozenset[str]:
    return last_words() | frozenset(first_forms().values())


def is_word(word: str) -> bool:
    """Whether the lexicon knows the word or an inflected form of it: such a word is never
    "corrected" as a misspelling (``search/fuzzy.py``)."""
    return word in known_words() or base_form(word) != word


@functools.lru_cache(maxsize=100_000)
def base_form(word: str) -> str:
    """The lexicon's word behind an inflected form ("skolan" -> "skola", "ensamma" -> "ensam"),
    or the word itself when the lexicon knows it or no ending leads to a known word."""
    known = known_words()
    if word in known or len(word) < 4:
        return word
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            for candidate in (stem, stem + "a", stem + "e"):
                if candidate in known:
                    return candidate
            # ensamma -> ensam, trygga -> trygg: a doubled consonant is single in the base form
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in known:
                return stem[:-1]
    return word


@functools.lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """The base forms of a compound's parts ("barnfetma" -> ("barn", "fetma")), or () if the
    word is not a compound of lexicon words. Words the lexicon lists whole ("hälsovård") are
    split too. The split with the fewest parts wins; among those, the longest last part."""
    if len(word) < MIN_COMPOUND:
        return ()
    return _split_parts(word, MAX_PARTS) or ()


@functools.lru_cache(maxsize=100_000)
def all_parts(word: str) -> tuple[str, ...]:
    """Every part at every level: "skolhälsovård" -> skola, hälsovård, hälso, vård."""
    result: list[str] = []
    for part in split(word):
        result.append(part)
        result.extend(all_parts(part))
    return tuple(dict.fromkeys(result))


def _better(candidate: tuple[str, ...], best: tuple[str, ...] | None) -> bool:
    return best is None or (len(candidate), -len(candidate[-1])) < (len(best), -len(best[-1]))


def _split_parts(word: str, parts_left: int) -> tuple[str, ...] | None:
    """The best split of ``word`` into two parts or more."""
    firsts = first_forms()
    best = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if head in firsts:
            rest = _split(word[cut:], parts_left - 1)
            if rest is not None and _better((firsts[head], *rest), best):
                best = (firsts[head], *rest)
    return best


@functools.lru_cache(maxsize=100_000)
def _split(word: str, parts_left: int) -> tuple[str, ...] | None:
    last = base_form(word) if len(word) >= MIN_PART else ""
    if last and (word in last_words() or last in last_words()):
        return (last,)
    if parts_left <= 1:
        return None
    return _split_parts(word, parts_left)


FOLDED_LETTERS = str.maketrans("åäö", "aao")


@functools.cache
def _folded_lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """The compound-initial forms and last words as typed without å/ä/ö ("aldre" -> "äldre")."""
    firsts: dict[str, str] = {}
    for form, word in sorted(first_forms().items()):
        firsts.setdefault(form.translate(FOLDED_LETTERS), word)
    return firsts, frozenset(word.translate(FOLDED_LETTERS) for word in last_words())


@functools.lru_cache(maxsize=10_000)
def split_folded(word: str) -> tuple[str, ...]:
    """A compound typed without å/ä/ö split into its parts' lexicon forms where they can be
    told ("aldrevard" -> ("äldre", "vard")), for a query word that no other way splits. A last
    part stays as typed: the query matches it by its folded form, like any word without å/ä/ö.
    Empty for a word with å/ä/ö or one the lexicon's folded forms do not cover."""
    if len(word) < MIN_COMPOUND or word != word.translate(FOLDED_LETTERS):
        return ()
    firsts, lasts = _folded_lexicon()
    best = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if head in firsts and tail in lasts:
            candidate = (firsts[head], tail)
            if _better(candidate, best):
                best = candidate
    return best or ()
