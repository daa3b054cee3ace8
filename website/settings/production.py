"""Production: refuses to start without a SECRET_KEY and serves only over HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment in production.")
if not os.environ.get("SITE_URL"):
    raise ImproperlyConfigured(
        "SITE_URL must be set in the environment in production (e.g. https://goda-exempel.se)."
    )

# HTTPS ends at the reverse proxy, which says so in X-Forwarded-Proto; the header is honoured
# only from TRUSTED_PROXIES (website.proxies.TrustedProxyMiddleware drops it from anyone else).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
# Cookies only over HTTPS; the session out of reach of scripts; neither sent along when another
# site posts to us or embeds us (Lax still lets a link from an e-mail keep the visitor signed in).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# W019: X_FRAME_OPTIONS is SAMEORIGIN, not DENY, because Wagtail's live preview shows the page
# in a frame of the admin (same origin); other sites still cannot frame it (CSP frame-ancestors).
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# W021: HSTS preload is a commitment for the whole domain that is hard to undo, so each
# deployment opts in with SECURE_HSTS_PRELOAD=true once every subdomain serves HTTPS.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# --- Several processes and servers (issue 14: shared cache, JSON logs) -----------------------
# The page cache and its purge (website/pagecache.py) must be seen by every gunicorn worker: a
# cache in one process's memory would let the other workers serve a page made private, or
# unpublished, for up to PAGE_CACHE_SECONDS.
if PAGE_CACHE_SECONDS > 0 and CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")):
    raise ImproperlyConfigured(
        "The page cache (PAGE_CACHE_SECONDS > 0) needs a cache shared by every process: set "
        "REDIS_URL (e.g. redis://127.0.0.1:6379/0), or PAGE_CACHE_SECONDS=0 to turn it off."
    )

# The kept parts of pages likewise (FRAGMENT_CACHE_SECONDS: 0 without REDIS_URL unless set).
if FRAGMENT_CACHE_SECONDS > 0 and CACHES["default"]["BACKEND"].endswith(
    ("LocMemCache", "DummyCache")
):
    raise ImproperlyConfigured(
        "Kept page parts (FRAGMENT_CACHE_SECONDS > 0) need a cache shared by every process: set "
        "REDIS_URL, or FRAGMENT_CACHE_SECONDS=0 to turn them off."
    )

# And the database search's kept answers (SEARCH_CACHE_SECONDS: 0 without REDIS_URL unless set).
if SEARCH_CACHE_SECONDS > 0 and CACHES["default"]["BACKEND"].endswith(
    ("LocMemCache", "DummyCache")
):
    raise ImproperlyConfigured(
        "Kept search answers (SEARCH_CACHE_SECONDS > 0) need a cache shared by every process: set "
        "REDIS_URL, or SEARCH_CACHE_SECONDS=0 to turn them off."
    )

# One JSON line per request on standard error (website/requestlog.py), and every other log
# record as JSON too, for a log collector to parse. After the health checks: a load balancer's
# probe every few seconds is not traffic.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("website.health.HealthCheckMiddleware") + 1,
    "website.requestlog.RequestLogMiddleware",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "website.requestlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "website.requests": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
