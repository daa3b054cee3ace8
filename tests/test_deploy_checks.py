"""Production settings pass Django's deployment checks, and refuse to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "SITE_URL"}
    }
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
    result = run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="goda-exempel.example.se")
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr
