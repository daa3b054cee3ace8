"""The seminars' iCalendar files (RFC 5545), read back with the icalendar library."""

import zoneinfo
from datetime import datetime

import pytest
from icalendar import Calendar

from examples.models import SeminarPage

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture
def seminar(demo):
    return SeminarPage.objects.get(slug="seminarium-1-livet-som-barn-och-ungdom")


def ics(client, seminar):
    response = client.get(f"/kalender/seminarium-{seminar.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def test_seminar_calendar(client, seminar):
    raw = ics(client, seminar)
    calendar = Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Seminarium 1: Livet som barn och ungdom"
    assert event["UID"] == f"seminarium-{seminar.pk}@localhost"
    assert event["URL"] == seminar.get_full_url()
    assert event["DTSTAMP"].dt.utcoffset().total_seconds() == 0
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start == datetime(2024, 2, 7, 14, 0, tzinfo=STOCKHOLM)
    assert end == datetime(2024, 2, 7, 16, 0, tzinfo=STOCKHOLM)
    assert b"DTSTART:20240207T130000Z\r\n" in raw
    description = str(event["DESCRIPTION"])
    assert "Program:\n1. " in description
    assert seminar.get_full_url() in description


def test_lines_are_crlf_folded_and_escaped(client, seminar):
    seminar.title = "Seminarium; med, tecken\\ och " + "långt namn " * 10
    seminar.place = "Sal 1, plan 2; SKR"
    seminar.save_revision().publish()
    raw = ics(client, seminar)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"LOCATION:Sal 1\\, plan 2\\; SKR\r\n" in raw
    unfolded = raw.replace(b"\r\n ", b"")
    assert b"SUMMARY:Seminarium\\; med\\, tecken\\\\ och " in unfolded
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Sal 1, plan 2; SKR"
    assert str(event["SUMMARY"]) == seminar.title


def test_offered_on_the_seminar_page(client, seminar):
    html = client.get(seminar.url).content.decode()
    assert f'href="/kalender/seminarium-{seminar.pk}.ics"' in html


def test_only_live_seminars(client, seminar):
    seminar.unpublish()
    assert client.get(f"/kalender/seminarium-{seminar.pk}.ics").status_code == 404
    assert client.get("/kalender/seminarium-999999.ics").status_code == 404


def test_a_view_restricted_example_is_left_out_of_the_programme(client, seminar):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    hidden, shown = [item.example for item in seminar.items.order_by("sort_order")[:2]]
    assert hidden.title.encode() in ics(client, seminar).replace(b"\r\n ", b"")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Redaktörer")])

    description = str(Calendar.from_ical(ics(client, seminar)).walk("VEVENT")[0]["DESCRIPTION"])
    assert hidden.title not in description
    assert f"1. {shown.title}" in description
