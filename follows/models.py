"""Who follows what, and the digests owed to them.

A ``Subscriber`` is one recipient: a member (``user``) or a visitor's e-mail address. Its
``token`` is the secret in every link of its mails (manage, unsubscribe all, confirm): whoever
reads the mails may act on them, without logging in. A ``Follow`` is one thing followed (a
search with its whole query string, a county, a goal, an example or a seminar) with its own
``token`` for its one-click unsubscribe.

``seen_until`` is the follow's watermark: everything up to it has been put in a digest (or was
there before the follow). A ``Digest`` is the outbox row: written in the same transaction that
moves the watermarks, sent after the commit, marked ``sent_at`` once the mail server took it. So
a crash or a mail outage leaves a pending digest that the next run sends, never an item lost,
and an item is never put in two digests.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Visitors who never click the confirmation link are forgotten after this long.
UNCONFIRMED_DAYS = 7
# At most one confirmation mail per address in this time.
CONFIRMATION_INTERVAL = timedelta(days=1)
MAX_FOLLOWS_PER_SUBSCRIBER = 50
# Sent digests (what news went to whom) are kept this long, then deleted by send_digests.
SENT_DIGEST_DAYS = 30


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_subscriber",
    )
    email = models.EmailField(_("e-post"), blank=True, db_index=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(user__isnull=True),
                name="follows_one_visitor_per_address",
            )
        ]

    def __str__(self):
        return self.address

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email

    def may_send_confirmation(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.confirmation_sent_at is None
            or now - self.confirmation_sent_at >= CONFIRMATION_INTERVAL
        )


class Follow(models.Model):
    class Kind(models.TextChoices):
        SEARCH = "search", _("Sökning")
        COUNTY = "county", _("Län")
        GOAL = "goal", _("Mål")
        EXAMPLE = "example", _("Gott exempel")
        SEMINAR = "seminar", _("Seminarium")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Varje vecka")
        DAILY = "daily", _("Varje dag")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    # The search's canonical query string (search.forms.to_query_string), or the followed
    # object's id (county, goal, example page, seminar page) as text.
    target = models.CharField(max_length=2000)
    name = models.CharField(_("namn"), max_length=120)
    # Where the followed thing is read (a path on the site), for the digest's links.
    url = models.CharField(max_length=2100)
    frequency = models.CharField(
        _("hur ofta"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    paused = models.BooleanField(_("pausad"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    seen_until = models.DateTimeField(default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bevakning")
        verbose_name_plural = _("bevakningar")
        indexes = [models.Index(fields=["kind", "target"], name="follow_kind_target")]

    def __str__(self):
        return self.name

    @property
    def period(self) -> timedelta:
        return timedelta(days=1) if self.frequency == self.Frequency.DAILY else timedelta(days=7)

    def is_due(self, now) -> bool:
        # A run a little early (cron at the same minute each day) still counts as a day.
        return self.last_digest_at is None or now - self.last_digest_at >= self.period - timedelta(
            hours=1
        )


class Digest(models.Model):
    """One mail, stored before it is sent (the outbox): ``groups`` is what it says."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digests")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    groups = models.JSONField(default=list)

    class Meta:
        verbose_name = _("sammanfattning")
        verbose_name_plural = _("sammanfattningar")
        indexes = [models.Index(fields=["sent_at", "id"], name="digest_pending")]

    def __str__(self):
        return f"{self.subscriber} {self.created_at:%Y-%m-%d}"


class ExampleEvent(models.Model):
    """Something that happened to a published example or seminar: a new stage, a new
    attachment, a substantial edit, a changed programme. Recorded when a revision is published
    (``follows.events``) by comparing it with the one published before it."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    text = models.CharField(max_length=500)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["page", "at"], name="exampleevent_page_at")]

    def __str__(self):
        return self.text
