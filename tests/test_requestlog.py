"""Production logs one JSON line per request: method, path (no query string), status, time, user."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from website.requestlog import JsonFormatter

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log(settings, caplog):
    settings.MIDDLEWARE = ["website.requestlog.RequestLogMiddleware", *settings.MIDDLEWARE]
    with caplog.at_level(logging.INFO, logger="website.requests"):
        yield lambda: [r for r in caplog.records if r.name == "website.requests"]


def test_each_request_is_one_json_line_without_the_query_string(client, request_log):
    client.get("/healthz?token=hemligt")
    (record,) = request_log()
    line = JsonFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["method"] == "GET"
    assert entry["path"] == "/healthz"
    assert entry["status"] == 200
    assert entry["duration_ms"] >= 0
    assert entry["user_id"] is None
    assert entry["level"] == "INFO"
    assert "hemligt" not in line


def test_a_signed_in_request_logs_the_user_id(client, request_log, django_user_model):
    user = django_user_model.objects.create_user("loggad", "loggad@example.se", "lösenord-1234")
    client.force_login(user)
    client.get("/konto/profil/")
    assert [r.user_id for r in request_log()] == [user.pk]
    assert request_log()[0].status == 200


def test_an_error_is_logged_as_json_with_its_traceback():
    try:
        raise ValueError("trasigt")
    except ValueError:
        record = logging.makeLogRecord(
            {"name": "x", "levelno": 40, "levelname": "ERROR", "msg": "fel: %s", "args": ("å",)}
        )
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "fel: å"
    assert "ValueError: trasigt" in entry["exception"]


def test_production_settings_write_the_request_line_to_the_console():
    """The production settings as gunicorn loads them: one request, one JSON line on stderr."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="testserver",
        SITE_URL="https://goda-exempel.example.se",
        PAGE_CACHE_SECONDS="0",
    )
    # Production's middleware list and logging, a request through the middleware (a view that
    # needs no database).
    script = (
        "import django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from django.http import HttpResponse\n"
        "from django.test import RequestFactory\n"
        "from website.requestlog import RequestLogMiddleware\n"
        "assert settings.MIDDLEWARE[:3] == ['website.proxies.TrustedProxyMiddleware', "
        "'website.health.HealthCheckMiddleware', "
        "'website.requestlog.RequestLogMiddleware'], settings.MIDDLEWARE\n"
        "view = RequestLogMiddleware(lambda request: HttpResponse(status=204))\n"
        "view(RequestFactory().get('/goda-exempel/?q=hemligt'))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own settings module, fixed arguments
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(e["logger"], e["method"], e["path"], e["status"]) for e in lines] == [
        ("website.requests", "GET", "/goda-exempel/", 204)
    ]
    assert "hemligt" not in result.stderr
