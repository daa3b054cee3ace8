"""The confirmation mail for a visitor's follow, sent after the commit; an outage is only logged
(the follow stays pending and the visitor can ask again the next day)."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from website import siteurl

logger = logging.getLogger(__name__)


def send_confirmation(subscriber, follow):
    context = {
        "follow": follow,
        "confirm_url": siteurl.absolute(reverse("follows_confirm", args=[subscriber.token])),
        "site_url": siteurl.absolute("/"),
    }
    subject = render_to_string("follows/email/confirm_subject.txt", context).strip()
    body = render_to_string("follows/email/confirm_body.txt", context)
    address = subscriber.email

    def send():
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # a mail outage never undoes the follow
            logger.exception("Kunde inte skicka bekräftelse för bevakning %s", follow.pk)

    transaction.on_commit(send)
