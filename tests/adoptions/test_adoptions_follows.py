"""Someone who follows an example hears of a new adoption in their digest, once, and only after
an editor has published it."""

from django.core import mail

import pytest

from adoptions import services
from adoptions.models import Adoption
from tests.adoptions.conftest import make_adoption
from tests.follows.conftest import follow_of, send_digests

pytestmark = pytest.mark.django_db


def test_a_published_adoption_is_news_for_the_examples_followers(example, adopter, editor):
    example.save_revision(user=example.owner).publish()
    follow_of("ann@example.se", "example", example.pk)
    adoption = make_adoption(example, reporter=adopter, status=Adoption.Status.SUBMITTED)

    send_digests("--now")
    assert [m for m in mail.outbox if "ann@example.se" in m.to] == []  # not yet published

    services.decide(adoption.pk, editor, approve=True)
    mail.outbox.clear()
    send_digests("--now")
    digests = [m for m in mail.outbox if "ann@example.se" in m.to]
    assert len(digests) == 1
    assert "Infört hos Västerås stad (Västerås)" in digests[0].body

    mail.outbox.clear()
    send_digests("--now")
    assert [m for m in mail.outbox if "ann@example.se" in m.to] == []  # never twice
