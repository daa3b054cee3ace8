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
