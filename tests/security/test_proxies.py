"""Forwarded headers count only from the proxies in ``TRUSTED_PROXIES`` (website/proxies.py).

With the production settings a client that reaches gunicorn directly cannot claim HTTPS with
``X-Forwarded-Proto`` (it is sent to https:// like any plain request) nor a new address per
request with ``X-Forwarded-For`` (the rate limits count its own); the proxy can do both.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.production import load_production_settings, production_environment

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.5"
PROXY_NETWORK = "192.0.2.0/24"
OUTSIDER = "203.0.113.7"
NAMES = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "TRUSTED_PROXIES",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
    "MIDDLEWARE",
)


def load_production(**env):
    """Settings of website.settings.production, loaded as a deployment loads them."""
    return load_production_settings(NAMES, **env)


@pytest.fixture(scope="module")
def production():
    return load_production(
        TRUSTED_PROXIES=f"{PROXY}, {PROXY_NETWORK}", ALLAUTH_TRUSTED_PROXY_COUNT="1"
    )


@pytest.fixture
def as_production(settings, production):
    for name in NAMES:
        value = getattr(production, name)
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "admin_login": "3/m/ip"}


def test_production_reads_the_proxies_from_the_environment(production):
    assert production.TRUSTED_PROXIES == [PROXY, PROXY_NETWORK]
    assert production.MIDDLEWARE[0] == "website.proxies.TrustedProxyMiddleware"


def test_without_configuration_only_a_proxy_on_the_same_machine_is_trusted():
    assert load_production().TRUSTED_PROXIES == ["127.0.0.1", "::1"]


def test_a_client_not_at_the_proxy_cannot_claim_https(client, demo, as_production):
    response = client.get("/", REMOTE_ADDR=OUTSIDER, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("address", [PROXY, "192.0.2.77", f"::ffff:{PROXY}", ""])
def test_the_proxy_says_the_visitor_used_https(client, demo, as_production, address):
    """An address, one in a network, the same as IPv4-mapped IPv6, and a Unix socket (no
    address at all)."""
    response = client.get("/", REMOTE_ADDR=address, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=")


def test_a_client_not_at_the_proxy_cannot_dodge_rate_limits_with_forwarded_for(
    client, as_production
):
    answers = [
        client.get(
            "/admin/login/",
            secure=True,
            REMOTE_ADDR=OUTSIDER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(4)
    ]
    assert answers == [302, 302, 302, 429]


def test_behind_the_proxy_each_visitor_has_a_limit_of_their_own(client, as_production):
    def visit(visitor):
        return client.get(
            "/admin/login/",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_PROTO="https",
            HTTP_X_FORWARDED_FOR=visitor,
        ).status_code

    assert [visit("198.51.100.1") for _ in range(4)] == [302, 302, 302, 429]
    assert visit("198.51.100.2") == 302


def test_a_wrong_entry_stops_the_site_from_starting():
    environment = production_environment(
        DJANGO_SETTINGS_MODULE="website.settings.production", TRUSTED_PROXIES="10.0.0.300"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import website.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: '10.0.0.300' is not an IP address or network." in result.stderr
