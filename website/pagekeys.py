"""Which query parameters a cached page depends on: those its view read, and no others.

The page cache (``website.pagecache``) once keyed a page by its whole query string, so anyone
could make every page render again by adding ``?r=123`` (any new value, any unused name). Now
the view's ``request.GET`` is a ``ReadTrackingQueryDict`` while a page renders: it notes each
parameter the view reads, whether or not the request has it (a listing reads ``sida`` and its
filters, a content page nothing). A view that lists every parameter (iterating, ``urlencode``,
``dict``) counts as reading all of them, and its pages keep the whole query string in the key.

The names read are remembered per host and path for the generation, in the cache and in the
process (``known``/``remember``); the key holds those names with the request's values, sorted
by name, so ``?sida=2&r=1`` and ``?sida=2`` are one entry, and ``?lan=x&sida=2`` equals
``?sida=2&lan=x``. Why that is safe: a page is stored under a key whose names include every
parameter its render read, so a request that matches the key has the same value (or absence) of
each, and the same view renders the same page for it. A request whose record is older (fewer
names) computes another key and misses, it never gets another query's page.

A view whose parsing library lists every parameter (django-ninja) names what it uses itself:
``declare_reads(request, names)``.
"""

import hashlib
import threading
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import QueryDict

ALL = "*"
RECORD_PREFIX = "pagecache:reads"
MEMO_LIMIT = 10_000

_memo: dict[tuple[str, str], tuple[str, tuple[str, ...] | str]] = {}
_memo_lock = threading.Lock()


class ReadTrackingQueryDict(QueryDict):
    """An immutable ``QueryDict`` that notes which parameters are read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_read: set[str] = set()
        self.read_all = False
        self.declared: tuple[str, ...] | None = None

    @classmethod
    def of(cls, query: QueryDict) -> "ReadTrackingQueryDict":
        tracked = cls(mutable=True, encoding=query.encoding)
        for name, values in query.lists():
            tracked.setlist(name, values)
        tracked._mutable = False
        tracked.names_read.clear()
        return tracked

    def reads(self) -> tuple[str, ...] | str:
        """The names the view depends on, sorted, or ``ALL``."""
        if self.declared is not None:
            return self.declared
        return ALL if self.read_all else tuple(sorted(self.names_read))

    # Reading one parameter.
    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def _getlist(self, key, default=None, force_list=False):
        self.names_read.add(key)
        return super()._getlist(key, default, force_list)

    # Reading all of them.
    def _all(self):
        self.read_all = True

    def __iter__(self):
        self._all()
        return super().__iter__()

    def __len__(self):
        self._all()
        return super().__len__()

    def keys(self):
        self._all()
        return super().keys()

    def values(self):
        self._all()
        return super().values()

    def items(self):
        self._all()
        return super().items()

    def lists(self):
        self._all()
        return super().lists()

    def dict(self):
        self._all()
        return super().dict()

    def urlencode(self, safe=None):
        self._all()
        return super().urlencode(safe)

    def copy(self):
        self._all()
        return super().copy()

    def __copy__(self):
        self._all()
        return super().__copy__()

    def __deepcopy__(self, memo):
        self._all()
        return super().__deepcopy__(memo)

    def __repr__(self):
        self._all()
        return super().__repr__()


def track(request) -> ReadTrackingQueryDict:
    """Give the view a ``request.GET`` that notes what it reads.

    The full path (``get_full_path``, and ``build_absolute_uri()`` through it) holds the whole
    query string: a view that writes it into its page depends on every parameter.
    """
    tracked = ReadTrackingQueryDict.of(request.GET)
    request.GET = tracked
    full_path = request.get_full_path

    def get_full_path(force_append_slash=False):
        tracked._all()
        return full_path(force_append_slash)

    request.get_full_path = get_full_path
    return tracked


def declare_reads(request, names) -> None:
    """For views whose library reads every parameter: the names the answer depends on."""
    query = getattr(request, "GET", None)
    if isinstance(query, ReadTrackingQueryDict):
        query.declared = tuple(sorted(set(names)))


def _place(request) -> tuple[str, str]:
    return request.get_host(), request.path


def _record_key(current: str, place: tuple[str, str]) -> str:
    digest = hashlib.sha256("|".join(place).encode()).hexdigest()
    return f"{RECORD_PREFIX}:{current}:{digest}"


def known(request, current: str) -> tuple[str, ...] | str | None:
    """The names this path's pages were found to read in this generation, or None if not yet."""
    place = _place(request)
    memo = _memo.get(place)
    if memo is not None and memo[0] == current:
        return memo[1]
    names = cache.get(_record_key(current, place))
    if names is not None:
        _memorise(place, current, names)
    return names


def remember(request, current, tracked, before, timeout) -> tuple[str, ...] | str:
    """Add what this render read to the path's record; the names to key its page by."""
    read = tracked.reads()
    names = ALL if ALL in (read, before) else tuple(sorted(set(read) | set(before or ())))
    if names != before:
        cache.set(_record_key(current, _place(request)), names, timeout=timeout)
    _memorise(_place(request), current, names)
    return names


def _memorise(place, current, names) -> None:
    with _memo_lock:
        if len(_memo) >= MEMO_LIMIT:
            _memo.clear()
        _memo[place] = (current, names)


def query_part(request, names) -> str:
    """The part of the query string a page keyed by ``names`` depends on."""
    if names == ALL:
        return f"*|{request.META.get('QUERY_STRING', '')}"
    query = request.GET
    pairs = [(name, value) for name in names for value in query.getlist(name)]
    return f"{','.join(names)}|{urlencode(pairs)}"
