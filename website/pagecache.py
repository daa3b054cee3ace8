"""The page cache for anonymous visitors, and the site-wide generation number that purges it.

Every public page looks the same to every anonymous visitor until an editor changes something,
so a rendered page is kept in the default cache (Redis where ``REDIS_URL`` is set, shared by
every gunicorn worker) for ``PAGE_CACHE_SECONDS``. Rather than finding every URL a change
touches (a published example shows on the listing, its county and goal pages, the start page,
the feeds …), each key carries a *generation*: any change a visitor could see bumps it, and
every cached page is stale at once. The bump runs when the change happens and again after the
commit, so a request racing the transaction cannot keep the old page alive.

``shared()`` uses the same generation for what every request computes alike (navigation,
taxonomy labels, view restrictions): kept in the process, recomputed after the next change, and
at the latest after ``PAGE_CACHE_MEMO_SECONDS`` (the restricted sections after
``PAGE_CACHE_RESTRICTIONS_SECONDS``).

A purge during a Redis outage fails silently (django-redis ``IGNORE_EXCEPTIONS``), which would
leave the old generation in Redis once it answers again: cached pages, and every process's
memo, of before the change, a newly restricted page among them. So ``bump()`` reads its write
back; when it did not land the process logs it and retries at the start of each request until
it does (serving nothing from the cache meanwhile), and the memo expires by itself in the other
processes.

What is never cached: anything but an anonymous GET or HEAD answered 200; responses that set
a cookie, used a CSRF token (pages with a POST form), or say ``private``/``no-store``; the
admin, accounts, sharing, documents, media files, and the search (rate-limited per visitor: a
cached hit would skip the limit). A Redis outage is a miss: pages are rendered as without the
cache.
"""

import functools
import hashlib
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

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
    "/media/",
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

# How long a process keeps a shared() value even when no purge reaches it (a purge lost in a
# Redis outage); the restricted sections, which decide what anonymous visitors may read, less.
# Settings of the same names override them (the test settings, so that query counts do not
# depend on the clock).
MEMO_SECONDS = 30
RESTRICTIONS_SECONDS = 5

logger = logging.getLogger(__name__)
_local = threading.local()
_memo: dict = {}
_memo_lock = threading.Lock()
# Set when a purge did not reach the cache; cleared by the next bump() that does.
_purge_pending = threading.Event()


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


# The generation --------------------------------------------------------------------------


def generation() -> str | None:
    """The current generation, or None when the cache cannot be reached (nothing is cached)."""
    value = getattr(_local, "generation", None)
    if value is not None:
        return value
    if _purge_pending.is_set() and not bump():
        return None  # the old generation is still there: neither cache nor memo may serve it
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        value = cache.get(GENERATION_KEY)
    if getattr(_local, "in_request", False):
        # One read per request, however many shared() values the page asks for; the
        # middleware forgets it when the response is done.
        _local.generation = value
    return value


def bump() -> bool:
    """Start a new generation: every cached page and shared value is stale from now on.

    False when the cache did not take it (Redis down): the purge is then retried by this
    process's next request (``generation()``), and nothing is served from the cache until then.
    """
    value = uuid.uuid4().hex
    cache.set(GENERATION_KEY, value, timeout=None)
    # Read back: django-redis swallows the error of a failed write. Another process's bump in
    # between also reads as a failure, which only costs one more purge.
    if cache.get(GENERATION_KEY) != value:
        if not _purge_pending.is_set():
            logger.error("The page cache could not be purged (cache unreachable); retrying.")
        _purge_pending.set()
        _local.generation = None
        return False
    _purge_pending.clear()
    if getattr(_local, "generation", None) is not None:
        _local.generation = value
    return True


def purge() -> None:
    """Purge now and again once the current transaction has committed."""
    bump()
    transaction.on_commit(bump)


def memo_seconds(restrictions: bool = False) -> float:
    if restrictions:
        return getattr(settings, "PAGE_CACHE_RESTRICTIONS_SECONDS", RESTRICTIONS_SECONDS)
    return getattr(settings, "PAGE_CACHE_MEMO_SECONDS", MEMO_SECONDS)


