"""People and an example for the assessment tests: its owner, two assessors, an editor."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import pytest

from assessments.models import CriteriaVersion
from examples.models import ExamplePage
from tests.mfa_helpers import login_with_mfa


def make_user(email, *groups, first_name=""):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="x", first_name=first_name
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def owner(db):
    return make_user("agare@example.se", "Medlemmar", first_name="Ägare")


@pytest.fixture
def example(owner):
    page = ExamplePage.objects.live().order_by("pk").first()
    page.owner = owner
    page.save(update_fields=["owner"])
    return page


@pytest.fixture
def assessor_a(db):
    return make_user("bedomare.a@example.se", "Bedömare", first_name="Alva")


@pytest.fixture
def assessor_b(db):
    return make_user("bedomare.b@example.se", "Bedömare", first_name="Bertil")


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


@pytest.fixture
def criteria(db):
    return list(CriteriaVersion.objects.current().criteria.order_by("sort_order"))


def staff_client(user):
    client = Client()
    login_with_mfa(client, user)
    return client


def member_client(user):
    client = Client()
    client.force_login(user)
    return client


def answers_data(criteria, result="uppfyllt", motivation="Beskrivs tydligt.", **extra):
    data = {"summary": "Ett väl beskrivet exempel.", "internal_note": "Intern.", **extra}
    for criterion in criteria:
        data[f"result_{criterion.pk}"] = result
        data[f"motivation_{criterion.pk}"] = motivation
    return data
