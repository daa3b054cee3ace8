"""The 22 national goals as people word them: a query naming a goal ranks its examples first.

A visitor who types a goal's wording, or their own version of it ("minska fallskador hos
äldre", "fallskador bland äldre" for goal 9, "Minska antalet äldre som drabbas av fallskador"),
wants the examples linked to that goal. Their texts need not repeat the wording, while hundreds
of other texts contain its everyday words; so, as for a place (``places.py``), an example linked
to the goal named ranks above one whose text only has the words, within the same coverage.

Read from the taxonomy's own wording (``examples/data/goals.csv``), compared on the index's
terms (``text.py``: stems, folded forms and compound parts), so inflections and compounds meet.
A query names a goal when at least two of its words, and at least half of them, are words of
the goal's wording, one of them a word of its subject (``search/data/goal_subjects.txt``:
"fallskador", "karies", "tobaksrök"; not "färre", "barn" or "unga", which many goals share, nor
"antalet" or "personer", which say nothing of what it is about: "barn och unga" names no goal).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from typing import NamedTuple

from search import places, text

GOALS_CSV = places.EXAMPLES_DATA / "goals.csv"


class _Goal(NamedTuple):
    slug: str
    words: tuple[frozenset[str], ...]  # the index terms of each word of its wording
    subject: tuple[frozenset[str], ...]  # those of the words that say what it is about


def _terms(word: str) -> frozenset[str]:
    """A word's index terms, and its compound parts' ("tobaksrök": tobak, rök)."""
    parts = [part for part in text.compound_split_top(word) if part not in text.stop_words()]
    terms = set(text.word_terms_whole(word))
    for part in parts if len(parts) > 1 else ():
        terms.update(text.word_terms_whole(part))
    return frozenset(terms)


@functools.cache
def _goals() -> tuple[_Goal, ...]:
    with GOALS_CSV.open(encoding="utf-8") as handle:
        wordings = {row["slug"]: row["text"] for row in csv.DictReader(handle)}
    subjects = {}
    for line in text._data_lines("goal_subjects.txt"):
        slug, _, words = line.partition("=")
        subjects[slug.strip()] = [word.strip() for word in words.split(",") if word.strip()]
    return tuple(
        _Goal(
            slug,
            tuple(_terms(word) for word in text.words(wording) if word not in text.stop_words()),
            tuple(_terms(word) for word in subjects.get(slug, ())),
        )
        for slug, wording in wordings.items()
    )


def named(groups: Iterable) -> tuple[str, ...]:
    """The slugs of the goals the query's groups (``query.analyse``) name, sorted; () for none.

    Of several goals the query could name, those sharing the most of its words: "Fler elever
    ska känna sig trygga i skolan" is goal 10, though "fler" and "trygga" are goal 13's words too.
    A place in the query is no word of a goal's wording, and counts toward neither side."""
    words = [group.terms for group in groups if not group.located]
    found: dict[str, int] = {}
    for goal in _goals():
        hits = [terms for terms in words if any(terms & word for word in goal.words)]
        subject = any(terms & word for terms in hits for word in goal.subject)
        if len(hits) >= 2 and 2 * len(hits) >= len(words) and subject:
            found[goal.slug] = len(hits)
    most = max(found.values(), default=0)
    return tuple(sorted(slug for slug, hits in found.items() if hits == most))
