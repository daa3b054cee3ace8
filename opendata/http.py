"""HTTP for the open data's consumers: CORS for reading, and conditional requests on the API.

**CORS.** Another site's scripts may read the API, the feeds, the calendar files and the
exports (``PREFIXES``): every answer there carries ``Access-Control-Allow-Origin: *`` and exposes
the headers a consumer needs (``ETag``, ``Last-Modified``, ``Retry-After``, ``Link``,
``Content-Disposition``); a preflight (``OPTIONS`` with ``Access-Control-Request-Method``) for
``GET`` or ``HEAD`` is answered 204 here, before any view. Never credentials: ``*`` makes a
browser send no cookies, so a member's session cannot be read through it, and nothing there
depends on one. Other methods are not allowed (the data is read-only).

**Conditional requests.** Every 200 from ``/api/v1/`` carries an ``ETag`` derived from its body
(a SHA-256 of the bytes, so every worker and server gives the same one for the same answer) and a
``Last-Modified``: the moment the page cache's generation began (``website.pagecache``), which
every change a visitor can see renews, kept in the shared cache so that all workers agree.
``If-None-Match``/``If-Modified-Since`` that still hold are answered 304 (Django's
``get_conditional_response``). A ``HEAD`` there is answered as the ``GET`` without its body
(ninja routes only the methods an operation declares). When the cache does not answer there is no ``Last-Modified``
(better none than one that claims nothing changed); the ``ETag`` is always there.

The middleware sits just outside the page cache (``website/settings/base.py``), so a cached
answer gets the same headers, and inside the security headers, so a 204 or 304 gets those.
"""

import hashlib
import time

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date, parse_http_date_safe

from website import pagecache

PREFIXES = ("/api/v1/", "/flode/", "/kalender/", "/sok/export.")
CONDITIONAL_PREFIXES = ("/api/v1/",)
READ_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Request headers a reading client may send besides the CORS-safelisted ones.
ALLOWED_HEADERS = ("if-none-match", "if-modified-since", "accept", "accept-language")
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, Link, Content-Disposition"
PREFLIGHT_MAX_AGE = 86_400
SINCE_KEY = "opendata:generation-since"


def _is_open_data(path: str) -> bool:
    if not path.startswith(PREFIXES):
        return False
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _preflight(request) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    asked = request.headers.get("Access-Control-Request-Method", "")
    if asked.upper() in READ_METHODS:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        wanted = request.headers.get("Access-Control-Request-Headers", "")
        headers = [h.strip().lower() for h in wanted.split(",") if h.strip()]
        allowed = [h for h in headers if h in ALLOWED_HEADERS]
        if allowed:
            response["Access-Control-Allow-Headers"] = ", ".join(allowed)
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def generation_since() -> float | None:
    """When the current page-cache generation began (seconds since the epoch), or None."""
    current = pagecache.generation()
    if current is None:
        return None
    key = f"{SINCE_KEY}:{current}"
    cache.add(key, int(time.time()), timeout=None)
    since = cache.get(key)
    return float(since) if since is not None else None


def _conditional(request, response):
    if response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        response["ETag"] = quote_etag(digest)
    if not response.has_header("Last-Modified"):
        since = generation_since()
        if since is not None:
            response["Last-Modified"] = http_date(since)
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=since_of(response),
        response=response,
    )


def since_of(response) -> int | None:
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_open_data(request.path):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return _preflight(request)
        head = request.method == "HEAD" and request.path.startswith(CONDITIONAL_PREFIXES)
        if head:  # ninja routes GET alone: a HEAD is the GET without its body
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
        if request.method in READ_METHODS:
            if request.path.startswith(CONDITIONAL_PREFIXES):
                response = _conditional(request, response)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if head and not response.streaming:
            response.content = b""
        return response
