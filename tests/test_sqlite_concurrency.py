"""Concurrent writers on the embedded SQLite database wait their turn instead of failing.

An editor pressing Publish right after typing raced Wagtail's autosave: two transactions that
each read and then write. With SQLite's defaults (deferred transactions, rollback journal) the
second one's read cannot become a write while the first holds the lock, and SQLite answers
"database is locked" at once, whatever the busy timeout: a 500 in the admin. The settings'
``SQLITE_OPTIONS`` (WAL, ``IMMEDIATE``, a busy timeout) make it wait. The suite's own SQLite
database is in memory, so these threads write to a file database of their own.
"""

import threading
import time

from django.conf import settings
from django.db import OperationalError, connections, transaction

import pytest

WRITERS = 6
WRITES = 15
THINK = 0.01


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """``open(options)``: the alias of a file SQLite database with those ``OPTIONS``."""
    aliases = []

    def open_database(options):
        alias = f"concurrency{len(aliases)}"
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / f"{alias}.sqlite3"),
            "OPTIONS": dict(options),
        }
        configured = connections.configure_settings({"default": config, alias: config})
        connections.settings[alias] = configured[alias]
        aliases.append(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, page INTEGER)")
        connections[alias].close()
        return alias

    with django_db_blocker.unblock():
        yield open_database
    for alias in aliases:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def write_concurrently(alias):
    """Several threads each save revisions the way Wagtail does: read the page, then write."""
    barrier = threading.Barrier(WRITERS)
    errors = []

    def editor(page):
        barrier.wait()
        try:
            for _ in range(WRITES):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM revision WHERE page = %s", [page])
                    cursor.fetchone()
                    time.sleep(THINK)  # the request's work between its read and its write
                    cursor.execute("INSERT INTO revision (page) VALUES (%s)", [page])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM revision")
        (written,) = cursor.fetchone()
    return errors, written


def test_the_default_sqlite_database_uses_the_concurrent_writer_options():
    assert settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.SQLITE_OPTIONS["init_command"]
    assert settings.SQLITE_OPTIONS["timeout"] >= 5
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        options = settings.DATABASES["default"]["OPTIONS"]
        assert options.items() >= settings.SQLITE_OPTIONS.items()


def test_sqlite_defaults_fail_concurrent_writers(file_database):
    """The old settings (Django's defaults): the race the editors hit, so this test can fail."""
    errors, written = write_concurrently(file_database({}))
    assert any("database is locked" in error for error in errors)
    assert written < WRITERS * WRITES


def test_concurrent_writers_all_succeed_with_the_settings_options(file_database):
    alias = file_database(settings.SQLITE_OPTIONS)
    errors, written = write_concurrently(alias)
    assert errors == []
    assert written == WRITERS * WRITES
    with connections[alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
