"""Every export stays valid whatever is stored: a U+000B in a live example's summary (Word's
manual line break, stored before input was cleaned) once made the Atom feeds answer 500.

The text is written past the ORM, as an older database holds it; each output is then read by
a strict consumer: an XML parser, the csv module, a strict JSON parser, the icalendar library.
"""

import csv
import io
import json

import pytest
from defusedxml import ElementTree
from icalendar import Calendar

from examples.models import ExamplePage, SeminarPage
from tests.opendata.conftest import index

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
STORED = "Första raden\x0bandra raden\x0c tredje\x07 och ett\x1b slut."
SHOWN = "Första raden\nandra raden\n tredje och ett slut."


def assert_no_control_characters(text: str) -> None:
    bad = sorted({f"U+{ord(ch):04X}" for ch in text if ord(ch) < 32 and ch not in "\t\n\r"})
    assert not bad, bad


@pytest.fixture
def dirty(demo, add_examples):
    (page,) = add_examples(1, title="Exemplet\x0bur Word")
    ExamplePage.objects.filter(pk=page.pk).update(title="Exemplet\x0bur Word", summary=STORED)
    page = ExamplePage.objects.get(pk=page.pk)
    index([page])
    assert "\x0b" in page.summary
    return page


@pytest.mark.parametrize(
    "path", ["/flode/nya-exempel/", "/flode/sok/", "/flode/sok/?q=raden", "/flode/sok/?sida=1"]
)
def test_the_feeds_parse_as_xml(client, dirty, path):
    response = client.get(path)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entry = next(
        e for e in root.findall(f"{ATOM}entry") if e.find(f"{ATOM}id").text.endswith(f"/{dirty.pk}")
    )
    assert entry.find(f"{ATOM}title").text == "Exemplet\nur Word"
    assert "Första raden\nandra raden\n tredje och ett slut." in entry.find(f"{ATOM}summary").text


def test_the_stage_feed_parses_as_xml(client, dirty):
    dirty.stage = 3
    dirty.save_revision().publish()
    ExamplePage.objects.filter(pk=dirty.pk).update(title="Exemplet\x0bur Word")
    response = client.get("/flode/steg/")
    assert response.status_code == 200
    titles = [e.text for e in ElementTree.fromstring(response.content).iter(f"{ATOM}title")]
    assert any(title.startswith("Exemplet\nur Word gick från steg") for title in titles)


def test_the_csv_keeps_one_row_per_example(client, dirty):
    response = client.get("/sok/export.csv", {"q": "raden"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert_no_control_characters(text)
    # Excel and many readers split lines on U+000B as well; the csv module must see 1 + 1 rows.
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    (row,) = [row for row in rows[1:] if row[0] == str(dirty.pk)]
    assert row[1] == "Exemplet\nur Word"
    assert row[3] == SHOWN


def test_the_api_is_strict_json_with_clean_text(client, dirty):
    detail = client.get(f"/api/v1/exempel/{dirty.pk}/").content.decode()
    listing = client.get("/api/v1/exempel/", {"q": "raden"}).content.decode()
    for body in (detail, listing):
        # A strict parser: no raw control characters, none escaped either.
        data = json.loads(body, strict=True)
        assert "\\u000b" not in body.lower() and "\\u0007" not in body.lower()
    assert data["results"][0]["summary"] == SHOWN


def test_the_calendar_file_parses_without_control_characters(client, demo):
    seminar = SeminarPage.objects.get(slug="seminarium-1-livet-som-barn-och-ungdom")
    SeminarPage.objects.filter(pk=seminar.pk).update(
        title="Seminarium\x0bett", place="Sal\x0b1", introduction="<p>Intro\x0bmed\x07 Word</p>"
    )
    response = client.get(f"/kalender/seminarium-{seminar.pk}.ics")
    assert response.status_code == 200
    assert_no_control_characters(response.content.decode())
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Seminarium ett"
    assert str(event["LOCATION"]) == "Sal 1"
    assert "Intro\nmed Word" in str(event["DESCRIPTION"])
