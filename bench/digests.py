"""``make bench``'s digest row: build the digests of 10 000 follows over the synthetic examples.

Run in the probe's process (``python -m bench.probe digests COUNT``). Inside one transaction that
is rolled back at the end, so the benchmark database keeps no follows: ``COUNT`` visitors' follows
(a mix of counties, goals, examples, seminars and a hundred distinct saved searches, every one
with its watermark a week back, so the synthetic examples published since are news), then one
``send_digests --now`` run with the mails kept in memory. Reports seconds, SQL queries and mails.
"""

from __future__ import annotations

import time
from datetime import timedelta

DISTINCT_SEARCHES = 100
WORDS = ("barn", "äldre", "fallprevention", "skola", "hälsa", "samverkan", "psykisk", "mat")


def target_for(kind, n, counties, goals, examples, seminars, slugs):
    if kind == "search":  # DISTINCT_SEARCHES different searches: a word and a county
        m = n % DISTINCT_SEARCHES
        return f"q={WORDS[m % len(WORDS)]}&lan={slugs[m % len(slugs)]}"
    values = {"county": counties, "goal": goals, "example": examples, "seminar": seminars}[kind]
    return values[n % len(values)]


class Rollback(Exception):
    pass


def measure(count: int) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from bench.generator import synthetic_examples
    from examples.models import County, Goal, SeminarPage
    from follows import digests
    from follows.models import Follow, Subscriber

    counties = list(County.objects.values_list("pk", flat=True))
    slugs = list(County.objects.values_list("slug", flat=True))
    goals = list(Goal.objects.values_list("pk", flat=True))
    examples = list(synthetic_examples().values_list("pk", flat=True)[:1000]) or [0]
    seminars = list(SeminarPage.objects.values_list("pk", flat=True)) or [0]
    since = timezone.now() - timedelta(days=7)
    result = {}
    try:
        with (
            transaction.atomic(),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        ):
            subscribers = Subscriber.objects.bulk_create(
                Subscriber(email=f"bench-{n}@example.se") for n in range(count)
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
            started = time.monotonic()
            with CaptureQueriesContext(connection) as captured:
                report = digests.run(force=True)
            seconds = time.monotonic() - started
            result = {
                "follows": count,
                "seconds": round(seconds, 2),
                "queries": len(captured),
                "queries_per_follow": round(len(captured) / max(count, 1), 3),
                "mails": report.sent,
            }
            raise Rollback
    except Rollback:
        pass
    return result
