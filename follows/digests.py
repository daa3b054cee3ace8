"""Building and sending the digests: one mail per person and period, never empty, never twice.

A run (``manage.py send_digests``):

1. forgets visitors who never confirmed (``UNCONFIRMED_DAYS``);
2. sends the digests a previous run stored but could not send (a mail outage, a crash);
3. for the people with a follow that is due, in batches: asks every news source for the news of
   all their follows at once (``follows.sources``), keeps for each follow what came after its
   watermark, and in one transaction stores one ``Digest`` per person with news and moves the
   watermarks of every due follow to the run's time; after the commit it sends the batch.

The watermark moves with the stored digest, so an item is in exactly one digest; a digest is
marked sent only once the mail server took it, so an outage or a crash between the commit and the
send leaves it for the next run. (The one window left: the server took the mail and the process
died before the ``sent_at`` update; that digest is sent again. Nothing is ever lost.)
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from follows import sources
from follows.models import SENT_DIGEST_DAYS, UNCONFIRMED_DAYS, Digest, Follow, Subscriber
from website import siteurl

logger = logging.getLogger(__name__)
BATCH_SIZE = 200
# A mail server that refused this many mails in a row is left alone until the next run.
MAX_FAILURES_IN_A_ROW = 5
SLACK = timedelta(hours=1)


@dataclass
class Report:
    forgotten: int = 0
    built: int = 0
    sent: int = 0
    failed: int = 0


def due_q(now) -> Q:
    return (
        Q(last_digest_at__isnull=True)
        | Q(frequency=Follow.Frequency.DAILY, last_digest_at__lte=now - timedelta(days=1) + SLACK)
        | Q(frequency=Follow.Frequency.WEEKLY, last_digest_at__lte=now - timedelta(days=7) + SLACK)
    )


def active_follows():
    return Follow.objects.filter(confirmed_at__isnull=False, paused=False)


def forget_unconfirmed(now) -> int:
    """Visitors' follows never confirmed within ``UNCONFIRMED_DAYS``, addresses left with
    nothing to follow, and digests sent more than ``SENT_DIGEST_DAYS`` ago. Idempotent."""
    Digest.objects.filter(
        sent_at__isnull=False, sent_at__lt=now - timedelta(days=SENT_DIGEST_DAYS)
    ).delete()
    cutoff = now - timedelta(days=UNCONFIRMED_DAYS)
    count, _ = Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    Subscriber.objects.filter(
        user__isnull=True, follows__isnull=True, created_at__lt=cutoff
    ).delete()
    return count


def absolute(name, *args) -> str:
    return siteurl.absolute(reverse(name, args=args))


def collect(follows: list[Follow], until) -> dict[int, list[sources.NewsItem]]:
    """Each follow's news after its watermark and up to ``until``, newest first."""
    targets: dict[str, dict[str, object]] = defaultdict(dict)
    for follow in follows:
        seen = targets[follow.kind].get(follow.target)
        if seen is None or follow.seen_until < seen:
            targets[follow.kind][follow.target] = follow.seen_until
    found: dict[tuple[str, str], list[sources.NewsItem]] = defaultdict(list)
    for kind, kind_targets in targets.items():
        for source in sources.sources_for(kind):
            for item in source.collect(dict(kind_targets), until):
                found[(kind, item.target)].append(item)
    news = {}
    for follow in follows:
        items, seen = [], set()
        for item in found.get((follow.kind, follow.target), ()):
            key = (item.url, item.text, item.label)
            if follow.seen_until < item.at <= until and key not in seen:
                seen.add(key)
                items.append(item)
        items.sort(key=lambda i: i.at, reverse=True)
        news[follow.pk] = items
    return news


def group_of(follow: Follow, items) -> dict:
    return {
        "name": follow.name,
        "kind": follow.get_kind_display(),
        "url": siteurl.absolute(follow.url),
        "unsubscribe_url": absolute("follows_unsubscribe", follow.token),
        "more": follow.kind == Follow.Kind.SEARCH and len(items) >= sources.SEARCH_LIMIT,
        "items": [
            {"text": i.text, "url": i.url, "label": i.label, "at": i.at.isoformat()} for i in items
        ],
    }


