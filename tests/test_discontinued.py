"""Discontinued work stays visible (issue #17): the "Avslutat" status of an example.

The example keeps its page, stage history and places; the page header, cards, search results,
the search facet, the API, the CSV export and the stage feed all say it was discontinued, when
and why. The checks of the fields hold whoever saves them (admin, member, script).
"""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from examples.models import DiscontinuedReason, ExamplePage, StageChange
from tests.factories import ExamplePageFactory
from tests.mfa_helpers import login_with_mfa
from tests.opendata.conftest import index

pytestmark = pytest.mark.django_db

STOPPED = datetime.date(2025, 3, 1)


def discontinue(page, **fields):
    """Mark ``page`` discontinued and publish that, as an editor's "Publicera" does."""
    page = ExamplePage.objects.get(pk=page.pk)
    values = {
        "discontinued_on": STOPPED,
        "discontinued_precision": "month",
        "discontinued_reason": DiscontinuedReason.FUNDING,
        "discontinued_lesson": "Säkra finansieringen för drift innan piloten slutar.",
        **fields,
    }
    for name, value in values.items():
        setattr(page, name, value)
    page.full_clean()
    page.save_revision().publish()
    page = ExamplePage.objects.get(pk=page.pk)
    index([page])
    return page


@pytest.fixture
def stopped(example_index):
    page = ExamplePageFactory(parent=example_index, title="Nedlagd hälsoskola")
    page.stage_history.add(StageChange(stage=1, date=datetime.date(2022, 3, 1)))
    page.save_revision().publish()
    return discontinue(page)


# The fields' checks ------------------------------------------------------------------------


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_a_reason_without_a_date_is_refused(example_index):
    page = ExamplePageFactory(parent=example_index)
    page.discontinued_reason = DiscontinuedReason.NO_EFFECT
    assert "discontinued_on" in errors_of(page)


def test_a_date_needs_a_reason_and_cannot_lie_ahead(example_index):
    page = ExamplePageFactory(parent=example_index)
    page.discontinued_on = datetime.date.today() + datetime.timedelta(days=40)
    errors = errors_of(page)
    assert errors["discontinued_on"] == ["Datumet kan inte ligga i framtiden."]
    assert errors["discontinued_reason"] == ["Välj varför arbetet avslutades."]


def test_other_needs_an_explanation(example_index):
    page = ExamplePageFactory(parent=example_index)
    page.discontinued_on = STOPPED
    page.discontinued_reason = DiscontinuedReason.OTHER
    assert errors_of(page) == {"discontinued_reason_text": ["Beskriv varför arbetet avslutades."]}


def test_a_replacing_example_only_with_the_replaced_reason_and_never_itself(example_index):
    page = ExamplePageFactory(parent=example_index)
    other = ExamplePageFactory(parent=example_index)
    page.discontinued_on = STOPPED
    page.discontinued_reason = DiscontinuedReason.FUNDING
    page.replaced_by = other
    assert "replaced_by" in errors_of(page)
    page.discontinued_reason = DiscontinuedReason.REPLACED
    page.replaced_by = page
    assert errors_of(page) == {"replaced_by": ["Ett exempel kan inte ersätta sig självt."]}
    page.replaced_by = other
    page.full_clean()


# What a visitor sees ----------------------------------------------------------------------


def test_the_page_is_labelled_and_says_when_why_and_the_lesson(client, stopped):
    html = client.get(stopped.url).content.decode()
    header = html.split('<header class="example__header">')[1].split("</header>")[0]
    assert "Avslutat" in header and "mars 2025" in header
    assert "Arbetet har avslutats" in html
    assert "Finansieringen upphörde" in html
    assert "Säkra finansieringen för drift innan piloten slutar." in html
    # The history stays, and the period no longer claims the work goes on.
    assert "Steghistorik" in html and "mars 2022" in html
    assert "pågår" not in html.split('id="facts-heading"')[1].split("</dl>")[0]


