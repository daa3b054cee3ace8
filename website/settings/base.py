"""Settings shared by every environment, safe for production.

Everything secret or deployment-specific comes from the environment (see the README's
"Production" section). ``dev.py`` and ``test.py`` relax these; ``production.py`` tightens them.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

from website.siteurl import normalise as normalise_site_url

from .media import media_storage

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable the way operators write it."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "examples",
    "members",
    "adoptions",
    "assessments",
    "search",
    "opendata",
    "follows",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: forwarded headers count only from TRUSTED_PROXIES (website/proxies.py).
    "website.proxies.TrustedProxyMiddleware",
    # /healthz and /readyz for load balancers, before host checks and sessions (website/health.py).
    "website.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.sharing.moderation.ReviewConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.security.SecurityHeadersMiddleware",
    # After the headers, so that its redirects carry them too (members/accounts/mfa.py).
    "members.accounts.mfa.TwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # CORS and conditional requests for the open data (opendata/http.py), around the page cache.
    "opendata.http.OpenDataMiddleware",
    # Last, so that a cached page still gets every header set above (website/pagecache.py).
    "website.pagecache.PageCacheMiddleware",
    # Inside the page cache: a cached answer needs no site (website/sites.py).
    "website.sites.SiteMiddleware",
]

ROOT_URLCONF = "website.urls"

# Wagtail's preview shows pages in a frame of the admin: same origin only (see website/security.py).
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# DATABASE_URL unset means SQLite in the git-ignored var/ folder: a clone runs with no services.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql") and os.environ.get(
    "DATABASE_PREPARED_STATEMENTS", "true"
).lower() in ("1", "true", "yes"):
    # Server-side parameters, and each statement prepared once it has run five times on a
    # connection: PostgreSQL then skips parsing and planning the queries every page repeats.
    # DATABASE_PREPARED_STATEMENTS=false behind a connection pooler in transaction mode
    # (PgBouncer before 1.21), which cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
# SQLite (the default without DATABASE_URL) with several writers, as Django 5.1+ allows: the
# write-ahead log lets pages be read while an editor writes; IMMEDIATE takes the write lock when
# a transaction starts, so two writers queue for up to ``timeout`` seconds instead of one failing
# with "database is locked" when its read turns into a write (an editor's Publish racing the
# admin's autosave). tests/test_sqlite_concurrency.py writes from threads with and without them.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first; English is prepared for through Django's i18n.
# Accounts (django-allauth): members sign up and log in with e-mail, by password or by a
# one-time code sent by e-mail; the address must be verified before the first login.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Goda exempel för hälsa: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Our adapter: Swedish error messages, a member profile and the "Medlemmar" group on signup,
# and mails sent only once the database transaction has committed.
ACCOUNT_ADAPTER = "members.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "members.accounts.forms.LoginForm",
    "signup": "members.accounts.forms.SignupForm",
    "add_email": "members.accounts.forms.AddEmailForm",
    "change_password": "members.accounts.forms.ChangePasswordForm",  # nosec B105 - a dotted path or a rate, not a secret
    "set_password": "members.accounts.forms.SetPasswordForm",  # nosec B105 - a dotted path or a rate, not a secret
    "reset_password": "members.accounts.forms.ResetPasswordForm",  # nosec B105 - a dotted path or a rate, not a secret
    "reset_password_from_key": "members.accounts.forms.ResetPasswordKeyForm",  # nosec B105 - a dotted path or a rate, not a secret
    "reauthenticate": "members.accounts.forms.ReauthenticateForm",
    "request_login_code": "members.accounts.forms.RequestLoginCodeForm",
    "confirm_login_code": "members.accounts.forms.ConfirmLoginCodeForm",
}
ACCOUNT_USER_DISPLAY = "members.accounts.adapter.user_display"
# A lost code mail can be sent again (twice) from the code page.
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
# One address per member: changing it sends a link to the new address, and the old one
# stays in use until the new one is verified. Re-authentication comes first.
ACCOUNT_CHANGE_EMAIL = True
# A logged-in member who confirms a new address lands where the change is shown.
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "/konto/email/"
# Tell the member by e-mail when the password or the address changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's rate limits, kept in the default cache (Redis where REDIS_URL is set: a per-process
# local-memory cache would let each gunicorn worker count on its own). The four entrances are
# spelled out; the other actions keep allauth's defaults.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105 - a dotted path or a rate, not a secret
}
# Two-factor authentication (allauth MFA): an authenticator app (TOTP) with recovery codes.
# Required for every account with admin access (members.accounts.mfa.TwoFactorMiddleware);
# members may turn it on. Passkeys stay off: they need JavaScript.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Goda exempel för hälsa"
MFA_ADAPTER = "members.accounts.mfa.MFAAdapter"
MFA_FORMS = {
    "authenticate": "members.accounts.mfa_forms.LoginCodeForm",
    "reauthenticate": "members.accounts.mfa_forms.ReauthenticateCodeForm",
    "activate_totp": "members.accounts.mfa_forms.ActivateForm",
}
# The admin and pages restricted to signed-in visitors log in through allauth, so the TOTP
# step applies (Wagtail's own forms have none; website/urls.py redirects their addresses).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/konto/login/"
# Passwords are reset through allauth's rate-limited form only.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Our own limits (website/ratelimit.py), per client address and in the same cache. "search" is
# one budget, in units, for every way to run a search; SEARCH_COSTS prices each. Generous for
# browsing: a visitor clicking through facets makes a request a click (300 searches a minute),
# a municipality's staff may share one address, and the autocomplete asks at every pause in
# typing. An export reads up to 10 000 rows: it costs 50 searches and has a small limit of its own.
RATE_LIMITS = {
    "search": "600/m/ip,6000/h/ip",
    "search_export": "30/h/ip",
    "admin_login": "30/m/ip",
    # Following by e-mail (follows/views.py); one confirmation mail per address a day besides.
    "follow": "20/h/ip",
}
SEARCH_COSTS = {
    "search": 2,  # /sok/
    "suggest": 1,  # /sok/forslag/
    "api": 2,  # /api/v1/exempel/
    "feed": 2,  # /flode/sok/
    "export": 100,  # /sok/export.csv
}

# Behind a reverse proxy the client's address is in X-Forwarded-For; count only the proxies
# we run, or every visitor shares the proxy's address (and its rate limit).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT", "0"))
# The addresses or networks of those proxies: X-Forwarded-Proto/-For (and the like) from any
# other client are dropped (website/proxies.py). As gunicorn's forwarded_allow_ips: loopback.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# Swedish for every visitor, whatever the browser asks for: the content is Swedish, and a
# half-translated page is worse than none. English can follow via i18n_patterns.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads in MEDIA_ROOT, or in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME (or
# S3_BUCKET) is set, which several application servers can share (website/settings/media.py).
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis where REDIS_URL is set (production, rate limits), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "goda-exempel"),
            # An outage of Redis must never take the site down: treat it as a cache miss, and
            # a Redis that hangs as one that is down, after REDIS_TIMEOUT seconds.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "1")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "1")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Backups (website/backup.py): encrypted with age to this public key (age1…, or ssh-ed25519 …;
# several separated by commas) whenever the variable is set; set but empty or malformed stops
# the backup rather than write it in clear. The private key's file is needed only to restore.
BACKUP_AGE_RECIPIENT = os.environ.get("BACKUP_AGE_RECIPIENT")
BACKUP_AGE_IDENTITY_FILE = os.environ.get("BACKUP_AGE_IDENTITY_FILE", "")

# Rendered parts of public pages (an example page's article and sections, its related cards:
# examples.extensions.fragment_key, examples.related) are kept this many seconds, and purged with
# the pages by the next change. Only in a cache every process shares: in one process's memory a
# change made in another (a second worker, cron, a management command) would never reach them, so
# without REDIS_URL they are not kept at all (0).
FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("FRAGMENT_CACHE_SECONDS", str(60 * 60) if REDIS_URL else "0")
)

# The database search's answers (search/resultcache.py) are kept this many seconds, and retired
# by the next change of the search index. Like the kept parts, only in a cache every process
# shares: 0 without REDIS_URL.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "300" if REDIS_URL else "0"))

# Anonymous visitors' pages are kept this many seconds in the cache above and purged at once by
# any change a visitor could see (website/pagecache.py); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# E-mail: SMTP from the environment in production; dev.py prints mails, test.py keeps them.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Goda exempel för hälsa <noreply@localhost>"
)

# Wagtail
WAGTAIL_SITE_NAME = "Goda exempel för hälsa"
# The site's public address, scheme, host and port: every absolute link (feeds, CSV, API,
# sitemap, calendar files, mails) and the Wagtail Site record follow it (website/siteurl.py).
# `make run` passes the address it serves; production refuses to start without it.
try:
    SITE_URL = normalise_site_url(os.environ.get("SITE_URL") or "http://127.0.0.1:8000")
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILIMAGES_IMAGE_MODEL = "examples.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = (
    "examples.image_forms.ImageForm"  # a broken file: a message, not a 500
)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents are downloads ("Content-Disposition: attachment"); only a PDF may open in the
# browser. website/security.py gives both a CSP under which nothing in them can run.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No request leaves the site for a third party, the admin included.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Search
# Elasticsearch (through elasticsearch.dsl) when ELASTICSEARCH_URL is set; otherwise, and as the
# fallback when it fails, the database backend (search/backends/database.py). Index names
# carry SEARCH_INDEX_PREFIX, so environments sharing a cluster never touch each other's index.
# The Wagtail admin keeps its own database search (WAGTAILSEARCH_BACKENDS above).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "goda-exempel")
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "5"))
# Index changes after each commit (publish, unpublish, move, delete, restrictions, taxonomy).
SEARCH_AUTO_INDEX = True
SEARCH_ELASTICSEARCH_AUTO_INDEX = env_bool("SEARCH_ELASTICSEARCH_AUTO_INDEX", True)
