"""Hostile input to the adoption forms: never a server error, always a Swedish page, and what
is stored and shown is harmless (escaped, without control characters)."""

import datetime

from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adoptions.models import Adoption
from adoptions.services import decide
from examples.models import County, Municipality
from tests.adoptions.conftest import make_adoption, report_data
from tests.security import corpus
from tests.security.test_fuzz import (
    FUZZ,
    VALUE,
    assert_answered,
    ids_of,
    isolated,
    maybe_valid,
    member_client,
)

pytestmark = pytest.mark.django_db

STAGES = ["1", "2", "3", "4"]
YEARS = [str(y) for y in range(1985, datetime.date.today().year + 3)]
MONTHS = [str(m) for m in range(14)]


@FUZZ
@given(data=st.data())
def test_the_report_form_never_fails(adopter, example, data):
    form = {
        "organisation": data.draw(VALUE),
        "organisation_kind": data.draw(maybe_valid(["kommun", "region", "annan"])),
        "municipality": data.draw(maybe_valid(ids_of(Municipality))),
        "county": data.draw(maybe_valid(ids_of(County))),
        "month": data.draw(maybe_valid(MONTHS)),
        "year": data.draw(maybe_valid(YEARS)),
        "stage": data.draw(maybe_valid(STAGES)),
        "local_changes": data.draw(VALUE),
        "lessons": data.draw(VALUE),
        "contact_name": data.draw(VALUE),
        "contact_email": data.draw(st.one_of(VALUE, st.emails())),
        "contact_consent": data.draw(st.sampled_from(["", "on", "\x00"])),
    }
    with isolated():
        assert_answered(
            member_client(adopter).post(reverse("adoption_report", args=[example.pk]), form)
        )


@FUZZ
@given(data=st.data())
def test_the_spread_place_form_never_fails(owner, example, data):
    form = {
        "municipality": data.draw(maybe_valid(ids_of(Municipality))),
        "county": data.draw(maybe_valid(ids_of(County))),
        "name": data.draw(VALUE),
        "count": data.draw(maybe_valid(["1", "6", "290", "291", "0", "-1"])),
        "month": data.draw(maybe_valid(MONTHS)),
        "year": data.draw(maybe_valid(YEARS)),
        "stage": data.draw(maybe_valid(STAGES)),
    }
    with isolated():
        assert_answered(
            member_client(owner).post(reverse("spread_places", args=[example.pk]), form)
        )


@FUZZ
@given(data=st.data())
def test_the_stage_form_never_fails(adopter, example, data):
    adoption = make_adoption(example, adopter)
    form = {
        "stage": data.draw(maybe_valid(STAGES)),
        "month": data.draw(maybe_valid(MONTHS)),
        "year": data.draw(maybe_valid(YEARS)),
        "note": data.draw(VALUE),
    }
    with isolated():
        assert_answered(
            member_client(adopter).post(reverse("adoption_new_stage", args=[adoption.pk]), form)
        )


@pytest.mark.parametrize("payload", corpus.XSS_PAYLOADS)
def test_scripts_in_a_report_are_shown_as_text(client, adopter, editor, example, payload):
    client.force_login(adopter)
    data = report_data(
        organisation=f"Org {payload}",
        local_changes=f"Ändrat {payload}",
        lessons=payload,
        contact_name=payload,
        contact_email="karin@example.se",
    )
    response = client.post(reverse("adoption_report", args=[example.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    adoption = Adoption.objects.get()
    decide(adoption.pk, editor, approve=True)
    html = client.get(example.url).content.decode()
    assert "Org " in html
    if "<" in payload:  # markup arrives as text, never as a tag
        assert payload not in html
    assert 'href="javascript:' not in html


def test_control_characters_are_stripped_where_text_enters(client, adopter, example):
    """Word's line break (U+000B) becomes a newline, or a space in a one-line field."""
    client.force_login(adopter)
    data = report_data(organisation="Västerås\x0bstad", local_changes="Rad ett\x0bRad två\x1f")
    assert client.post(reverse("adoption_report", args=[example.pk]), data).status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.organisation == "Västerås stad"
    assert adoption.local_changes == "Rad ett\nRad två"


def test_a_nul_character_gets_a_swedish_message(client, adopter, example):
    client.force_login(adopter)
    response = client.post(
        reverse("adoption_report", args=[example.pk]), report_data(lessons="a\x00b")
    )
    assert response.status_code == 400
    assert "Null-tecken är inte tillåtna." in response.content.decode()
    assert not Adoption.objects.exists()


def test_overlong_text_gets_a_swedish_message_and_is_kept(client, adopter, example):
    client.force_login(adopter)
    long_text = "å" * 4001
    response = client.post(
        reverse("adoption_report", args=[example.pk]), report_data(local_changes=long_text)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Säkerställ att detta värde har som mest 4000 tecken" in html
    assert long_text in html
