"""Rate limits on every way to search (one budget) and on the admin's login, in the cache.

Each test sets a small limit of its own (``RATE_LIMITS``, ``SEARCH_COSTS``) so the limit is
reached in a few requests; one test checks that the site's own limits stay generous for people
who browse facets.
allauth's limits on login, code login, signup and password reset are tested in
``tests/members/test_accounts.py``.
"""

import pytest

from website.ratelimit import hit

pytestmark = pytest.mark.django_db

SMALL = {"search": "3/m/ip", "admin_login": "3/m/ip"}
# Every search one unit: three of anything, then 429.
UNIT_COSTS = {"search": 1, "suggest": 1, "api": 1, "feed": 1, "export": 1}


@pytest.fixture
def small_limits(settings):
    settings.RATE_LIMITS = SMALL
    settings.SEARCH_COSTS = UNIT_COSTS


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def assert_limited_with_headers(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    csp = directives(response)
    assert "script-src" in csp
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_search_is_limited_and_keeps_the_query(demo, client, small_limits):
    url = "/sok/?q=trygghet+i+skolan&lan=jamtlands-lan"
    for _request in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert_limited_with_headers(response)
    assert directives(response)["script-src"] == ["'self'"]
    html = response.content.decode()
    assert "För många sökningar på kort tid" in html
    assert "Sökningen gjordes inte" in html
    assert 'value="trygghet i skolan"' in html, "the query is in the search box again"
    assert 'href="/sok/?q=trygghet+i+skolan&amp;lan=jamtlands-lan"' in html, "and in a retry link"
    assert 'class="site-header"' in html, "in the site's own layout"


def test_the_limit_is_per_client_address(demo, client, small_limits):
    for _request in range(4):
        client.get("/sok/?q=barn", REMOTE_ADDR="192.0.2.10")
    assert client.get("/sok/?q=barn", REMOTE_ADDR="192.0.2.10").status_code == 429
    assert client.get("/sok/?q=barn", REMOTE_ADDR="192.0.2.20").status_code == 200


def test_behind_a_trusted_proxy_the_visitors_address_counts(demo, client, settings, small_limits):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _request in range(3):
        client.get("/sok/", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert client.get("/sok/", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429
    other = client.get("/sok/", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert other.status_code == 200, "another visitor behind the same proxy is not blocked"


def test_autocomplete_is_limited_with_a_json_answer(demo, client, small_limits):
    for _request in range(3):
        assert client.get("/sok/forslag/?q=barn").status_code == 200
    response = client.get("/sok/forslag/?q=barn")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    data = response.json()
    assert data["results"] == []
    assert data["query"] == "barn"
    assert "För många förfrågningar" in data["error"]
    assert "public" not in response.get("Cache-Control", ""), "a 429 is never cached"


def test_admin_login_address_is_limited(client, small_limits):
    for _request in range(3):
        assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert_limited_with_headers(response)
    assert "För många försök" in response.content.decode()


def test_the_admin_login_form_is_limited_by_allauth(client, demo):
    """A login POST for the admin reaches allauth's form, which counts failed attempts."""
    url = "/konto/login/?next=/admin/"
    for _attempt in range(5):
        client.post(url, {"login": "redaktor@example.se", "password": "fel"})
    response = client.post(url, {"login": "redaktor@example.se", "password": "fel"})
    assert "För många misslyckade försök" in response.content.decode()


def test_retry_after_counts_down_to_the_end_of_the_window(rf, settings, monkeypatch):
    settings.RATE_LIMITS = {"search": "2/m/ip"}
    clock = [60 * 16_667 + 20.0]  # 20 s into a one-minute window
    monkeypatch.setattr("website.ratelimit.time.time", lambda: clock[0])
    request = rf.get("/sok/")
    assert hit(request, "search") is None
    assert hit(request, "search") is None
    assert hit(request, "search") == 40
    clock[0] += 60
    assert hit(request, "search") is None, "a new window starts afresh"


def test_search_limits_are_generous_for_browsing(settings):
    """A visitor clicking a facet a second for a minute, from a shared office address, passes."""
    from allauth.core.internal.ratelimit import parse_rates

    budget = parse_rates(settings.RATE_LIMITS["search"])
    costs = settings.SEARCH_COSTS
    per_minute = [r for r in budget if r.duration == 60]
    assert per_minute and per_minute[0].amount / costs["search"] >= 120
    assert per_minute[0].amount / 60 / costs["suggest"] >= 5, "a suggestion per keystroke"
    assert all(r.amount / costs["export"] >= 1 for r in budget), "an export fits the budget"


@pytest.fixture
def real_redis(settings):
    """The machine's Redis (127.0.0.1:6379 or REDIS_URL), under a key prefix of this test's own."""
    import os
    import socket
    import uuid

    from django.core.cache import cache

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis must answer at 127.0.0.1:6379 under CI")
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"goda-exempel-test-ratelimit-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield cache
    cache.delete_many(cache.keys("*"))


def test_the_search_limit_is_counted_in_redis(demo, client, real_redis, small_limits):
    for _request in range(3):
        assert client.get("/sok/?q=barn").status_code == 200
    assert client.get("/sok/?q=barn").status_code == 429
    keys = real_redis.keys("website-rl:search:*")
    assert len(keys) == 1, keys
    assert real_redis.get(keys[0]) == 4
    assert 0 < real_redis.ttl(keys[0]) <= 61, "the window's count expires with it"


def test_a_redis_outage_never_locks_visitors_out(demo, client, settings, small_limits):
    """django-redis treats an unreachable Redis as a miss; the limit then lets requests by."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    for _request in range(5):
        assert client.get("/sok/?q=barn").status_code == 200


ENTRY_POINTS = {
    "/sok/?q=barn": "text/html",
    "/sok/forslag/?q=barn": "application/json",
    "/api/v1/exempel/?q=barn": "application/json",
    "/flode/sok/?q=barn": "text/plain",
    "/sok/export.csv?q=barn": "text/html",
}


@pytest.mark.parametrize("spent_at", list(ENTRY_POINTS))
def test_every_way_to_search_spends_one_budget(demo, client, settings, spent_at):
    """The budget spent at one address is gone at every other: none escapes the limit."""
    settings.RATE_LIMITS = {"search": "6/m/ip"}
    settings.SEARCH_COSTS = {"search": 2, "suggest": 1, "api": 2, "feed": 2, "export": 6}
    costs = {"/sok/?": 2, "/sok/forslag/": 1, "/api/": 2, "/flode/": 2, "/sok/export": 6}
    cost = next(c for prefix, c in costs.items() if spent_at.startswith(prefix))
    for _request in range(6 // cost):
        assert client.get(spent_at).status_code == 200
    for number, (url, content_type) in enumerate(ENTRY_POINTS.items()):
        response = client.get(url)
        assert response.status_code == 429, url
        assert response["Content-Type"].startswith(content_type), url
        assert 1 <= int(response["Retry-After"]) <= 60, url
        assert "public" not in response.get("Cache-Control", ""), url
        other = client.get(url, REMOTE_ADDR=f"192.0.2.{100 + number}")
        assert other.status_code == 200, "another client still searches"


def test_the_api_and_feed_answer_in_swedish_without_html(demo, client, settings):
    settings.RATE_LIMITS = {"search": "1/m/ip"}
    settings.SEARCH_COSTS = UNIT_COSTS
    client.get("/sok/?q=barn")
    api = client.get("/api/v1/exempel/?q=barn")
    assert api.json() == {
        "detail": "För många förfrågningar på kort tid. Vänta en stund och försök igen."
    }
    feed = client.get("/flode/sok/?q=barn")
    assert feed.content.decode() == (
        "För många förfrågningar på kort tid. Vänta en stund och försök igen.\n"
    )
    export = client.get("/sok/export.csv?q=barn&lan=jamtlands-lan")
    html = export.content.decode()
    assert "För många sökningar på kort tid" in html
    assert 'href="/sok/?q=barn&amp;lan=jamtlands-lan"' in html, "retry the search, not the file"
    docs = client.get("/api/").content.decode()
    assert "delar en gemensam gräns per klient" in docs, "the API's page says so"
    assert "status 429 med rubriken <code>Retry-After</code>" in docs


def test_exports_have_a_small_limit_of_their_own(demo, client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_export": "2/h/ip"}
    for _request in range(2):
        assert client.get("/sok/export.csv").status_code == 200
    refused = client.get("/sok/export.csv")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert client.get("/sok/?q=barn").status_code == 200, "the search itself goes on"


def test_an_export_costs_many_searches(settings):
    costs = settings.SEARCH_COSTS
    assert costs["export"] >= 20 * costs["search"]
    assert set(costs) == {"search", "suggest", "api", "feed", "export"}


@pytest.mark.parametrize("url", list(ENTRY_POINTS))
def test_a_redis_outage_lets_every_search_through(demo, client, settings, small_limits, url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    for _request in range(5):
        assert client.get(url).status_code == 200
