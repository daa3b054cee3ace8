"""Production settings pass Django's deployment checks, and refuse to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    unset = {
        "DATABASE_URL",
        "SECRET_KEY",
        "SITE_URL",
        "REDIS_URL",
        "PAGE_CACHE_SECONDS",
        "FRAGMENT_CACHE_SECONDS",
        "SEARCH_CACHE_SECONDS",
    }
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(DJANGO_SETTINGS_MODULE="website.settings.production", **env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="goda-exempel.example.se",
        SITE_URL="https://goda-exempel.example.se",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", ALLOWED_HOSTS="goda-exempel.example.se", SITE_URL="https://goda-exempel.example.se"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    """Every absolute link (feeds, sitemap, API, calendar files, mails) is built on SITE_URL."""
    result = run_manage(
        "check",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="goda-exempel.example.se",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_production_refuses_the_page_cache_in_one_process_memory():
    """Without REDIS_URL each gunicorn worker would keep, and purge, its own copy of the pages."""
    secret = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "goda-exempel.example.se",
        "SITE_URL": "https://goda-exempel.example.se",
    }
    refused = run_manage("check", **secret)
    assert refused.returncode != 0
    assert "REDIS_URL" in refused.stderr
    assert run_manage("check", PAGE_CACHE_SECONDS="0", **secret).returncode == 0
    with_redis = run_manage("check", REDIS_URL="redis://127.0.0.1:6379/0", **secret)
    assert with_redis.returncode == 0, with_redis.stderr


@pytest.mark.parametrize(
    ("setting", "with_redis"), [("FRAGMENT_CACHE_SECONDS", "3600"), ("SEARCH_CACHE_SECONDS", "300")]
)
def test_kept_parts_need_a_cache_every_process_shares(setting, with_redis):
    """An example page's kept article, and a kept search answer, are retired by a change in any
    process (a second worker, cron): kept in one process's memory, another's change would never
    reach them. Without REDIS_URL nothing is kept; asking for it anyway is refused."""
    secret = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "goda-exempel.example.se",
        "SITE_URL": "https://goda-exempel.example.se",
        "PAGE_CACHE_SECONDS": "0",
    }
    show = f"from django.conf import settings; print(settings.{setting})"
    alone = run_manage("shell", "-c", show, **secret)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.split()[-1] == "0"
    shared = run_manage("shell", "-c", show, REDIS_URL="redis://127.0.0.1:6379/0", **secret)
    assert shared.stdout.split()[-1] == with_redis, shared.stderr
    refused = run_manage("check", **{setting: "60"}, **secret)
    assert refused.returncode != 0
    assert setting in refused.stderr and "REDIS_URL" in refused.stderr
