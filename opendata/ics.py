"""An iCalendar file (RFC 5545) for each seminar: ``/kalender/seminarium-<id>.ics``.

Written with the ``icalendar`` library, which folds lines at 75 octets, ends them with CRLF and
escapes commas, semicolons, backslashes and newlines. Times are given in UTC (``…Z``), so no
VTIMEZONE is needed and every calendar shows them in its own zone (14.00 in Stockholm on
7 February 2024 is ``20240207T130000Z``). Only live, public seminars have a file. Text values
hold no control character (RFC 5545's TEXT excludes them: ``website.text``), and the UID is on
the site's public host (``SITE_URL``), so it stays the same whatever host a visitor used.
"""

from datetime import UTC

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from icalendar import Calendar, Event

from examples.models import SeminarPage
from website import siteurl
from website.text import clean_line, clean_text

PRODID = "-//SKR//Goda exempel för hälsa//SV"


def _plain(html: str) -> str:
    """Rich text as plain lines (paragraphs and list items each on a line of their own)."""
    for tag in ("</p>", "</li>", "<br>", "<br/>", "</h2>", "</h3>"):
        html = html.replace(tag, tag + "\n")
    lines = (line.strip() for line in strip_tags(html).splitlines())
    return "\n".join(line for line in lines if line)


def seminar_calendar(seminar: SeminarPage, request) -> Calendar:
    url = seminar.get_full_url(request)
    items = seminar.programme()
    description = []
    if seminar.introduction:
        description.append(_plain(seminar.introduction))
    programme = [f"{n}. {item.example.title}" for n, item in enumerate(items, start=1)]
    if programme:
        description.append("Program:\n" + "\n".join(programme))
    if seminar.webcast_url:
        description.append(f"Webbsändning: {seminar.webcast_url}")
    description.append(f"Mer information: {url}")

    event = Event()
    event.add("uid", f"seminarium-{seminar.pk}@{siteurl.address().hostname}")
    event.add("dtstamp", (seminar.last_published_at or timezone.now()).astimezone(UTC))
    event.add("dtstart", seminar.starts_at.astimezone(UTC))
    if seminar.ends_at:
        event.add("dtend", seminar.ends_at.astimezone(UTC))
    event.add("summary", clean_line(seminar.title))
    location = seminar.place or ("Webbsändning" if seminar.webcast_url else "")
    if location:
        event.add("location", clean_line(location))
    event.add("url", url)
    event.add("description", clean_text("\n\n".join(description)))

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean_line(seminar.title))
    calendar.add_component(event)
    return calendar


def seminar_ics(request, seminar_id: int):
    seminar = get_object_or_404(SeminarPage.objects.live().public(), pk=seminar_id)
    response = HttpResponse(
        seminar_calendar(seminar, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    filename = slugify(seminar.title)[:80] or f"seminarium-{seminar.pk}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
