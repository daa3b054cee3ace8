"""Shared fixtures. The demo content is loaded once per test session into the test database;
each test then runs in a transaction that is rolled back, so tests start from the same site.
"""

import time
from io import StringIO
from types import SimpleNamespace

from django.core.management import call_command

import pytest

from examples.models import ExampleIndexPage
from website.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", "--users", stdout=StringIO())


@pytest.fixture
def demo(db):
    """The full demo site: taxonomy, page tree, the seeds' examples, seminars and users."""


@pytest.fixture
def taxonomy(db):
    """The vocabularies (part of the demo site)."""


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def example_index(db):
    return ExampleIndexPage.objects.get()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so rate-limit counters never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def rate_limit_windows_stand_still(monkeypatch):
    """The site's rate limits count in fixed windows (``website.ratelimit``); a test that spends
    a one-minute budget and expects the next request refused would pass the budget back if the
    minute turned half way (a CI run failed so, on a slow PostgreSQL test). Their clock stands
    still 20 seconds into the current minute for the test; a test that moves it sets its own.
    """
    now = time.time()
    still = now - now % 60 + 20
    monkeypatch.setattr("website.ratelimit.time", SimpleNamespace(time=lambda: still))
