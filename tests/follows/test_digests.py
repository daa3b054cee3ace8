"""The digest: what is news for each kind of follow, one mail per person, never empty, never an
item twice nor one skipped (also when the mail server fails or the run is interrupted)."""

import contextlib
import re
from unittest import mock

from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from examples.models import ExampleAttachment, Goal, SeminarItem, SeminarPage, StageChange
from follows import digests
from follows.models import Digest, Follow
from search.indexing import rebuild_database
from tests.follows.conftest import follow_of, send_digests

pytestmark = pytest.mark.django_db


def digest_to(address):
    mails = [m for m in mail.outbox if m.to == [address]]
    assert len(mails) == 1, f"{len(mails)} mails to {address}"
    return mails[0]


def test_a_county_follow_gets_its_new_examples_in_one_mail(county, publish, demo):
    follow = follow_of("ann@example.se", "county", county.pk, url=f"/lan/{county.slug}/")
    other_county = type(county).objects.exclude(pk=county.pk).first()
    first = publish(title="Första nya exemplet")
    second = publish(title="Andra nya exemplet")
    elsewhere = publish(title="Exempel i ett annat län", county=other_county)
    send_digests("--now")

    message = digest_to("ann@example.se")
    body = message.body
    assert first.title in body and second.title in body
    assert elsewhere.title not in body
    assert body.index(second.title) < body.index(first.title)  # newest first
    assert first.full_url in body
    assert f"/bevaka/avsluta/{follow.token}/" in body
    assert f"/bevaka/hantera/{follow.subscriber.token}/" in body
    unsubscribe_all = f"/bevaka/avsluta-alla/{follow.subscriber.token}/"
    assert unsubscribe_all in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html and "<h1" in html and "<h2" in html
    assert f'<a href="{first.full_url}"' in html and "<img" not in html

    # Nothing new: no mail, ever empty. Run again: nothing twice.
    send_digests("--now")
    send_digests("--now")
    assert len(mail.outbox) == 1


def test_only_live_public_content_is_mentioned(county, publish):
    from tests.test_seminars import restrict

    follow_of("ann@example.se", "county", county.pk)
    hidden = publish(title="Begränsat exempel")
    restrict(hidden)
    gone = publish(title="Avpublicerat exempel")
    gone.unpublish()
    send_digests("--now")
    assert mail.outbox == []


def test_a_goal_follow(publish, demo):
    goal = Goal.objects.order_by("number").first()
    follow_of("ann@example.se", "goal", goal.pk)
    linked = publish(title="Exempel med målet")
    linked.goals.add(goal)
    linked.save()
    publish(title="Exempel utan målet")
    send_digests("--now")
    body = digest_to("ann@example.se").body
    assert "Exempel med målet" in body and "Exempel utan målet" not in body


def test_a_search_follow_runs_the_saved_search(publish, county, demo):
    follow_of("ann@example.se", "search", f"q=fallprevention&lan={county.slug}", url="/sok/")
    follow_of("bo@example.se", "search", "q=zebrakurs")
    publish(title="Fallprevention i hemtjänsten")
    publish(title="Något helt annat")
    rebuild_database()
    send_digests("--now")
    body = digest_to("ann@example.se").body
    assert "Fallprevention i hemtjänsten" in body and "Något helt annat" not in body
    assert not [m for m in mail.outbox if m.to == ["bo@example.se"]]


def test_an_example_follow_reports_stage_attachment_and_substantial_edit(publish):
    page = publish(title="Följt exempel")
    follow_of("ann@example.se", "example", page.pk)

    page.summary = "Ett exempel som finns för att testa webbplatsen. Rättat."  # small edit
    page.save_revision().publish()
    send_digests("--now")
    assert mail.outbox == []

    document = get_document_model().objects.create(
        title="Rapport 2024", file=ContentFile(b"%PDF-1.4 test", name="rapport.pdf")
    )
    page = type(page).objects.get(pk=page.pk)
    page.stage = 3
    page.stage_history.add(StageChange(stage=3, date=timezone.localdate()))
    page.attachments.add(ExampleAttachment(document=document))
    page.summary = (
        "Arbetet har nu spridits till alla kommuner i länet och följs upp varje år med "
        "nya mått på hälsa och jämlikhet."
    )
    page.save_revision().publish()
    send_digests("--now")
    body = digest_to("ann@example.se").body
    assert "Nytt steg: steg 3" in body
    assert "Ny bilaga: Rapport 2024" in body
    assert "Beskrivningen har uppdaterats" in body
    assert page.full_url in body