def shared(name: str, compute, seconds: float | None = None):
    """``compute()``, kept in this process until the generation changes or ``seconds`` pass."""
    seconds = memo_seconds() if seconds is None else seconds
    current = generation()
    if current is None:
        return compute()
    key = (name, current)
    now = time.monotonic()
    kept = _memo.get(key)
    if kept is not None and kept[1] > now:
        return kept[0]
    value = compute()
    with _memo_lock:
        for stale in [k for k in _memo if k[1] != current]:
            _memo.pop(stale, None)
        _memo[key] = (value, now + seconds)
    return value


# What purges it ----------------------------------------------------------------------------


@functools.cache
def _watched_models():
    from taggit.models import Tag
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    from examples.models.taxonomy import CountyDialogue

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
        *get_snippet_models(),
    )


def _on_save(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, _watched_models()):
        return
    if update_fields and set(update_fields) <= UNSEEN_FIELDS:
        return
    if _private_upload(instance):
        return
    purge()


def _private_upload(instance) -> bool:
    """A member's upload that no public page shows: a draft's new file changes no page."""
    from members.sharing.access import is_private_upload

    return is_private_upload(instance)


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, _watched_models()):
        purge()


def _on_page_signal(sender, **kwargs):
    purge()


# Members: what a visitor sees of one is a single fact, whether the owner of a published example
# that names a contact person consents to showing it (``ExamplePage.contact_visible``). The
# account (name, address, password, logins) and the rest of the profile show nowhere, so a
# signup, a login or a profile save purge nothing: otherwise every anonymous signup would empty
# the whole cache. The contact person's name, role and e-mail are the page's own fields, purged
# with the page.


def _shows_contact_of(user_id) -> bool:
    """Whether a published example of this member names a contact person."""
    from examples.models import ExamplePage

    named = ~Q(contact_name="") | ~Q(contact_email="")
    return ExamplePage.objects.live().filter(named, owner_id=user_id).exists()


def _consents(profile_id) -> bool:
    """Whether the stored profile consents (a profile not yet saved does not)."""
    from members.models import MemberProfile

    if profile_id is None:
        return False
    return MemberProfile.objects.filter(pk=profile_id, contact_consent_at__isnull=False).exists()


def _before_profile_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and "contact_consent_at" not in update_fields):
        instance._pagecache_consented = None  # the consent is not being written
    else:
        instance._pagecache_consented = _consents(instance.pk)


def _on_profile_save(sender, instance, **kwargs):
    before = instance.__dict__.pop("_pagecache_consented", None)
    if before is None:
        return
    now = instance.contact_consent_at is not None
    if now != before and _shows_contact_of(instance.user_id):
        purge()


def _before_profile_delete(sender, instance, **kwargs):
    # Before the delete: a deleted member's examples lose their owner in the same delete.
    if instance.contact_consent_at is not None and _shows_contact_of(instance.user_id):
        purge()


def connect() -> None:
    """Purge on every change a visitor can see (called from ``WebsiteConfig.ready``)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from members.models import MemberProfile

    post_save.connect(_on_save, dispatch_uid="pagecache_save")
    post_delete.connect(_on_delete, dispatch_uid="pagecache_delete")
    pre_save.connect(_before_profile_save, sender=MemberProfile, dispatch_uid="pagecache_pp")
    post_save.connect(_on_profile_save, sender=MemberProfile, dispatch_uid="pagecache_profile")
    pre_delete.connect(
        _before_profile_delete, sender=MemberProfile, dispatch_uid="pagecache_profile_delete"
    )
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
                return self._from_cache(request, stored)
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
    def _from_cache(request, stored: dict) -> HttpResponse:
        """The stored page, or 304 when it carries validators the visitor already holds
        (the feeds' ETag and Last-Modified), as the view itself would have answered."""
        response = HttpResponse(stored["content"], status=stored["status"])
        for header, value in stored["headers"]:
            response.headers[header] = value
        last_modified = response.get("Last-Modified")
        if response.has_header("ETag") or last_modified:
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=last_modified and parse_http_date_safe(last_modified),
                response=response,
            )
        response.headers[HEADER] = "HIT"
        return response
