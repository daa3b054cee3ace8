"""Notes that apps built on ``members`` add to a row of "Mina exempel".

Why a registry: an example's assessment is kept by ``assessments``, which builds on
``members``; "Mina exempel" shows it without importing that app. A provider is
``provider(pages) -> {page id: [RowNote, …]}`` and answers for all the member's examples in a
constant number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RowNote:
    text: str  # what the member reads, in Swedish
    url: str = ""  # where it leads, if anywhere
    link_text: str = ""


_providers: dict[str, Callable] = {}


def register(name: str, provider: Callable) -> None:
    _providers[name] = provider


def notes_for(pages) -> dict[int, list[RowNote]]:
    notes: dict[int, list[RowNote]] = defaultdict(list)
    if not pages:
        return notes
    for provider in _providers.values():
        for page_id, items in provider(pages).items():
            notes[page_id].extend(items)
    return notes
