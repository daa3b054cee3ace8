"""The production settings as a deployment loads them, for tests: in a fresh interpreter.

``website.settings.production`` refuses to start without its required environment, so each
test that reads it starts from one complete, valid environment and changes what it tests.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "goda-exempel.example.se",
    "SITE_URL": "https://goda-exempel.example.se",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
# Set on a developer's machine or in CI, but never part of what a test means to load.
IGNORED = {"DATABASE_URL", "TRUSTED_PROXIES"}


def production_environment(**env) -> dict:
    """This process's environment without ``IGNORED``, with ``REQUIRED`` and ``env`` set."""
    environment = {k: v for k, v in os.environ.items() if k not in IGNORED}
    environment.update(REQUIRED, **env)
    return environment


def load_production_settings(names, **env) -> SimpleNamespace:
    """The values of the settings ``names`` from ``website.settings.production``."""
    script = (
        "import json, website.settings.production as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {list(names)!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 - our own settings module, fixed arguments
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return SimpleNamespace(**json.loads(result.stdout))
