"""allauth's rate limits kept in Redis, as in production (``REDIS_URL``).

A throw-away ``redis-server`` is started on a free port; without the binary the test is skipped.
"""

import shutil
import socket
import subprocess
import time

from django.core.cache import cache
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed command, no shell
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("redis-server did not start")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_signup_rate_limit_is_counted_in_redis(client, settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "goda-exempel-test",
        }
    }
    url = reverse("account_signup")
    for _attempt in range(20):
        assert client.post(url, {}).status_code == 200
    response = client.post(url, {})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    keys = cache.keys("allauth:rl:*")
    assert any(":signup:" in key for key in keys), keys
