"""``/healthz`` and ``/readyz`` as a load balancer and monitoring see them."""

from django.db import OperationalError

import pytest

from search.backends.elasticsearch import default_client
from website import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_with_no_cookie_and_never_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert response.headers.get("X-Cache") != "HIT"
        assert "no-store" in response["Cache-Control"]
        assert not response.cookies


def test_readyz_names_every_check(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"ok": True}, "cache": {"ok": True}, "search": {"ok": True}},
    }
    assert client.get("/readyz").headers.get("X-Cache") != "HIT"
    assert not response.cookies


def test_readyz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://:hemligt@127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] == {"ok": False, "error": "CacheUnavailable"}
    assert checks["database"] == {"ok": True}
    assert b"hemligt" not in response.content


class DownDatabase:
    """A connection whose server does not answer."""

    def cursor(self):
        raise OperationalError('connection to "db" failed: password=hemligt')


def test_readyz_is_503_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(health, "connection", DownDatabase())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert b"hemligt" not in response.content


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    default_client.cache_clear()
    yield
    default_client.cache_clear()


def test_readyz_is_503_when_elasticsearch_does_not_answer(client, unreachable_elasticsearch):
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["search"] == {"ok": False, "error": "ConnectionError"}
    assert checks["database"] == checks["cache"] == {"ok": True}


def test_a_probe_by_address_over_plain_http_is_answered(client, settings):
    """A load balancer probes each server by its IP address, without HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.0.5").status_code == 400
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.5").status_code == 200


def test_healthz_needs_no_database(client, monkeypatch):
    """Liveness: a server whose database is down is alive (and not ready)."""
    from website import sites

    def no_database():
        raise OperationalError("the database is down")

    monkeypatch.setattr(sites, "_load_sites", no_database)
    monkeypatch.setattr(health, "connection", DownDatabase())
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503