def test_the_period_without_a_start_year_does_not_say_avslutat(client, example_index):
    page = ExamplePageFactory(parent=example_index, end_year=2022)
    html = client.get(page.url).content.decode()
    facts = html.split('id="facts-heading"')[1].split("</dl>")[0]
    assert "Till och med 2022" in facts
    assert "Avslutat" not in html


def test_the_replacing_example_is_linked_while_live(client, example_index):
    successor = ExamplePageFactory(parent=example_index, title="Hälsoskolan 2.0")
    page = discontinue(
        ExamplePageFactory(parent=example_index),
        discontinued_reason=DiscontinuedReason.REPLACED,
        replaced_by=successor,
    )
    assert f'<a href="{successor.url}">Hälsoskolan 2.0</a>' in client.get(page.url).content.decode()
    successor.unpublish()
    assert "Hälsoskolan 2.0" not in client.get(page.url).content.decode()


def test_cards_and_search_results_carry_the_label(client, stopped, example_index):
    ongoing = ExamplePageFactory(parent=example_index, title="Pågående hälsoskola")
    index([ongoing])
    listing = client.get("/goda-exempel/?lan=stockholms-lan").content.decode()
    results = client.get("/sok/?q=hälsoskola").content.decode()
    for html in (listing, results):
        card = html.split("Nedlagd hälsoskola")[1].split("</article>")[0]
        assert "status-label--discontinued" in card and "mars 2025" in card
        other = html.split("Pågående hälsoskola")[1].split("</article>")[0]
        assert "status-label" not in other


def test_resuming_removes_the_label_and_keeps_the_history(client, stopped):
    page = ExamplePage.objects.get(pk=stopped.pk)
    page.resume()
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Arbetet har avslutats" not in html
    assert "status-label--discontinued" not in html
    assert "mars 2022" in html


def test_the_admin_edit_page_has_the_avslutat_panel(client, stopped):
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    html = client.get(f"/admin/pages/{stopped.pk}/edit/").content.decode()
    for name in (
        "discontinued_on",
        "discontinued_precision",
        "discontinued_reason",
        "discontinued_reason_text",
        "replaced_by",
        "discontinued_lesson",
    ):
        assert f'name="{name}"' in html, name


# Search facet, open data ------------------------------------------------------------------


def test_the_search_facet_counts_ongoing_and_discontinued(client, stopped, example_index):
    index([ExamplePageFactory(parent=example_index, title="Pågående hälsoskola")])
    html = client.get("/sok/?q=hälsoskola").content.decode()
    assert "Pågående eller avslutat" in html
    only = client.get("/sok/?q=hälsoskola&status=avslutade").content.decode()
    assert "Nedlagd hälsoskola" in only and "Pågående hälsoskola" not in only
    ongoing = client.get("/sok/?q=hälsoskola&status=pagaende").content.decode()
    assert "Pågående hälsoskola" in ongoing and "Nedlagd hälsoskola" not in ongoing


def test_the_api_describes_the_discontinuation(client, stopped, example_index):
    successor = ExamplePageFactory(parent=example_index)
    page = discontinue(
        stopped,
        discontinued_reason=DiscontinuedReason.REPLACED,
        discontinued_reason_text="Ingår nu i regionens program.",
        replaced_by=successor,
    )
    body = client.get(f"/api/v1/exempel/{page.pk}/").json()
    assert body["discontinued"] == {
        "date": "2025-03-01",
        "precision": "month",
        "reason": "ersatt",
        "reason_label": "Ersatt av annat arbete",
        "reason_text": "Ingår nu i regionens program.",
        "replaced_by": successor.pk,
        "lesson": "Säkra finansieringen för drift innan piloten slutar.",
    }
    assert len(body["stage_history"]) == 2  # the history stays
    ongoing = client.get(f"/api/v1/exempel/{successor.pk}/").json()
    assert ongoing["discontinued"] is None
    listed = client.get("/api/v1/exempel/?status=avslutade").json()
    assert [item["id"] for item in listed["results"]] == [page.pk]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "Varför arbetet avslutades" in str(schema["DiscontinuedOut"])


