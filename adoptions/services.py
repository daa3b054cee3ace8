"""Everything that changes an adoption or a spread place, with its side effects.

Mails go after the commit (``transaction.on_commit``) and a mail outage is only logged, as in
``members/sharing/notifications.py``: a failing mail server never undoes a report or a
decision. Whenever what a public page shows changes (a published report is published,
withdrawn, changes stage; a spread place is added or removed) the anonymous page cache is
purged (``website.pagecache.purge``): these are not Wagtail page saves, which purge by
themselves. The same changes move where the example runs, so after the commit
``examples.spread.places_changed`` tells the search to re-index the example ("Införd i", the sort
by spread).
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from adoptions.models import Adoption, AdoptionStageChange, SpreadPlace
from examples import spread
from website import pagecache, siteurl

logger = logging.getLogger(__name__)


def places_changed(example_id: int) -> None:
    """Purge the page cache now, and after the commit re-index the example whose places moved."""
    pagecache.purge()
    transaction.on_commit(
        lambda: spread.places_changed.send(sender=SpreadPlace, example_ids=[example_id])
    )


class DecisionConflict(Exception):
    """The report is no longer waiting for review (another editor decided, or it was withdrawn)."""


def mail_after_commit(template: str, context: dict, recipient: str) -> None:
    """Render now (the data may change), send once the transaction has committed."""
    if not recipient:
        return
    subject = render_to_string(f"adoptions/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"adoptions/email/{template}_body.txt", context)

    def send():
        try:
            send_mail(subject, body, None, [recipient])
        except Exception:  # a mail outage must not undo anyone's work
            logger.exception("Kunde inte skicka mejl om införande (%s)", template)

    transaction.on_commit(send)


@transaction.atomic
def submit(example, user, data: dict) -> Adoption:
    """A new report, waiting for the editors; its first dated stage is the one reported."""
    adoption = Adoption.objects.create(
        example=example,
        reporter=user,
        organisation=data["organisation"],
        organisation_kind=data["organisation_kind"],
        municipality=data.get("municipality"),
        county=data.get("county"),
        started_on=data["started_on"],
        started_precision=data["started_precision"],
        stage=data["stage"],
        local_changes=data["local_changes"],
        lessons=data.get("lessons", ""),
        contact_name=data.get("contact_name", ""),
        contact_email=data.get("contact_email", ""),
        contact_consent_at=timezone.now() if data.get("contact_consent") else None,
    )
    AdoptionStageChange.objects.create(
        adoption=adoption,
        stage=adoption.stage,
        date=adoption.started_on,
        precision=adoption.started_precision,
    )
    return adoption


@transaction.atomic
def decide(adoption_id: int, editor, approve: bool, message: str = "") -> Adoption:
    """Publish or reject a submitted report; the reporter (and, on publication, the example's
    owner) is told by mail after the commit. The row is locked, so two editors deciding at
    once give one decision and one ``DecisionConflict``."""
    adoption = (
        Adoption.objects.select_for_update(of=("self",))
        .select_related("example", "reporter", "example__owner")
        .get(pk=adoption_id)
    )
    if adoption.status != Adoption.Status.SUBMITTED:
        raise DecisionConflict(adoption.get_status_display())
    now = timezone.now()
    adoption.status = Adoption.Status.PUBLISHED if approve else Adoption.Status.REJECTED
    adoption.reviewed_by = editor
    adoption.reviewed_at = now
    adoption.review_message = message
    if approve:
        adoption.published_at = now
    adoption.save()
    context = mail_context(adoption)
    if adoption.reporter:
        mail_after_commit("decision", context, adoption.reporter.email)
    if approve:
        owner = adoption.example.owner
        if owner and owner.email and owner != adoption.reporter:
            mail_after_commit("owner", context, owner.email)
        places_changed(adoption.example_id)
    return adoption


def mail_context(adoption) -> dict:
    example = adoption.example
    return {
        "adoption": adoption,
        "organisation": adoption.organisation,
        "title": example.title,
        "approved": adoption.is_published,
        "message": adoption.review_message,
        "example_url": example.get_full_url() if example.live and example.url else "",
        "my_adoptions_url": siteurl.absolute(reverse("my_adoptions")),
    }


@transaction.atomic
def withdraw(adoption) -> None:
    was_published = adoption.is_published
    adoption.status = Adoption.Status.WITHDRAWN
    adoption.save(update_fields=["status"])
    if was_published:
        places_changed(adoption.example_id)


@transaction.atomic
def update_stage(adoption, stage: int, on, precision: str, note: str = "") -> None:
    """A dated step in the adopter's history; a published report shows it at once."""
    AdoptionStageChange.objects.create(
        adoption=adoption, stage=stage, date=on, precision=precision, note=note
    )
    adoption.stage = stage
    adoption.save(update_fields=["stage"])
    if adoption.is_published:
        places_changed(adoption.example_id)


@transaction.atomic
def add_spread_place(example, data: dict) -> SpreadPlace:
    place = SpreadPlace.objects.create(example=example, **data)
    if example.live:
        places_changed(example.pk)
    return place


@transaction.atomic
def remove_spread_place(place) -> None:
    live = place.example.live
    example_id = place.example_id
    place.delete()
    if live:
        places_changed(example_id)
