"""gunicorn in production: ``gunicorn -c gunicorn.conf.py website.wsgi`` (see README, Production).

Why these settings: with gunicorn's defaults (one *sync* worker, one request at a time) two slow
requests stalled the whole site in the penetration test of issue #12. Here each worker process
runs ``threads`` requests at once (``gthread``: a request waiting on the database or a slow
client holds one thread, not the process), there are as many processes as cores (Python runs
one thread at a time per process), and a worker whose main loop stops answering is replaced
after ``timeout`` seconds. Every number can be changed through the environment.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core (at least two, so a restarting worker never leaves the site alone).
workers = _int("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count()))
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 8)
# A worker whose main loop is stuck this long is killed and replaced; a thread serving one slow
# request does not stop the loop, so this never cuts a healthy long download short.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a restart or deploy (SIGTERM/SIGHUP) requests under way get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Workers are replaced now and then, staggered, so no slow leak of memory ever piles up.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = 500
# The request line: gunicorn's largest (8190 bytes, the same as nginx's default buffer of 8k),
# not its default 4094. The search keeps the whole search in the URL (a query of 200 characters
# and up to 25 values per facet), which can pass 4 KB; longer lines than this get a Swedish
# answer from the front proxy (README, Production), never gunicorn's English 400 page.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Heartbeat files in memory: a worker on a busy or slow disk is not taken for a stuck one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108  # nosec B108
# One line per request on stdout; GUNICORN_ACCESS_LOG="" turns it off (the benchmark does).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
