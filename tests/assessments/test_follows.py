"""Someone who follows an example hears of its published assessment in their digest, once."""

from django.core import mail

import pytest

from tests.assessments.test_pages import publish
from tests.follows.conftest import follow_of, send_digests

pytestmark = pytest.mark.django_db


def digests_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_published_assessment_is_news_for_the_examples_followers(
    example, editor, assessor_a, criteria
):
    follow_of("ann@example.se", "example", example.pk)
    send_digests("--now")
    assert digests_to("ann@example.se") == []

    assessment = publish(example, editor, assessor_a, criteria)
    mail.outbox.clear()
    send_digests("--now")
    [digest] = digests_to("ann@example.se")
    assert f"Bedömt mot kriterierna, version {assessment.criteria_version.number}" in digest.body

    mail.outbox.clear()
    send_digests("--now")
    assert digests_to("ann@example.se") == []
