"""What a search query asks for: one group per word or recognised phrase, for every backend.

A group is what one word (or a place or a multi-word synonym) of the query can match: a set of
alternatives, each a sequence of slots that must all match, each slot the index terms of one
word (its normalised stem and folded form). "äldreomsorg" is the alternatives (äldreomsorg) and
(äldre, omsorg), so it finds "omsorg om äldre" as well as the compound; "Region Värmland" is the
county and every municipality in it; "BVC" is the acronym and "barnavårdscentral".

Synonyms are looked up after normalisation (``text.py``: base form, stem), so "föreningslivet"
meets the listed "föreningsliv". The backends match examples having any group and rank them by
how many groups they have (``search/backends/database.py``).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from search import goals, lexicon, places, text

MAX_GROUPS = 12
MAX_PHRASE = 5  # words in the longest place or synonym phrase

Slot = frozenset  # the terms of one word: any of them matches
Alternative = tuple  # slots that must all match


class Group(NamedTuple):
    """What one word or phrase of the query matches (``label``: as typed, for suggestions)."""

    label: str
    alternatives: frozenset
    fuzzy: bool = False  # a word the index does not know (see ``backends.database``)
    # The alternatives that are what was typed (the word, its compound parts, the place it
    # names), not a synonym, a municipality of a named county or a neighbouring word: an
    # example having them ranks above one having only the others.
    primary: frozenset = frozenset()
    # A place's facet values (``places.place_facets``): an example located there ranks above
    # one whose text only names the place.
    located: frozenset = frozenset()

    @property
    def exact(self) -> frozenset:
        return self.primary or self.alternatives

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(
            term for alternative in self.alternatives for s in alternative for term in s
        )


@functools.lru_cache(maxsize=50_000)
def slot(word: str) -> frozenset[str]:
    """The terms one word of an alternative matches: its stem, normalised and folded."""
    return frozenset(text.word_terms_whole(word))


def _phrase_alternative(phrase: str) -> tuple:
    return tuple(slot(word) for word in text.words(phrase) if word not in text.stop_words())


@functools.cache
def _thesaurus() -> dict[tuple[str, ...], tuple[tuple, ...]]:
    """Every synonym entry's key (its words' stems) -> the alternatives of its whole group."""
    index: dict[tuple[str, ...], set] = {}
    for group in text.synonym_groups():
        alternatives = {_phrase_alternative(entry) for entry in group}
        alternatives.discard(())
        for entry in group:
            index.setdefault(_key(entry), set()).update(alternatives)
    return {key: tuple(sorted(alts, key=repr)) for key, alts in index.items() if key}


def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as synonyms are looked up: each word's normalised stem, folded."""
    return tuple(
        text.fold(text.word_terms_whole(word)[0])
        for word in text.words(phrase)
        if word not in text.stop_words()
    )


@functools.lru_cache(maxsize=10_000)
def word_group(word: str) -> Group:
    """The group of one query word: itself, its synonyms, and its compound parts together."""
    primary = {(slot(word),)}
    parts = [part for part in text.compound_split_top(word) if part not in text.stop_words()]
    if not parts and not lexicon.is_word(word):
        # "aldrevard": a compound typed without å/ä/ö, its parts matched by their folded forms
        parts = [part for part in lexicon.split_folded(word) if part not in text.stop_words()]
    if len(parts) > 1:
        primary.add(tuple(slot(part) for part in parts))
    alternatives = primary | set(_thesaurus().get(_key(word), ()))
    return Group(word, frozenset(alternatives), primary=frozenset(primary))


def analyse(query: str) -> list[Group]:
    """The groups of a query, in order: places and synonym phrases first found (longest
    first, stop words inside them allowed), then each remaining word."""
    typed = text.without_filler(text.words(query))
    groups: list[Group] = []
    seen: set = set()
    i = 0
    while i < len(typed) and len(groups) < MAX_GROUPS:
        found = None
        for size in range(min(MAX_PHRASE, len(typed) - i), 1, -1):
            phrase = " ".join(typed[i : i + size])
            found = _phrase_group(phrase)
            if found:
                i += size
                break
        if found is None:
            word = typed[i]
            i += 1
            if word in text.stop_words():
                continue
            place = _place_group(word)
            found = place or word_group(word)
        if found.alternatives not in seen:
            seen.add(found.alternatives)
            groups.append(found)
    return groups


def _phrase_group(phrase: str) -> Group | None:
    place = _place_group(phrase)
    if place:
        return place
    alternatives = _thesaurus().get(_key(phrase))
    if alternatives and len(_key(phrase)) > 1:
        typed = _phrase_alternative(phrase)
        return Group(phrase, frozenset({typed, *alternatives}), primary=frozenset({typed}))
    return None


def _place_alternative(name: str) -> tuple:
    """A place's name as the index has it: each word's main term only, never its å/ä/ö-folded
    form. The names come from the taxonomy, spelt right, whatever the visitor typed; folded,
    "Ånge" would be "ang" and find every text saying that something "anges"."""
    return tuple(
        frozenset(text.word_terms_whole(word)[:1])
        for word in text.words(name)
        if word not in text.stop_words()
    )


def _place_group(phrase: str) -> Group | None:
    """A county or municipality named in any of its ways (``search/places.py``)."""
    names = places.place_names(phrase)
    if not names:
        return None
    alternatives = frozenset(_place_alternative(name) for name in names)
    # The place itself (a county's own names) before the municipalities in it.
    itself = frozenset(_place_alternative(name) for name in places.place_itself(phrase))
    located = frozenset(places.place_facets(phrase))
    return Group(phrase, alternatives, primary=itself, located=located)


def widen_to_county(group: Group, around: places.Surroundings) -> Group:
    """A municipality's group that no example names, widened to its county: the examples of
    the county (those naming it or any municipality in it, those located there first). An
    official searching "Umeå" is shown Västerbotten's county-wide work, which includes Umeå,
    rather than an empty page; the page says so."""
    county = _place_group(around.county)
    if county is None:
        return group
    return group._replace(
        alternatives=group.alternatives | county.alternatives,
        located=group.located | county.located,
    )


def located(groups) -> dict[str, tuple[str, ...]]:
    """The places and goals the query names, as facet values per facet (``{"lan": (...),
    "kommun": (...), "mal": (...)}``, sorted, empty when it names none): every backend ranks an
    example located in one of the places (its county, or a municipality where it runs) or
    linked to one of the goals (``goals.py``) above one whose text only has the words."""
    found: dict[str, set[str]] = {}
    for group in groups:
        for param, slug in group.located:
            found.setdefault(param, set()).add(slug)
    named_goals = goals.named(groups)
    if named_goals:
        found["mal"] = set(named_goals)
    return {param: tuple(sorted(slugs)) for param, slugs in sorted(found.items())}
