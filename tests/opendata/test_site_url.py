"""Absolute links follow ``SITE_URL``: the demo served on 127.0.0.1:8000 once linked every feed
entry, CSV row, API ``url``, sitemap entry and calendar file to ``http://localhost/`` (port 80),
because the Wagtail Site record said so. The Site record now follows the setting, in the demo
loader (also on an older database), after ``migrate``, and mails use the same address.
"""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Site

import pytest
from defusedxml import ElementTree
from icalendar import Calendar

from examples.demo.loader import DemoLoader
from examples.models import ExamplePage, SeminarPage
from tests import sitemap
from tests.members.test_sharing import form_data
from website import siteurl

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SERVED = "http://127.0.0.1:8000"


def absolute_links(client) -> dict[str, list[str]]:
    """Every absolute link to a page in the feed, sitemap, API, CSV and a calendar file."""
    feed = ElementTree.fromstring(client.get("/flode/nya-exempel/").content)
    api = json.loads(client.get("/api/v1/exempel/").content)
    csv_text = b"".join(client.get("/sok/export.csv").streaming_content).decode("utf-8-sig")
    seminar = SeminarPage.objects.live().first()
    event = Calendar.from_ical(client.get(f"/kalender/seminarium-{seminar.pk}.ics").content)
    (event,) = event.walk("VEVENT")
    return {
        "atom": [
            link.get("href")
            for entry in feed.iter(f"{ATOM}entry")
            for link in entry.iter(f"{ATOM}link")
        ],
        "sitemap index": sitemap.sitemaps(client),
        "sitemap": sitemap.locations(client),
        "api": [example["url"] for example in api["results"]],
        "csv": [row[2] for row in list(csv.reader(io.StringIO(csv_text), delimiter=";"))[1:]],
        "ics": [str(event["URL"])],
    }


@pytest.mark.parametrize("database", ["older database", "no site yet"])
def test_loading_the_demo_with_a_site_url_makes_every_link_absolute_on_it(client, demo, database):
    if database == "no site yet":
        Site.objects.all().delete()
    with override_settings(SITE_URL=SERVED):
        DemoLoader(with_users=False).run()
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, SERVED)
        links = absolute_links(client)
        for output, urls in links.items():
            assert urls, output
            assert all(url.startswith(f"{SERVED}/") for url in urls), (output, urls[:3])
        event = client.get(f"/kalender/seminarium-{SeminarPage.objects.live().first().pk}.ics")
        assert b"@127.0.0.1\r\n" in event.content  # the UID is on the public host
        # Idempotent: a second run leaves the record alone.
        DemoLoader(with_users=False).run()
        assert Site.objects.get(is_default_site=True).root_url == SERVED


def test_migrate_brings_the_site_record_in_line(demo):
    with override_settings(SITE_URL="https://goda-exempel.example.se"):
        call_command("migrate", verbosity=0, interactive=False)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://goda-exempel.example.se"
    assert (
        ExamplePage.objects.live()
        .first()
        .get_full_url()
        .startswith("https://goda-exempel.example.se/goda-exempel/")
    )


def test_decision_mails_link_to_the_public_address(
    client, demo, django_capture_on_commit_callbacks
):
    public = "https://goda-exempel.example.se"
    member = get_user_model().objects.create_user(
        username="m@example.se", email="m@example.se", password="x"
    )
    member.groups.add(Group.objects.get(name="Medlemmar"))
    editor = get_user_model().objects.get(email="redaktor@example.se")
    client.force_login(member)
    assert client.post("/dela/", {**form_data(), "submit": "1"}).status_code == 302
    page = ExamplePage.objects.get(owner=member)
    with override_settings(SITE_URL=public):
        siteurl.sync_default_site()
        with django_capture_on_commit_callbacks(execute=True):
            page.current_workflow_state.current_task_state.approve(user=editor)
    (message,) = [m for m in mail.outbox if m.to == ["m@example.se"]]
    page = ExamplePage.objects.get(pk=page.pk)
    assert f"{public}{page.url}" in message.body
    assert f"{public}/mina-exempel/" in message.body


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
        ("https://Goda-Exempel.se:443", "https://goda-exempel.se"),
        ("http://localhost:80", "http://localhost"),
    ],
)
def test_site_url_is_written_as_wagtail_writes_a_root_url(given, normal):
    assert siteurl.normalise(given) == normal


@pytest.mark.parametrize(
    "given",
    [
        "127.0.0.1:8000",
        "ftp://goda-exempel.se",
        "https://goda-exempel.se:8443",
        "http://goda-exempel.se:443",
        "https://goda-exempel.se/webb",
        "https://goda-exempel.se:port",
    ],
)
def test_an_address_wagtail_cannot_hold_is_refused(given):
    with pytest.raises(ValueError, match="SITE_URL|Wagtail|port"):
        siteurl.normalise(given)


def test_the_settings_refuse_a_bad_site_url_at_start():
    result = subprocess.run(
        [sys.executable, "-c", "import website.settings.dev"],
        cwd=ROOT,
        env={"SITE_URL": "https://goda-exempel.se:8443", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "https" in result.stderr
