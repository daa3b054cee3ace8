"""``/healthz`` and ``/readyz``: what a load balancer and monitoring ask a server.

``/healthz`` answers while the process can answer at all (liveness: restart it otherwise).
``/readyz`` says whether this server can serve the site: the database answers a trivial query,
the cache stores and returns a random value, and every check an app registers answers (the
search app registers its backend's: Elasticsearch's ``info`` when ``ELASTICSEARCH_URL`` is set,
else the database index table), each with a short timeout. Apps register their checks
(``register``) so that ``website`` needs no import of the apps built on it. The JSON names each check and, for a failure, only the error's class: never a message,
which could carry a host, a user or a password. 503 when any check fails.

``HealthCheckMiddleware``, the first middleware, answers both before anything else runs: no
session, cookie, page cache, rate limit, site lookup (so ``/healthz`` needs no database), HTTPS
redirect or ``ALLOWED_HOSTS`` check, since a load balancer probes each server by its address over
plain HTTP. Nothing in the answers depends on the host. The URL patterns route to the same views
where the middleware is not installed.
"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


class CacheUnavailable(Exception):
    """The cache did not return what was just stored (django-redis hides the error itself)."""


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise CacheUnavailable
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def register(name: str, check) -> None:
    """Add ``check()`` (raises when its service is not ready) to ``/readyz`` as ``name``."""
    CHECKS[name] = check


def _run(check) -> dict:
    try:
        check()
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"; only its class is shown
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    checks = {name: _run(check) for name, check in CHECKS.items()}
    ready = all(result["ok"] for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


class HealthCheckMiddleware:
    """Answers ``/healthz`` and ``/readyz`` first, whatever the host and scheme."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        return view(request) if view else self.get_response(request)
