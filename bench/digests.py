"""``make bench``'s digest row: build the digests of COUNT follows over the synthetic examples.

Run in the probe's process (``python -m bench.probe digests COUNT``): ``COUNT`` visitors' follows
(a mix of counties, goals, examples, seminars and a hundred distinct saved searches, every one
with its watermark a week back, so the synthetic examples published since are news), then one
``send_digests --now`` run with the mails kept in memory. Reports seconds, SQL queries and mails.

The visitors (``bench-digest-N@example.se``) are committed, as a real run finds them, and deleted
afterwards with their follows and digests, whatever happens. An earlier version measured inside
one transaction rolled back at the end: at 100 000 follows every batch's look-up of the unsent
digests then walked the index entries of every digest already sent in that transaction (dead to
nobody until it ends), and the run grew quadratic (one statement took 50 s) where committed
updates are pruned as they go. The tables are analysed after the bulk insert, as autovacuum
would be by the time a nightly run meets a hundred thousand follows.
"""

from __future__ import annotations

import time
from datetime import timedelta

DISTINCT_SEARCHES = 100
EMAIL_PREFIX = "bench-digest-"
WORDS = ("barn", "äldre", "fallprevention", "skola", "hälsa", "samverkan", "psykisk", "mat")


def target_for(kind, n, counties, goals, examples, seminars, slugs):
    if kind == "search":  # DISTINCT_SEARCHES different searches: a word and a county
        m = n % DISTINCT_SEARCHES
        return f"q={WORDS[m % len(WORDS)]}&lan={slugs[m % len(slugs)]}"
    values = {"county": counties, "goal": goals, "example": examples, "seminar": seminars}[kind]
    return values[n % len(values)]


def measure(count: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from bench.generator import synthetic_examples
    from examples.models import County, Goal, SeminarPage
    from follows import digests
    from follows.models import Digest, Follow, Subscriber

    counties = list(County.objects.values_list("pk", flat=True))
    slugs = list(County.objects.values_list("slug", flat=True))
    goals = list(Goal.objects.values_list("pk", flat=True))
    examples = list(synthetic_examples().values_list("pk", flat=True)[:1000]) or [0]
    seminars = list(SeminarPage.objects.values_list("pk", flat=True)) or [0]
    since = timezone.now() - timedelta(days=7)
    clean_up()
    try:
        subscribers = Subscriber.objects.bulk_create(
            (Subscriber(email=f"{EMAIL_PREFIX}{n}@example.se") for n in range(count)),
            batch_size=1000,
        )
        follows = []
        for n, subscriber in enumerate(subscribers):
            kind = ("county", "goal", "example", "seminar", "search")[n % 5]
            target = target_for(kind, n, counties, goals, examples, seminars, slugs)
            follows.append(
                Follow(
                    subscriber=subscriber,
                    kind=kind,
                    target=str(target),
                    url="/",
                    name=f"{kind} {target}",
                    confirmed_at=since,
                    seen_until=since,
                )
            )
        Follow.objects.bulk_create(follows, batch_size=1000)
        analyse(Subscriber, Follow, Digest)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            started = time.monotonic()
            with CaptureQueriesContext(connection) as captured:
                report = digests.run(force=True)
            seconds = time.monotonic() - started
    finally:
        clean_up()
    return {
        "follows": count,
        "seconds": round(seconds, 2),
        "queries": len(captured),
        "queries_per_follow": round(len(captured) / max(count, 1), 3),
        "mails": report.sent,
    }


def analyse(*models) -> None:
    """Fresh planner statistics for the tables just filled (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def clean_up() -> None:
    """Delete the probe's visitors, and with them their follows and digests.

    In plain statements: Django's cascade lists the visitors' ids as parameters, and a hundred
    thousand of them pass what PostgreSQL takes in one statement (65 535)."""
    from django.db import connection, transaction

    from follows.models import Digest, Follow, Subscriber

    quote = connection.ops.quote_name
    visitors = f"SELECT id FROM {quote(Subscriber._meta.db_table)} WHERE email LIKE %s"  # noqa: S608  # nosec B608 - table names
    pattern = EMAIL_PREFIX + "%"
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Digest, Follow):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE subscriber_id IN ({visitors})",  # noqa: S608  # nosec B608 - table names
                [pattern],
            )
        cursor.execute(
            f"DELETE FROM {quote(Subscriber._meta.db_table)} WHERE email LIKE %s",  # noqa: S608  # nosec B608 - table names
            [pattern],
        )
