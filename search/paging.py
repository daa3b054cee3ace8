"""Paging within the result window: no backend is asked for a hit past the first 10 000.

Elasticsearch refuses (400) any request whose ``from + size`` passes the index's
``max_result_window``; rather than let a deep page fail there and fall back to the database,
every backend, the search page and the API stop at the same window: the pages beyond it are
answered with a Swedish 400 saying why (``beyond_window``, ``deep_page_message``), and the
page links never lead there (``WindowPaginator``). A search with more hits than that needs
more words or filters, which a visitor can always add.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_RESULT_WINDOW = 10_000


def last_page(per_page: int) -> int:
    """The last page whose hits all lie within the window."""
    return max(1, MAX_RESULT_WINDOW // per_page)


def beyond_window(page: int, per_page: int) -> bool:
    return page > last_page(per_page)


def deep_page_message(per_page: int) -> str:
    limit = f"{MAX_RESULT_WINDOW:,}".replace(",", "\N{NO-BREAK SPACE}")
    return (
        f"Sökningen visar högst de första {limit} träffarna, det vill säga sida 1–"
        f"{last_page(per_page)} med {per_page} träffar per sida. Lägg till fler sökord eller "
        "filter för att hitta det du söker."
    )


class WindowPaginator(Paginator):
    """A paginator counting every hit but offering no page beyond the result window."""

    @cached_property
    def num_pages(self):
        return min(super().num_pages, last_page(self.per_page))
