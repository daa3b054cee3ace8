"""Fixtures of the follows tests: a member, new examples published the way editors publish them
(a revision, so ``first_published_at`` and the publish log are real), and running the digests."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest
from allauth.account.models import EmailAddress

from examples.models import County, Goal
from follows.models import Follow, Subscriber
from members.models import MEMBERS_GROUP
from tests.factories import ExamplePageFactory


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="bevakare@example.se", email="bevakare@example.se", password="x-y-z-42-lång"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def county(demo):
    return County.objects.order_by("code").first()


@pytest.fixture
def publish(example_index):
    def make(**fields):
        page = ExamplePageFactory(parent=example_index, **fields)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def follow_of(address, kind, target, url="/", **fields):
    subscriber, _ = Subscriber.objects.get_or_create(email=address, user=None)
    fields.setdefault("confirmed_at", subscriber.created_at)
    fields.setdefault("name", f"{address}: {kind} {target}")
    return Follow.objects.create(
        subscriber=subscriber, kind=kind, target=str(target), url=url, **fields
    )


def send_digests(*args):
    out = StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


__all__ = ["Goal", "follow_of", "send_digests"]
