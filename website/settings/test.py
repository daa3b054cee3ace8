"""Tests: fast hashing, mails kept in memory, uploads in a throw-away folder."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 - tests only, never deployed  # nosec B105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="goda-exempel-test-media-"))
# A bucket in the developer's environment must not receive the suite's uploads
# (tests/test_s3_media.py starts its own S3 server).
STORAGES["default"] = media_storage({})
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache is off in tests, except in those that turn it on (tests/test_pagecache.py).
PAGE_CACHE_SECONDS = 0
# The tests run in one process, whose memory is then the cache every part of the site shares:
# the kept page parts stay on, as in production (their own tests switch them off where needed).
FRAGMENT_CACHE_SECONDS = 60 * 60
# So are the search's kept answers: every test that changes the index and searches again
# shows that the change retires them.
SEARCH_CACHE_SECONDS = 60 * 60
# The per-process memo expires after seconds in production; here only by a purge, so that query
# counts never depend on how fast the machine is (tests/test_pagecache_outage.py sets them back).
PAGE_CACHE_MEMO_SECONDS = PAGE_CACHE_RESTRICTIONS_SECONDS = 24 * 60 * 60
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="goda-exempel-test-static-"))
# Wagtail's own default Site (localhost:80), whatever SITE_URL the shell exports.
SITE_URL = WAGTAILADMIN_BASE_URL = "http://localhost"

# Search
# The suite searches the database backend; tests of Elasticsearch pass their own client or, for
# a live server, read ELASTICSEARCH_URL themselves (tests/search/test_elasticsearch_live.py).
# Changes are still queued for Elasticsearch, but never sent to it unless a test turns it on.
ELASTICSEARCH_URL = ""
SEARCH_INDEX_PREFIX = "goda-exempel-test"
SEARCH_ELASTICSEARCH_AUTO_INDEX = False
