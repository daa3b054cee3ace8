"""The periodic commands run once at a time across servers, and a crash leaves no lock.

Another server's run is a separate process holding the same lock: a PostgreSQL session with the
advisory lock, or, on SQLite, a process with the lock file ``flock``-ed. Killing it is a crash.
"""

import subprocess
import sys
import threading
import time
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from examples.models import ExamplePage
from tests.factories import ExamplePageFactory
from website import cronlock

pytestmark = pytest.mark.django_db

HOLD_ADVISORY_LOCK = """
import sys, psycopg
db = psycopg.connect(sys.argv[1], autocommit=True)
db.execute("SELECT pg_advisory_lock(%s)", [int(sys.argv[2])])
print("held", flush=True)
sys.stdin.read()
"""
HOLD_FILE_LOCK = """
import fcntl, sys
handle = open(sys.argv[1], "a")
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def other_server():
    """``hold(name)``: another process runs the job named ``name`` until ``crash()``."""
    processes = []

    def hold(name):
        if connection.vendor == "postgresql":
            settings = connection.settings_dict
            url = (
                f"postgresql://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}"
                f":{settings['PORT'] or 5432}/{settings['NAME']}"
            )
            args = [HOLD_ADVISORY_LOCK, url, str(cronlock._advisory_key(name))]
        else:
            args = [HOLD_FILE_LOCK, str(cronlock.lock_path(name))]
        process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            [sys.executable, "-c", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        assert process.stdout.readline().strip() == "held"
        return process

    yield hold
    for process in processes:
        process.kill()
        process.wait()


def crash(process, name):
    """Kill the other run; its lock is gone once the database or kernel notices (at once)."""
    process.kill()
    process.wait()
    for _ in range(50):
        with cronlock.single_run(name) as acquired:
            if acquired:
                return
        time.sleep(0.1)
    raise AssertionError(f"the lock {name} outlived the crashed process")


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_only_one_of_two_simultaneous_runs_gets_the_lock():
    start, tried = threading.Barrier(2), threading.Barrier(2)
    results = []

    def job():
        try:
            start.wait()
            with cronlock.single_run("test-job") as acquired:
                results.append(acquired)
                tried.wait()
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    with cronlock.single_run("test-job") as acquired:
        assert acquired  # released after the run


@pytest.fixture
def scheduled_page(example_index, django_capture_on_commit_callbacks):
    page = ExamplePageFactory(parent=example_index, live=False, slug="schemalagd")
    page.go_live_at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def test_publish_scheduled_skips_while_another_server_runs_it(
    other_server, scheduled_page, monkeypatch
):
    two_hours_later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: two_hours_later)
    other = other_server("publish_scheduled")

    output = run("publish_scheduled")  # exits 0: call_command raises on any other status
    assert "publish_scheduled körs redan" in output
    assert not ExamplePage.objects.get(pk=scheduled_page.pk).live

    crash(other, "publish_scheduled")
    run("publish_scheduled")
    assert ExamplePage.objects.get(pk=scheduled_page.pk).live


def test_search_index_sync_skips_while_another_server_runs_it(other_server):
    other = other_server("search_index_sync")
    assert "search_index sync körs redan" in run("search_index", "sync")
    crash(other, "search_index_sync")
    assert "Klart" in run("search_index", "sync")