def build_batch(subscriber_ids, now, force) -> list[Digest]:
    follows = active_follows().filter(subscriber_id__in=subscriber_ids)
    if not force:
        follows = follows.filter(due_q(now))
    follows = list(follows.order_by("subscriber_id", "created_at", "pk"))
    if not follows:
        return []
    news = collect(follows, now)
    groups = defaultdict(list)
    for follow in follows:
        if news[follow.pk]:
            groups[follow.subscriber_id].append(group_of(follow, news[follow.pk]))
    with transaction.atomic():
        # Only the follows whose watermark has not moved since they were read: a second run
        # at the same time (without the cron lock) cannot put the same items in a second mail.
        moved = Follow.objects.filter(pk__in=[f.pk for f in follows])
        locked = dict(moved.select_for_update().values_list("pk", "seen_until"))
        stale = {f.subscriber_id for f in follows if locked.get(f.pk) != f.seen_until}
        ids = [f.pk for f in follows if f.subscriber_id not in stale]
        Follow.objects.filter(pk__in=ids).update(seen_until=now, last_digest_at=now)
        digests = Digest.objects.bulk_create(
            Digest(subscriber_id=sid, created_at=now, groups=g)
            for sid, g in groups.items()
            if sid not in stale
        )
    return digests


def render(digest: Digest) -> EmailMultiAlternatives | None:
    subscriber = digest.subscriber
    address = subscriber.address
    if not address:
        return None
    count = sum(len(group["items"]) for group in digest.groups)
    unsubscribe_all = absolute("follows_unsubscribe_all", subscriber.token)
    context = {
        "groups": digest.groups,
        "count": count,
        "manage_url": absolute("follows_manage", subscriber.token),
        "unsubscribe_all_url": unsubscribe_all,
        "site_url": siteurl.absolute("/"),
    }
    subject = _("Nytt i dina bevakningar: %(count)s nyheter") % {"count": count}
    if count == 1:
        subject = _("Nytt i dina bevakningar: 1 nyhet")
    message = EmailMultiAlternatives(
        subject,
        render_to_string("follows/email/digest.txt", context),
        None,
        [address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_all}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("follows/email/digest.html", context), "text/html")
    return message


def send_pending(report: Report, out=None, ids=None) -> bool:
    """Send the stored digests not yet sent; False when the mail server gave up on us."""
    pending = Digest.objects.filter(sent_at__isnull=True).select_related("subscriber__user")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    failures = 0
    for digest in pending.order_by("pk"):
        try:
            message = render(digest)
            if message is not None:
                message.send()
        except Exception:  # a mail outage: the digest waits for the next run
            logger.exception("Kunde inte skicka sammanfattning %s", digest.pk)
            Digest.objects.filter(pk=digest.pk).update(attempts=digest.attempts + 1)
            report.failed += 1
            failures += 1
            if failures >= MAX_FAILURES_IN_A_ROW:
                return False
            continue
        failures = 0
        Digest.objects.filter(pk=digest.pk).update(
            sent_at=timezone.now(), attempts=digest.attempts + 1
        )
        report.sent += 1
        if out and report.sent % 100 == 0:
            out(_("%(sent)s sammanfattningar skickade") % {"sent": report.sent})
    return True


def run(now=None, force=False, out=None, batch_size=BATCH_SIZE) -> Report:
    now = now or timezone.now()
    report = Report(forgotten=forget_unconfirmed(now))
    if not send_pending(report, out):
        return report
    people = active_follows()
    if not force:
        people = people.filter(due_q(now))
    subscriber_ids = sorted(set(people.values_list("subscriber_id", flat=True)))
    with sources.one_run():
        _build_and_send(subscriber_ids, now, force, out, batch_size, report)
    return report


def _build_and_send(subscriber_ids, now, force, out, batch_size, report) -> None:
    for start in range(0, len(subscriber_ids), batch_size):
        digests = build_batch(subscriber_ids[start : start + batch_size], now, force)
        report.built += len(digests)
        if out:
            out(
                _("%(done)s av %(total)s personer genomgångna, %(built)s sammanfattningar")
                % {
                    "done": min(start + batch_size, len(subscriber_ids)),
                    "total": len(subscriber_ids),
                    "built": report.built,
                }
            )
        if digests and not send_pending(report, out, ids=[d.pk for d in digests]):
            break