def test_the_csv_has_the_discontinuation_columns(client, stopped):
    response = client.get("/sok/export.csv?status=avslutade")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1
    assert rows[0]["avslutat"] == "2025-03"
    assert rows[0]["avslutat, skäl"] == "Finansieringen upphörde"
    assert rows[0]["avslutat, lärdom"] == "Säkra finansieringen för drift innan piloten slutar."


def test_the_stage_feed_has_an_avslutat_entry(client, stopped):
    feed = client.get("/flode/steg/").content.decode()
    assert "Nedlagd hälsoskola avslutades, mars 2025" in feed
    assert f"exempel/{stopped.pk}/avslutat/2025-03-01" in feed


# Constant queries -------------------------------------------------------------------------


def count(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


def test_pages_with_discontinued_examples_make_a_constant_number_of_queries(client, example_index):
    successor = ExamplePageFactory(parent=example_index)

    def add(n):
        return [
            discontinue(
                ExamplePageFactory(parent=example_index, title=f"Avslutad hälsoskola {i}"),
                discontinued_reason=DiscontinuedReason.REPLACED,
                replaced_by=successor,
            )
            for i in range(n)
        ]

    first = add(2)[0]
    paths = [
        first.url,
        "/goda-exempel/?lan=stockholms-lan",
        "/sok/?q=hälsoskola&status=avslutade",
        "/api/v1/exempel/?status=avslutade",
        f"/api/v1/exempel/{first.pk}/",
        "/flode/steg/",
        "/sok/export.csv?status=avslutade",
    ]
    small = [count(client, path) for path in paths]
    add(8)
    large = [count(client, path) for path in paths]
    assert small == large, list(zip(paths, small, large, strict=True))


def admin_form(page, **fields):
    """The admin edit form of ``page`` as posted, with ``fields`` changed."""
    change = page.stage_history.get()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([]),
            "county": page.county_id,
            "stage": page.stage,
            "tags": "",
            "results": rich_text(""),
            "lessons": rich_text(""),
            "transfer": rich_text(""),
            "organisations": inline_formset([]),
            "attachments": inline_formset([]),
            "stage_history": inline_formset(
                [
                    {
                        "id": change.pk,
                        "stage": change.stage,
                        "date": change.date.isoformat(),
                        "precision": change.precision,
                        "note": change.note,
                    }
                ],
                initial=1,
            ),
            "comments": inline_formset([]),
            "discontinued_precision": "month",
            **fields,
        }
    )
    data["target_areas"] = [area.pk for area in page.target_areas.all()]
    return data


def test_an_editor_marks_and_resumes_in_the_admin(client, example_index):
    page = ExamplePageFactory(parent=example_index, title="Redaktörens exempel")
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    url = f"/admin/pages/{page.pk}/edit/"

    # "Annat" without an explanation is named next to the field; nothing is published.
    response = client.post(
        url,
        {
            **admin_form(page, discontinued_on="2025-03-01", discontinued_reason="annat"),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    assert "Beskriv varför arbetet avslutades." in response.content.decode()
    assert ExamplePage.objects.get(pk=page.pk).discontinued_on is None

    response = client.post(
        url,
        {
            **admin_form(
                page,
                discontinued_on="2025-03-01",
                discontinued_reason="ingen-effekt",
                discontinued_lesson="Mät tidigt.",
            ),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.discontinued_on == STOPPED and page.discontinued_lesson == "Mät tidigt."
    assert len(page.stage_timeline) == 1
    client.logout()
    assert "Gav inte effekt" in client.get(page.url).content.decode()

    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    response = client.post(
        url, {**admin_form(page, discontinued_on=""), "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not ExamplePage.objects.get(pk=page.pk).is_discontinued
