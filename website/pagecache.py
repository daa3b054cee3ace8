"""The page cache for anonymous visitors, and the site-wide generation number that purges it.

Every public page looks the same to every anonymous visitor until an editor changes something,
so a rendered page is kept in the default cache (Redis where ``REDIS_URL`` is set, shared by
every gunicorn worker) for ``PAGE_CACHE_SECONDS``. Rather than finding every URL a change
touches (a published example shows on the listing, its county and goal pages, the start page,
the feeds …), each key carries a *generation*: any change a visitor could see bumps it, and
every cached page is stale at once. The bump runs when the change happens and again after the
commit, so a request racing the transaction cannot keep the old page alive.

``shared()`` uses the same generation for what every request computes alike (navigation,
taxonomy labels, view restrictions): kept in the process, recomputed after the next change.

What is never cached: anything but an anonymous GET or HEAD answered 200; responses that set
a cookie, used a CSRF token (pages with a POST form), or say ``private``/``no-store``; the
admin, accounts, sharing, documents, and the search (rate-limited per visitor: a cached hit
would skip the limit). A Redis outage is a miss: pages are rendered as without the cache.
"""

import functools
import hashlib
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

from website import pagekeys

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page"
HEADER = "X-Cache"
EXCLUDED_PREFIXES = (
    "/admin/",
    "/konto/",
    "/dela/",
    "/mina-exempel/",
    "/dokument/",
    "/sok/",
)
# Django's cookie message storage: a visitor with a message waiting gets a fresh page.
MESSAGES_COOKIE = "messages"
# Headers a cached answer may carry; cookies and per-visitor headers never do.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Cache-Control",
    "Expires",
    "Last-Modified",
    "ETag",
    "Link",
    "Vary",
)
# Saves that change nothing a visitor sees: a page's draft (save_revision, locking), a login,
# and the size and hash Wagtail stores on an image the first time it renders it.
UNSEEN_FIELDS = frozenset(
    {
        "last_login",
        "file_size",
        "file_hash",
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)

_local = threading.local()
_memo: dict = {}
_memo_lock = threading.Lock()


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


# The generation --------------------------------------------------------------------------


def generation() -> str | None:
    """The current generation, or None when the cache cannot be reached (nothing is cached)."""
    value = getattr(_local, "generation", None)
    if value is not None:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        value = cache.get(GENERATION_KEY)
    if getattr(_local, "in_request", False):
        # One read per request, however many shared() values the page asks for; the
        # middleware forgets it when the response is done.
        _local.generation = value
    return value


def bump() -> None:
    """Start a new generation: every cached page and shared value is stale from now on."""
    value = uuid.uuid4().hex
    cache.set(GENERATION_KEY, value, timeout=None)
    if getattr(_local, "generation", None) is not None:
        _local.generation = value


def purge() -> None:
    """Purge now and again once the current transaction has committed."""
    bump()
    transaction.on_commit(bump)


def shared(name: str, compute):
    """``compute()``, kept in this process until the generation changes."""
    current = generation()
    if current is None:
        return compute()
    key = (name, current)
    try:
        return _memo[key]
    except KeyError:
        pass
    value = compute()
    with _memo_lock:
        for stale in [k for k in _memo if k[1] != current]:
            _memo.pop(stale, None)
        _memo[key] = value
    return value


# What purges it ----------------------------------------------------------------------------


@functools.cache
def _watched_models():
    from django.contrib.auth import get_user_model

    from taggit.models import Tag
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    from examples.models.taxonomy import CountyDialogue
    from members.models import MemberProfile

    return (
        Page,
        PageViewRestriction,
        Site,
        Tag,
        AbstractImage,
        AbstractDocument,
        BaseSiteSetting,
        BaseGenericSetting,
        CountyDialogue,
        MemberProfile,
        get_user_model(),
        *get_snippet_models(),
    )


def _on_save(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, _watched_models()):
        return
    if update_fields and set(update_fields) <= UNSEEN_FIELDS:
        return
    purge()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, _watched_models()):
        purge()


def _on_page_signal(sender, **kwargs):
    purge()


def connect() -> None:
    """Purge on every change a visitor can see (called from ``WebsiteConfig.ready``)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_save, dispatch_uid="pagecache_save")
    post_delete.connect(_on_delete, dispatch_uid="pagecache_delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"pagecache_{id(signal)}")


# The middleware ----------------------------------------------------------------------------


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return MESSAGES_COOKIE not in request.COOKIES


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    control = response.headers.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "_queued_messages", None)


def cache_key(request, current: str, names) -> str:
    """Host, path and the parameters the page reads (``website.pagekeys``), never the others."""
    query = pagekeys.query_part(request, names)
    digest = hashlib.sha256(f"{request.get_host()}|{request.path}|{query}".encode()).hexdigest()
    return f"{KEY_PREFIX}:{current}:{digest}"


class PageCacheMiddleware:
    """Answers anonymous visitors from the cache; place it after the authentication middleware.

    Everything outside it (security headers, sessions, CSRF) still runs on a cached answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.generation = None
        _local.in_request = True
        try:
            return self._respond(request)
        finally:
            _local.generation = None
            _local.in_request = False

    def _respond(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        current = generation()
        if current is None:  # the cache is down: a miss, and nothing to store
            return self.get_response(request)
        _local.generation = current
        names = pagekeys.known(request, current)
        if names is not None:
            stored = cache.get(cache_key(request, current, names))
            if stored is not None:
                return self._from_cache(stored)
        tracked = pagekeys.track(request)
        response = self.get_response(request)
        if _cacheable_response(request, response) and generation() == current:
            names = pagekeys.remember(request, current, tracked, names, seconds)
            cache.set(cache_key(request, current, names), self._to_cache(response), seconds)
        response.headers[HEADER] = "MISS"
        return response

    @staticmethod
    def _to_cache(response) -> dict:
        return {
            "status": response.status_code,
            "content": response.content,
            "headers": [(h, response.headers[h]) for h in STORED_HEADERS if h in response.headers],
        }

    @staticmethod
    def _from_cache(stored: dict) -> HttpResponse:
        response = HttpResponse(stored["content"], status=stored["status"])
        for header, value in stored["headers"]:
            response.headers[header] = value
        response.headers[HEADER] = "HIT"
        return response
