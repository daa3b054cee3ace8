"""The benchmark (``make bench``): production settings on a local database of its own.

Everything production does stays on (DEBUG off, WhiteNoise with the manifest, security
middleware, Redis when ``REDIS_URL`` is set); only what a run on 127.0.0.1 cannot provide is
fixed here: a throw-away secret, local hosts, plain HTTP, and its own database and cache prefix,
so a benchmark never touches the site's data. ``bench/urls.py`` adds the framework-floor view.
"""

import os

# production.py refuses to start without these; the benchmark is local and throw-away.
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key-never-deployed")  # nosec B105
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/goda_exempel_bench")
os.environ.setdefault("CACHE_KEY_PREFIX", "goda-exempel-bench")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")

# production.py refuses the page cache without a cache shared by every process (REDIS_URL); the
# benchmark still times it in each worker's memory when no Redis answers (its report says so).
_page_cache_seconds = os.environ.get("PAGE_CACHE_SECONDS", "0")
os.environ["PAGE_CACHE_SECONDS"] = "0"
from .production import *  # noqa: E402 - after the environment it reads

os.environ["PAGE_CACHE_SECONDS"] = _page_cache_seconds

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "bench-static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "bench-media"))
PAGE_CACHE_SECONDS = int(_page_cache_seconds)
# Plain HTTP on 127.0.0.1: secure-only cookies would never come back.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# wrk sends thousands of requests a second from one address: the visitor limits on the search
# (website/ratelimit.py, tested in tests/security/test_ratelimits.py) would answer most of them
# with 429 and the benchmark would time the limiter, not the search.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, "1000000/m/ip")