def test_a_seminar_follow_reports_a_changed_programme(publish, demo):
    seminar = SeminarPage.objects.live().first()
    seminar.save_revision().publish()  # the publication the change is compared with
    follow_of("ann@example.se", "seminar", seminar.pk)
    seminar = SeminarPage.objects.get(pk=seminar.pk)
    seminar.items.add(SeminarItem(example=publish(title="Nytt i programmet")))
    seminar.save_revision().publish()
    send_digests("--now")
    body = digest_to("ann@example.se").body
    assert "Programmet har ändrats" in body and seminar.full_url in body


def test_one_mail_per_person_grouped_by_follow(county, publish):
    goal = Goal.objects.order_by("number").first()
    follow_of("ann@example.se", "county", county.pk, name="Mitt län")
    follow_of("ann@example.se", "goal", goal.pk, name="Mitt mål")
    example = publish(title="Både län och mål")
    example.goals.add(goal)
    example.save()
    send_digests("--now")
    message = digest_to("ann@example.se")
    assert message.body.count("Både län och mål") == 2
    assert "== Mitt län" in message.body and "== Mitt mål" in message.body


def test_weekly_and_daily_periods_and_pause(county, publish):
    follow_of("ann@example.se", "county", county.pk)
    follow_of("bo@example.se", "county", county.pk, frequency="daily")
    follow_of("cy@example.se", "county", county.pk, paused=True)
    publish(title="Första")
    send_digests()
    assert len(mail.outbox) == 2  # both due the first time; the paused one never
    publish(title="Andra")
    later = timezone.now() + timezone.timedelta(days=1)
    digests.run(now=later)
    assert [m.to for m in mail.outbox[2:]] == [["bo@example.se"]]
    digests.run(now=later + timezone.timedelta(days=6))
    assert [m.to for m in mail.outbox[3:]] == [["ann@example.se"]]
    assert "Andra" in mail.outbox[3].body and "Första" not in mail.outbox[3].body
    assert not [m for m in mail.outbox if m.to == ["cy@example.se"]]


class Crash(BaseException):
    """The process dies (not an ordinary mail error): the run stops where it is."""


def failing_on(nth, error):
    sent = {"count": 0}
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        sent["count"] += 1
        if sent["count"] == nth:
            raise error
        return original(self, messages)

    return mock.patch.object(EmailBackend, "send_messages", send_messages)


@pytest.mark.parametrize("error", [Crash(), OSError("Connection refused")])
def test_interrupted_on_the_third_mail_nothing_is_sent_twice_nor_skipped(county, publish, error):
    people = [f"p{n}@example.se" for n in range(5)]
    for address in people:
        follow_of(address, "county", county.pk)
    publish(title="Nyhet för alla")
    with failing_on(3, error), contextlib.suppress(Crash):
        send_digests("--now")
    # A refusing server: the other four go and the third waits. A crash: two went, the third
    # and the two not tried yet wait, stored with their watermarks moved.
    crashed = isinstance(error, Crash)
    assert len(mail.outbox) == (2 if crashed else 4)
    assert Digest.objects.filter(sent_at__isnull=True).count() == (3 if crashed else 1)
    publish(title="Nyhet efter avbrottet")
    send_digests("--now")
    for address in people:
        mails = [m for m in mail.outbox if m.to == [address]]
        bodies = "".join(m.body for m in mails)
        assert bodies.count("Nyhet för alla") == 1, address
        assert bodies.count("Nyhet efter avbrottet") == 1, address
    assert not Digest.objects.filter(sent_at__isnull=True).exists()


def test_progress_is_printed(county, publish):
    follow_of("ann@example.se", "county", county.pk)
    publish()
    output = send_digests("--now")
    assert "1 av 1 personer" in output and "1 mejl skickade" in output


def test_a_run_finding_the_lock_taken_skips(county, publish):
    """Cron started twice: the second run finds the lock (``website.cronlock``) taken and
    sends nothing."""
    follow_of("ann@example.se", "county", county.pk)
    publish()

    @contextlib.contextmanager
    def taken(name):
        yield False

    with mock.patch("follows.management.commands.send_digests.single_run", taken):
        assert "körs redan" in send_digests("--now")
    assert mail.outbox == []


def test_one_click_post_from_a_digest_unsubscribes(county, publish):
    follow = follow_of("ann@example.se", "county", county.pk)
    publish()
    send_digests("--now")
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = re.search(r"https?://[^/]+(/[^>]+)>", header).group(1)
    Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert not Follow.objects.filter(pk=follow.pk).exists()


def test_sent_digests_are_kept_30_days_and_are_in_the_download(county, publish, member, client):
    from follows.hooks import export_follows

    follow_of(member.email, "county", county.pk)
    publish(title="Med i sammanfattningen")
    send_digests("--now")
    exported = export_follows(member)["sammanfattningar"]
    assert len(exported) == 1 and "Med i sammanfattningen" in str(exported[0]["innehall"])
    Digest.objects.update(sent_at=timezone.now() - timezone.timedelta(days=31))
    send_digests()
    assert not Digest.objects.exists()
