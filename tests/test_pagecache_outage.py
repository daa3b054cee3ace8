"""A page made private while Redis is down never stays public once Redis answers again.

django-redis swallows the error of a failed write (``IGNORE_EXCEPTIONS``), so the purge of a new
view restriction during an outage used to leave the old generation in place: the cached public
copy of the page, and every process's memo of the restricted sections, lived on. The outage is
a cache that stores nothing and answers nothing while ``OUTAGE.down`` is set.
"""

import logging
import threading
import time
import types

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from wagtail.models import PageViewRestriction

import pytest

from examples.listing import restricted_paths
from examples.models import ExamplePage
from website import pagecache

pytestmark = pytest.mark.django_db

OUTAGE = types.SimpleNamespace(down=False)


class OutageCache(LocMemCache):
    """Local memory that behaves like django-redis with IGNORE_EXCEPTIONS during an outage."""

    def get(self, key, default=None, version=None):
        return default if OUTAGE.down else super().get(key, default, version)

    def set(self, key, value, timeout=None, version=None):
        if not OUTAGE.down:
            super().set(key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return False if OUTAGE.down else super().add(key, value, timeout, version)


@pytest.fixture(autouse=True)
def outage_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "tests.test_pagecache_outage.OutageCache",
            "LOCATION": "pagecache-outage",
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    # Production's memo lifetimes (the test settings keep the memo until a purge).
    del settings.PAGE_CACHE_MEMO_SECONDS
    del settings.PAGE_CACHE_RESTRICTIONS_SECONDS
    # The rolled-back restrictions of an earlier test purged nothing: start from a new cache.
    cache.clear()
    pagecache._memo.clear()
    yield
    OUTAGE.down = False
    if hasattr(pagecache, "_purge_pending"):
        pagecache._purge_pending.clear()


@pytest.fixture
def example(demo):
    return ExamplePage.objects.live().order_by("pk").first()


def restrict_during_an_outage(page, capture):
    OUTAGE.down = True
    with capture(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    OUTAGE.down = False


def test_the_worker_that_lost_the_purge_purges_when_redis_is_back(
    client, example, django_capture_on_commit_callbacks, caplog
):
    client.get(example.url)
    assert client.get(example.url).headers["X-Cache"] == "HIT"

    with caplog.at_level(logging.ERROR, logger="website.pagecache"):
        restrict_during_an_outage(example, django_capture_on_commit_callbacks)

    response = client.get(example.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert response.headers.get("X-Cache") != "HIT"
    assert "could not be purged" in caplog.text


def test_other_workers_forget_the_old_restricted_sections_by_themselves(
    client, example, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 0
    assert client.get(example.url).status_code == 200
    assert not any(example.path.startswith(path) for path in restricted_paths())

    restrict_during_an_outage(example, django_capture_on_commit_callbacks)
    # Another worker never saw the failed purge: the old generation is all it knows.
    monkeypatch.setattr(pagecache, "_purge_pending", threading.Event(), raising=False)
    a_minute_later = time.monotonic() + 60
    clock = types.SimpleNamespace(monotonic=lambda: a_minute_later)
    monkeypatch.setattr(pagecache, "time", clock, raising=False)

    assert any(example.path.startswith(path) for path in restricted_paths())
    assert client.get(example.url).status_code == 302
