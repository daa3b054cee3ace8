"""gunicorn.conf.py: what keeps one slow request from stalling the site (issue #12).

The file is loaded as gunicorn loads it and every setting goes through gunicorn's own
validation; the README's production command must use it.
"""

import runpy
from pathlib import Path

from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"


def load(monkeypatch, **env) -> Config:
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(CONFIG)).items():
        if name in config.settings:
            config.set(name, value)  # gunicorn's validators: a wrong type or value fails here
    return config


def test_threads_in_one_process_per_core(monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 6)
    config = load(monkeypatch)
    assert config.workers == 6
    assert config.worker_class_str == "gthread"
    assert config.threads >= 4, "a slow request holds a thread, not the whole worker"
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 1)
    assert load(monkeypatch).workers == 2, "never a single worker"


def test_the_environment_overrides(monkeypatch):
    config = load(monkeypatch, GUNICORN_WORKERS="3", GUNICORN_THREADS="2", GUNICORN_TIMEOUT="20")
    assert (config.workers, config.threads, config.timeout) == (3, 2, 20)


def test_timeouts_and_limits(monkeypatch):
    config = load(monkeypatch)
    assert 10 <= config.timeout <= 60
    assert 10 <= config.graceful_timeout <= 60
    assert config.limit_request_line == 8190, "gunicorn's largest, not its default 4094"
    assert config.max_requests > 0


def test_a_long_search_url_fits_the_request_line(monkeypatch):
    """A search the site accepts: 200 characters of å and fifteen values in six facets."""
    from urllib.parse import urlencode

    from search.backends.base import MAX_QUERY_LENGTH

    pairs = [("q", "å" * MAX_QUERY_LENGTH)]
    for param in ("lan", "kommun", "omrade", "malgrupp", "mal", "tagg"):
        pairs += [(param, f"ett-ganska-langt-vardenamn-{n}") for n in range(15)]
    line = f"GET /sok/?{urlencode(pairs)} HTTP/1.1"
    assert 4094 < len(line) <= load(monkeypatch).limit_request_line


def test_the_readme_and_the_benchmark_use_it():
    readme = (ROOT / "README.md").read_text()
    assert "gunicorn -c gunicorn.conf.py website.wsgi" in readme
    assert "gunicorn.conf.py" in (ROOT / "bench" / "server.py").read_text()
