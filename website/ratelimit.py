"""Rate limits of our own views (every search, the admin's login address), in the cache.

allauth limits its own forms (login, code login, signup, password reset); this covers the rest
with the same notation (``"300/m/ip"``, see ``RATE_LIMITS`` in the settings) and the same client
address (``allauth``'s, which honours ``ALLAUTH_TRUSTED_PROXY_COUNT``). The count lives in the
default cache: Redis in production, so every gunicorn worker shares it.

Every way to run a search (the page, the suggestions, the API's list, the search feed, the CSV
export) spends one budget per client, ``RATE_LIMITS["search"]``, each at its own price
(``SEARCH_COSTS``): asking the same question at another address does not escape the limit, and
an export, which reads thousands of rows, costs as much as many searches. An entry point may
have a limit of its own besides (``RATE_LIMITS["search_export"]``).

Each limit is a fixed window counted with ``cache.add`` + ``cache.incr``, atomic on Redis and on
the local-memory cache alike and without a lock. So the visitor can be told exactly when the
window ends (``Retry-After``), and a cache that does not answer (django-redis ignores Redis
outages) lets requests through instead of locking everybody out.
"""

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from allauth.core.internal.ratelimit import get_ip, parse_rates

CACHE_PREFIX = "website-rl"


def rates_for(action: str):
    return parse_rates(getattr(settings, "RATE_LIMITS", {}).get(action))


def hit(request, action: str, cost: int = 1) -> int | None:
    """Count a request of ``cost`` units for ``action``; ``None`` if allowed, else seconds until it is."""
    now = time.time()
    try:
        client = get_ip(request)
    except PermissionDenied:  # no address allauth can trust (no REMOTE_ADDR, a short chain)
        client = "unknown"
    wait = None
    for rate in rates_for(action):
        if rate.per != "ip":
            raise ValueError(f"{action}: only per-ip limits are supported, not {rate}")
        window = int(now // rate.duration)
        key = f"{CACHE_PREFIX}:{action}:{rate}:{client}:{window}"
        timeout = math.ceil(rate.duration) + 1
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key, cost)
        except ValueError:  # expired between add and incr: this is the window's first hit
            cache.add(key, cost, timeout=timeout)
            count = cost
        if count is not None and count > rate.amount:
            until = (window + 1) * rate.duration - now
            wait = max(wait or 0, math.ceil(until))
    return wait


def retry_after_minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def too_many_requests(request, retry_after: int = 60, context: dict | None = None):
    """The Swedish 429 page, with ``Retry-After``."""
    page_context = {
        "retry_after": retry_after,
        "retry_after_minutes": retry_after_minutes(retry_after),
    }
    page_context.update(context or {})
    response = render(request, "429.html", page_context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _message() -> str:
    return _("För många förfrågningar på kort tid. Vänta en stund och försök igen.")


def too_many_requests_json(request, retry_after: int = 60, data: dict | None = None, key="error"):
    response = JsonResponse({**(data or {}), key: _message()}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def too_many_requests_text(request, retry_after: int = 60):
    """A plain Swedish sentence, for clients that read no HTML (feed readers)."""
    response = HttpResponse(_message() + "\n", status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response


def handler429(request, exception=None):
    """allauth's limits (``ROOT_URLCONF.handler429``): the same page, without a known wait."""
    return too_many_requests(request)


def search_limited(request, retry_after: int):
    """The 429 page for the search: says what happened and keeps the visitor's query."""
    return too_many_requests(
        request,
        retry_after,
        {"search_query": request.GET.get("q", "")[:200], "retry_url": request.get_full_path()},
    )


def suggest_limited(request, retry_after: int):
    """Autocomplete answers JSON; the script then simply shows no suggestions."""
    return too_many_requests_json(
        request, retry_after, {"query": request.GET.get("q", "")[:100], "results": []}
    )


def api_limited(request, retry_after: int):
    """The JSON API's own error shape (``{"detail": …}``, as its other errors)."""
    return too_many_requests_json(request, retry_after, key="detail")


def charge_search(request, entry: str) -> int | None:
    """Charge one ``entry`` (a key of ``SEARCH_COSTS``) to the client's search budget.

    ``None`` if allowed, else seconds until it is. The entry's own limit, if any
    (``RATE_LIMITS["search_<entry>"]``), is checked first: a request it refuses spends nothing
    of the shared budget.
    """
    own = f"search_{entry}"
    if own in getattr(settings, "RATE_LIMITS", {}):
        wait = hit(request, own)
        if wait is not None:
            return wait
    return hit(request, "search", settings.SEARCH_COSTS[entry])


def search_budget(entry: str, respond=None):
    """Decorate a view that runs a search: it spends ``SEARCH_COSTS[entry]`` of the budget."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = charge_search(request, entry)
            if wait is not None:
                return (respond or too_many_requests)(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def rate_limited(action: str, respond=None):
    """Decorate a view with the limit ``RATE_LIMITS[action]``.

    ``respond(request, retry_after)`` builds the 429 answer (default: the 429 page).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = hit(request, action)
            if wait is not None:
                return (respond or too_many_requests)(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
