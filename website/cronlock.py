"""One run at a time of a periodic command, across every server that runs it.

Every server of a multi-server deployment may carry the same crontab (``publish_scheduled``,
``search_index sync``). Two runs at once would publish the same revision twice or apply the same
index changes twice, so each run first takes a lock named after the command; a run that finds it
taken says so and exits 0, and the next run a few minutes later does the work.

The lock belongs to the running process and ends with it, so a crash never leaves a stale lock:
- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``), shared by every server on
  the database and released when the connection closes. It needs a session of its own: behind a
  pooler in transaction mode (PgBouncer) point the cron jobs straight at PostgreSQL.
- SQLite, which only one machine can use: an exclusive ``flock`` on a file beside the database
  file, released by the kernel when the process ends.
"""

import contextlib
import fcntl
import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.db import connection


def _advisory_key(name: str) -> int:
    digest = hashlib.sha256(f"goda-exempel:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def _advisory_lock(name: str) -> Iterator[bool]:
    key = _advisory_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def lock_path(name: str) -> Path:
    """The lock file: beside the SQLite file, or in the temporary folder for one in memory."""
    database = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        tag = hashlib.sha256(database.encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"goda-exempel-{tag}.{name}.lock"
    path = Path(database)
    return path.parent / f"{path.name}.{name}.lock"


@contextlib.contextmanager
def _file_lock(name: str) -> Iterator[bool]:
    with open(lock_path(name), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def single_run(name: str) -> contextlib.AbstractContextManager[bool]:
    """``with single_run(name) as acquired:`` — False when another run holds the lock."""
    if connection.vendor == "postgresql":
        return _advisory_lock(name)
    return _file_lock(name)


def already_running(command, label: str) -> None:
    """What a run that finds the lock taken tells cron's mail (exit status 0)."""
    command.stdout.write(
        f"{label} körs redan (på den här eller en annan server): den här körningen hoppar över."
    )
