"""People and examples for the adoption tests: an owner with a live example, and a member of
another organisation who reports that they have introduced it."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from adoptions.models import Adoption, AdoptionStageChange
from examples.models import ExampleIndexPage, Municipality
from members.models import MemberProfile
from tests.factories import ExamplePageFactory


def make_user(email, organisation=""):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="x", first_name=email.split("@")[0].title()
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    if organisation:
        MemberProfile.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def owner(db):
    return make_user("agare@example.se", "Region Örebro län")


@pytest.fixture
def adopter(db):
    return make_user("karin@example.se", "Region Västmanland")


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


@pytest.fixture
def example(owner):
    page = ExamplePageFactory(
        parent=ExampleIndexPage.objects.get(), title="Samverkan med civilsamhället", owner=owner
    )
    page.save_revision(user=owner)
    return page


def report_data(**overrides):
    vasteras = Municipality.objects.get(code="1980")
    data = {
        "organisation": "Västerås stad",
        "organisation_kind": "kommun",
        "municipality": vasteras.pk,
        "county": "",
        "month": "3",
        "year": "2024",
        "stage": "2",
        "local_changes": "Vi lade till tolkar vid varje träff.",
        "lessons": "Börja i liten skala.",
        "contact_name": "Karin Andersson",
        "contact_email": "karin@example.se",
        "contact_consent": "on",
    }
    data.update(overrides)
    return data


def make_adoption(example, reporter=None, status=Adoption.Status.PUBLISHED, **fields):
    municipality = fields.pop("municipality", None) or Municipality.objects.get(code="1980")
    adoption = Adoption.objects.create(
        example=example,
        reporter=reporter,
        organisation=fields.pop("organisation", "Västerås stad"),
        organisation_kind="kommun",
        municipality=municipality,
        started_on=datetime.date(2024, 3, 1),
        started_precision="month",
        stage=2,
        local_changes="Tolkar vid varje träff.",
        status=status,
        **fields,
    )
    AdoptionStageChange.objects.create(
        adoption=adoption, stage=2, date=adoption.started_on, precision="month"
    )
    return adoption
