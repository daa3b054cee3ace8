"""Tests: fast hashing, mails kept in memory, uploads in a throw-away folder."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 - tests only, never deployed
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="goda-exempel-test-media-"))
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="goda-exempel-test-static-"))
