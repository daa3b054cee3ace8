"""The one thing ``examples/`` asks of the search: the ids of the examples most like one.

``search/`` depends on ``examples/``, never the reverse (``tests/test_layering.py`` holds that).
So this module defines what it needs, ``SimilarExamples``, and the search app registers its
implementation here when it starts (``SearchConfig.ready``). Without one, or when it has no
answer, ``similar_ids`` returns an empty list and related examples are scored in the database
(``examples/related.py``).
"""

from typing import Protocol


class SimilarExamples(Protocol):
    def __call__(self, page_id: int, limit: int) -> list[int]:
        """Ids of up to ``limit`` examples like ``page_id``, best first; [] for no answer.

        Never raises for an unavailable backend: it answers [] instead.
        """


_registered: list[SimilarExamples] = []


def register(finder: SimilarExamples) -> None:
    """Make ``finder`` the source of similar examples (the last one registered counts)."""
    _registered[:] = [finder]


def similar_ids(page_id: int, limit: int) -> list[int]:
    return _registered[0](page_id, limit) if _registered else []
