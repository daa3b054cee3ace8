"""A good example: its dated stage history, default tag, contact consent and validation."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from examples.models import DEFAULT_TAG, ExamplePage, Stage, StageChange
from members.models import MemberProfile
from tests.factories import ExamplePageFactory

pytestmark = pytest.mark.django_db


def history(page):
    page = ExamplePage.objects.get(pk=page.pk)
    return [(change.stage, change.date) for change in page.stage_timeline]


def test_a_new_example_dates_its_first_stage(example_index):
    page = ExamplePageFactory(parent=example_index, stage=Stage.TRIAL)
    assert history(page) == [(Stage.TRIAL, timezone.localdate())]


def test_a_stage_change_through_a_revision_is_dated_and_kept(example_index):
    page = ExamplePageFactory(parent=example_index, stage=Stage.TRIAL)
    first = page.stage_history.get()
    first.date = datetime.date(2024, 3, 1)
    first.save()

    page = ExamplePage.objects.get(pk=page.pk)
    page.stage = Stage.SCALING
    page.save_revision().publish()

    assert history(page) == [
        (Stage.TRIAL, datetime.date(2024, 3, 1)),
        (Stage.SCALING, timezone.localdate()),
    ]


def test_a_draft_stage_change_lives_in_the_revision_until_published(example_index):
    page = ExamplePageFactory(parent=example_index, stage=Stage.TRIAL)
    page = ExamplePage.objects.get(pk=page.pk)
    page.stage = Stage.REGULAR
    revision = page.save_revision()

    assert [c.stage for c in ExamplePage.objects.get(pk=page.pk).stage_timeline] == [Stage.TRIAL]
    draft = revision.as_object()
    assert [c.stage for c in draft.stage_timeline] == [Stage.TRIAL, Stage.REGULAR]


def test_saving_without_a_stage_change_adds_no_entry(example_index):
    page = ExamplePageFactory(parent=example_index, stage=Stage.TRIAL)
    page = ExamplePage.objects.get(pk=page.pk)
    page.summary = "Ny ingress."
    page.save_revision().publish()
    assert len(history(page)) == 1


def test_the_page_shows_the_timeline_in_order(client, example_index):
    page = ExamplePageFactory(parent=example_index, stage=Stage.TRIAL)
    page.stage_history.update(date=datetime.date(2024, 3, 1))
    page = ExamplePage.objects.get(pk=page.pk)
    page.stage = Stage.SCALING
    page.save_revision().publish()
    StageChange.objects.filter(page=page, stage=Stage.SCALING).update(
        date=datetime.date(2025, 6, 1), precision=StageChange.Precision.MONTH
    )

    html = client.get(page.url).content.decode()
    timeline = html[html.index('class="timeline"') :]
    assert timeline.index("1 mars 2024") < timeline.index("juni 2025")
    assert (
        "Steg 3: Förändrade angreppssätt visar på förbättringar och införs i större skala"
        in timeline
    )
    assert 'aria-current="step"' in html


def test_every_example_is_tagged_strategiforhalsa(example_index):
    page = ExamplePageFactory(parent=example_index)
    assert DEFAULT_TAG in ExamplePage.objects.get(pk=page.pk).tags.names()


def test_end_year_before_start_year_is_refused(example_index):
    page = ExamplePageFactory.build(start_year=2022, end_year=2020)
    with pytest.raises(ValidationError) as error:
        example_index.add_child(instance=page)
    assert "Slutåret kan inte vara före startåret." in str(error.value)


def test_contact_details_show_only_with_the_owners_consent(client, example_index):
    owner = get_user_model().objects.create_user(
        username="anna", email="anna@example.se", password="x"
    )
    profile = MemberProfile.objects.create(user=owner)
    page = ExamplePageFactory(
        parent=example_index,
        owner=owner,
        contact_name="Anna Andersson",
        contact_email="anna@example.se",
    )

    assert "anna@example.se" not in client.get(page.url).content.decode()

    profile.contact_consent_at = timezone.now()
    profile.save()
    assert "anna@example.se" in client.get(page.url).content.decode()
