"""Scheduled publishing: ``manage.py publish_scheduled`` (run from cron) does what editors set.

An editor sets "Publiceras" (``go_live_at``) or "Upphör" (``expire_at``) under the page's
settings and publishes; Wagtail then only records the schedule. Nothing happens at that moment
unless the periodic command runs, so these tests run it "two hours later" (the clock is moved
forward for the command) and check what a visitor and the search see.
"""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from examples.models import ExamplePage
from search.backends.base import SearchParams
from search.backends.database import DatabaseBackend
from search.models import SearchDocument
from tests.factories import ExamplePageFactory

pytestmark = pytest.mark.django_db


def run_publish_scheduled(monkeypatch, later: timedelta):
    """The cron job, as if it ran ``later`` from now; index updates run as after a commit."""
    now = timezone.now() + later
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: now)
        call_command("publish_scheduled", stdout=StringIO())


def found(words):
    return {hit.page_id for hit in DatabaseBackend().search(SearchParams(query=words)).hits}


def test_a_scheduled_example_goes_live_when_the_command_runs(
    example_index, client, monkeypatch, django_capture_on_commit_callbacks
):
    page = ExamplePageFactory(
        parent=example_index, live=False, title="Simskola för nyanlända", slug="simskola"
    )
    page.go_live_at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        revision = page.save_revision()
        revision.publish()

    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live and revision.approved_go_live_at == page.go_live_at
    assert client.get("/goda-exempel/simskola/").status_code == 404
    assert page.pk not in found("simskola nyanlända")

    with django_capture_on_commit_callbacks(execute=True):
        run_publish_scheduled(monkeypatch, timedelta(hours=2))

    page.refresh_from_db()
    assert page.live and page.first_published_at is not None
    response = client.get("/goda-exempel/simskola/")
    assert response.status_code == 200 and "Simskola för nyanlända" in response.content.decode()
    assert "Simskola för nyanlända" in client.get("/goda-exempel/").content.decode()
    assert page.pk in found("simskola nyanlända")
    assert "Simskola för nyanlända" in client.get("/sok/?q=simskola").content.decode()


def test_a_scheduled_revision_of_a_live_example_replaces_it_on_time(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    page = ExamplePage.objects.get(slug="sexit-jamtland")
    page.title = "SEXIT – nu i hela länet"
    page.go_live_at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "SEXIT – nu i hela länet" not in client.get(page.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        run_publish_scheduled(monkeypatch, timedelta(hours=2))

    assert "SEXIT – nu i hela länet" in client.get(page.url).content.decode()
    assert SearchDocument.objects.get(pk=page.pk).title == "SEXIT – nu i hela länet"


def test_an_expired_example_leaves_the_site_and_the_search(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    page = ExamplePage.objects.get(slug="sexit-jamtland")
    page.expire_at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get(page.url).status_code == 200  # not expired yet
    assert page.pk in found("SEXIT")

    with django_capture_on_commit_callbacks(execute=True):
        run_publish_scheduled(monkeypatch, timedelta(hours=2))

    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404
    assert page.pk not in found("SEXIT")
    assert not SearchDocument.objects.filter(pk=page.pk).exists()
    assert "SEXIT" not in client.get("/goda-exempel/").content.decode()


def test_nothing_happens_before_the_time(monkeypatch, django_capture_on_commit_callbacks):
    page = ExamplePage.objects.get(slug="sexit-jamtland")
    page.expire_at = timezone.now() + timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        run_publish_scheduled(monkeypatch, timedelta(hours=2))
    page.refresh_from_db()
    assert page.live and not page.expired
